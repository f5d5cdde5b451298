import { Controller, Get, Inject, Param, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore, StoredEvent } from '#event-store';
import { streamIdOf } from '#domain';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal, hasRole } from '../../auth/principal';
import { ProblemException } from '../../problem/problem';
import { RecordsAuditAccess } from '../../audit/access-log';
import { ApplicationAccess } from '../application-access';

/** Event data that only auditors see: individual committee votes (sealed), in any event that carries them. */
const SEALED_FIELDS = ['vote', 'votes'];

export function redactSealed(event: StoredEvent): StoredEvent {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return event;
  const fields = data.fields as Record<string, unknown> | undefined;
  const sealedTop = SEALED_FIELDS.filter((f) => f in data);
  const sealedFields = fields ? SEALED_FIELDS.filter((f) => f in fields) : [];
  if (sealedTop.length === 0 && sealedFields.length === 0) return event;
  const copy: Record<string, unknown> = { ...data };
  for (const f of sealedTop) copy[f] = '[sealed]';
  if (fields && sealedFields.length) copy.fields = { ...fields, ...Object.fromEntries(sealedFields.map((f) => [f, '[sealed]'])) };
  return { ...event, data: copy };
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('applications')
export class GetEventsController {
  constructor(
    private readonly access: ApplicationAccess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':id/events')
  @UseInterceptors(RecordsAuditAccess)
  @ApiOperation({ summary: "An application's events in version order (auditors; its applicant with sealed fields redacted)" })
  async events(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<StoredEvent[]> {
    const row = await this.access.visible(caller, id);
    const auditor = hasRole(caller, 'auditor');
    if (!auditor && !(hasRole(caller, 'applicant') && row.applicant_sub === caller.sub)) {
      throw ProblemException.of(403, 'FORBIDDEN', 'events are for auditors and the applicant');
    }
    // Personal fields are stored sealed, and `data` is what the hash covers: auditors get it as stored, with the
    // fields opened beside it (`openedData`, only where something was sealed); the applicant their own, opened.
    const { stored: events, opened } = await this.store.readStreamOpened(streamIdOf(id));
    if (!auditor) return opened.map(redactSealed);
    return events.map((e, i) => (opened[i].data === e.data ? e : { ...e, openedData: opened[i].data }));
  }
}
