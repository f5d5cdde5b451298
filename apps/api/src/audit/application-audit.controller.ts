import { Controller, Get, Inject, Param, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import archiver from 'archiver';
import { Readable } from 'node:stream';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { ApplicationEvent, ApplicationState, DocumentRef, StreamEvent, replay, timeline, streamIdOf, workflowIdOf } from '#domain';
import { EventStore, StoredEvent, EVENT_STORE, ChainVerdict } from '#event-store';
import { crossCheck, CrossCheck, decodeHistory, TEMPORAL_CLIENT, TEMPORAL_PAYLOAD_CODEC } from '#temporal';
import type { PayloadCodec } from '@temporalio/common';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ApplicationAccess } from '../applications/application-access';
import { ProblemException } from '../problem/problem';
import { RecordsAuditAccess } from './access-log';
import { DocumentStorage } from '../documents/document-storage';
import { DOCUMENT_STORAGE, Documents } from '../documents/documents';

type History = temporal.api.history.v1.IHistory;

/** What an auditor asks of one application; every answer is rebuilt from the events, and every read is logged. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@UseInterceptors(RecordsAuditAccess)
@Controller('audit/applications')
export class ApplicationAuditController {
  constructor(
    private readonly access: ApplicationAccess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    @Inject(TEMPORAL_PAYLOAD_CODEC) private readonly codec: PayloadCodec,
    private readonly documents: Documents,
  ) {}

  @Get(':id/state')
  @ApiQuery({ name: 'version', required: false })
  @ApiQuery({ name: 'at', required: false, description: 'ISO-8601 instant' })
  @ApiOperation({ summary: 'The application as of a version or an instant, rebuilt with the workflows’ evolve' })
  async state(
    @Param('id') id: string,
    @CurrentUser() caller: Principal,
    @Query('version') version?: string,
    @Query('at') at?: string,
  ): Promise<{ version: number; state: ApplicationState }> {
    const errors = [];
    if ((version === undefined) === (at === undefined)) errors.push({ path: 'version', message: 'give exactly one of version or at' });
    if (version !== undefined && !/^[1-9]\d{0,8}$/.test(version)) errors.push({ path: 'version', message: 'version must be a positive integer' });
    if (at !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(Date.parse(at)))) errors.push({ path: 'at', message: 'at must be an ISO-8601 instant' });
    if (errors.length) throw ProblemException.validation(errors);
    await this.access.visible(caller, id);
    const events = (await this.store.readStreamOpened<ApplicationEvent>(streamIdOf(id), version ? { toVersion: Number(version) } : { until: new Date(at!).toISOString() })).opened;
    if (events.length === 0 || (version && events[events.length - 1].version < Number(version))) {
      throw ProblemException.notFound(version ? 'version of this application' : 'state at that time (before submission)');
    }
    return { version: events[events.length - 1].version, state: replay(events)! };
  }

  @Get(':id/verify')
  @ApiOperation({ summary: "Verify one application's hash chain" })
  async verify(
    @Param('id') id: string,
    @CurrentUser() caller: Principal,
  ): Promise<
    Omit<ChainVerdict, 'problem'> & { problem?: string; documents: { documentId: string; key: string; sha256: string; intact: boolean; erased?: true }[] }
  > {
    const row = await this.access.visible(caller, id);
    const chain = await this.store.verifyStream(streamIdOf(id));
    // The stored files against the hashes the chain recorded: a file changed (or lost) behind the system's back is
    // named; one removed by an erasure is reported as erased (its hash stays in the chain).
    const erased = await this.documents.erased((row.state.documents ?? []).map((d) => d.documentId));
    const documents = await Promise.all(
      (row.state.documents ?? []).map(async (d) =>
        erased.has(d.documentId)
          ? { documentId: d.documentId, key: d.key, sha256: d.sha256, intact: false, erased: true as const }
          : { documentId: d.documentId, key: d.key, sha256: d.sha256, intact: (await this.storage.rehash(d.sha256)) === d.sha256 },
      ),
    );
    const broken = documents.filter((d) => !d.intact && !('erased' in d));
    if (broken.length === 0) return { ...chain, documents };
    const problem = `stored document(s) no longer match their recorded SHA-256: ${broken.map((d) => `${d.key} ${d.documentId}`).join(', ')}`;
    return { ...chain, valid: false, problem: chain.problem ? `${chain.problem}; ${problem}` : problem, documents };
  }

  @Get(':id/workflow-history')
  @ApiOperation({ summary: "The Temporal history of the application's workflow (every run, oldest first), payloads decrypted" })
  async workflowHistory(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<unknown[]> {
    await this.access.visible(caller, id);
    const histories = await Promise.all((await this.histories(id)).map((h) => decodeHistory(h, this.codec)));
    return histories.map((h) => JSON.parse(historyToJSON(h as never)) as unknown);
  }

  @Get(':id/cross-check')
  @ApiOperation({ summary: 'Every stored event matches an append recorded in the Temporal history, and vice versa' })
  async crossCheck(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<CrossCheck> {
    await this.access.visible(caller, id);
    const [histories, events] = await Promise.all([this.histories(id), this.store.readStream(streamIdOf(id))]);
    return crossCheck(histories, events, this.codec);
  }

  @Get(':id/export')
  @ApiQuery({ name: 'format', enum: ['jsonl', 'csv'] })
  @ApiQuery({ name: 'withFiles', enum: ['true', 'false'], required: false, description: 'true: a zip of the dossier and the documents themselves' })
  @ApiOperation({ summary: 'The dossier: events, a readable timeline and the verification result, as JSON Lines or CSV (with the files: a zip)' })
  async export(
    @Param('id') id: string,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('format') format = 'jsonl',
    @Query('withFiles') withFiles = 'false',
  ): Promise<string | StreamableFile> {
    const errors = [];
    if (format !== 'jsonl' && format !== 'csv') errors.push({ path: 'format', message: 'format must be jsonl or csv' });
    if (withFiles !== 'true' && withFiles !== 'false') errors.push({ path: 'withFiles', message: 'withFiles must be true or false' });
    if (errors.length) throw ProblemException.validation(errors);
    await this.access.visible(caller, id);
    const events = await this.store.readStream<ApplicationEvent>(streamIdOf(id));
    const dossier = await this.dossier(id, events, format, caller);
    if (withFiles === 'true') {
      // The dossier and every version of every document, streamed as a zip (each file's SHA-256 is in the dossier).
      const zip = archiver('zip', { zlib: { level: 6 } });
      // A file that cannot be read aborts the transfer: the auditor never gets a short zip that looks whole.
      zip.on('error', (err) => zip.destroy(err));
      zip.append(dossier, { name: `dossier.${format}` });
      const erased = await this.documents.erased(documentsOf(events).map((d) => d.documentId));
      for (const d of documentsOf(events).filter((f) => !erased.has(f.documentId))) zip.append(lazily(() => this.storage.open(d.sha256)), { name: `documents/${d.key}-${d.documentId}.${d.type}` });
      void zip.finalize();
      void reply.header('content-disposition', `attachment; filename="application-${id}.zip"`);
      return new StreamableFile(zip, { type: 'application/zip' });
    }
    void reply.header('content-disposition', `attachment; filename="application-${id}.${format}"`);
    void reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    return dossier;
  }

  private async dossier(id: string, events: StreamEvent<ApplicationEvent>[], format: string, caller: Principal): Promise<string> {
    const verification = await this.store.verifyStream(streamIdOf(id));
    const opened = await this.store.open(events);
    const lines = timeline(opened);
    const exportedAt = new Date().toISOString();
    if (format === 'csv') {
      const header = ['version', 'recordedAt', 'actorId', 'actorRole', 'type', 'summary', 'policyVersion', 'hash'];
      const rows = lines.map((l) => header.map((k) => l[k as keyof typeof l]));
      const footer = [['verification', verification.valid ? 'valid' : 'INVALID', `events=${verification.eventCount}`, `head=${verification.headHash}`, verification.problem ?? '', '', '', ''], ['exportedAt', exportedAt, caller.sub, '', '', '', '', '']];
      return stringify([header, ...rows, ...footer]);
    }
    const records = [
      { record: 'dossier', applicationId: id, streamId: streamIdOf(id), exportedAt, exportedBy: caller.sub },
      ...documentsOf(opened).map((d) => ({ record: 'document', ...d })),
      // As stored (the hash covers it), with the sealed personal fields opened beside it for the auditor.
      ...events.map((event: StoredEvent, i) => ({ record: 'event', ...event, ...(opened[i].data !== event.data ? { openedData: opened[i].data } : {}) })),
      ...lines.map((entry) => ({ record: 'timeline', ...entry })),
      { record: 'verification', ...verification },
    ];
    return `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
  }

  /** Histories of every run of the workflow, following continue-as-new back to the first. */
  private async histories(id: string): Promise<History[]> {
    const out: History[] = [];
    let runId: string | undefined;
    for (let i = 0; i < 100; i += 1) {
      const history = (await this.temporal.workflow.getHandle(workflowIdOf(id), runId).fetchHistory()) as History;
      out.unshift(history);
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      runId = started?.continuedExecutionRunId || undefined;
      if (!runId) break;
    }
    return out;
  }
}

/** Every document an application holds, for the auditor: its materials (each version) and the tasks' attachments. */
function documentsOf(events: StreamEvent<ApplicationEvent>[]): (DocumentRef & { taskId?: string })[] {
  const state = replay(events);
  if (!state) return [];
  return [...(state.documents ?? []), ...Object.values(state.tasks).flatMap((t) => (t.documents ?? []).map((d) => ({ ...d, taskId: t.taskId })))];
}

/** A stream opened only when first read: a zip of many files holds one open file (or S3 request) at a time. */
function lazily(open: () => Readable): Readable {
  let source: Readable | undefined;
  const out: Readable = new Readable({
    read() {
      if (source) {
        source.resume();
        return;
      }
      source = open();
      source.on('data', (chunk: Buffer) => {
        if (!out.push(chunk)) source!.pause();
      });
      source.once('end', () => out.push(null));
      source.once('error', (err) => out.destroy(err));
    },
  });
  return out;
}
