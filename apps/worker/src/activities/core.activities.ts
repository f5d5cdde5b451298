import { ApplicationFailure } from '@temporalio/activity';
import type { ApplicationEvent, NewEvent, RecordedEvent, TimerSpec } from '#domain';
import { ApplicationState, replay, Deadline, deadlineAfter, DomainError, workingCalendar } from '#domain';
import type { PublishedCalendars } from '#registries';
import { EventStore } from '#event-store';
import type { CoreActivities } from '#workflows';

/** A domain verdict is final: retrying cannot change it. Anything else (I/O) is retried by Temporal. */
export function asActivityFailure(err: unknown): unknown {
  if (err instanceof DomainError) {
    return ApplicationFailure.create({ type: err.code, message: err.message, details: [err.details], nonRetryable: true });
  }
  return err;
}

export class CoreActivitiesImpl implements CoreActivities {
  constructor(
    private readonly store: EventStore,
    private readonly calendars?: PublishedCalendars,
  ) {}

  async appendEvents(streamId: string, expectedVersion: number, events: NewEvent[]): Promise<RecordedEvent[]> {
    try {
      const result = await this.store.append(streamId, expectedVersion, events);
      return result.events as RecordedEvent[];
    } catch (err) {
      throw asActivityFailure(err);
    }
  }

  async computeDeadline(from: string, spec: TimerSpec): Promise<Deadline> {
    return deadlineAfter(from, spec, workingCalendar(this.calendars ? await this.calendars.years() : []));
  }

  /** The application folded from its events, personal fields opened (a continued run pays to the real account). */
  async loadApplication(streamId: string): Promise<ApplicationState | null> {
    return replay((await this.store.readStreamOpened<ApplicationEvent>(streamId)).opened);
  }
}
