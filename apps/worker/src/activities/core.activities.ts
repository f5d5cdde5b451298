import { ApplicationFailure } from '@temporalio/activity';
import type { ApplicationEvent, NewEvent, RecordedEvent } from '../../../../libs/domain/src/application/application.events';
import { ApplicationState, replay } from '../../../../libs/domain/src/application/application.state';
import { Deadline, deadlineAfter } from '../../../../libs/domain/src/calendar/working-days';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error';
import type { TimerSpec } from '../../../../libs/domain/src/shared/timers';
import { EventStore } from '../../../../libs/event-store/src/event-store';
import type { CoreActivities } from '../../../../workflows/shared/core.activities';

/** A domain verdict is final: retrying cannot change it. Anything else (I/O) is retried by Temporal. */
export function asActivityFailure(err: unknown): unknown {
  if (err instanceof DomainError) {
    return ApplicationFailure.create({ type: err.code, message: err.message, details: [err.details], nonRetryable: true });
  }
  return err;
}

export class CoreActivitiesImpl implements CoreActivities {
  constructor(private readonly store: EventStore) {}

  async appendEvents(streamId: string, expectedVersion: number, events: NewEvent[]): Promise<RecordedEvent[]> {
    try {
      const result = await this.store.append(streamId, expectedVersion, events);
      return result.events as RecordedEvent[];
    } catch (err) {
      throw asActivityFailure(err);
    }
  }

  async computeDeadline(from: string, spec: TimerSpec): Promise<Deadline> {
    return deadlineAfter(from, spec);
  }

  async loadApplication(streamId: string): Promise<ApplicationState | null> {
    return replay(await this.store.readStream<ApplicationEvent>(streamId));
  }
}
