import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEvent, ApplicationState, ErasureCandidate, documentsAbout, materialsOf, erasureVerdict, outstandingClawback, replay, retentionYearsOf, scrubPersonalNumbers, streamIdOf } from '#domain';
import { DATA_SOURCE, EVENT_STORE, EventStore, resealedStreamOf } from '#event-store';
import { People } from '#notifications';
import { forgetClaimants } from '#registries';
import { DocumentStorage } from '../../documents/document-storage';
import { DOCUMENT_STORAGE, Documents } from '../../documents/documents';
import { PolicyRepository } from '../../policies/policy.repository';
import { ProblemException } from '../../problem/problem';

/** The events of an erasure request (stream `erasure-<requestId>`): who asked, who confirmed, why — never the number. */
type ErasureEvent =
  | { type: 'ErasureRequested'; data: { subjects: string[]; requestedBy: string; reason: string; unsealedApplications: string[] } }
  | { type: 'SubjectErased'; data: { subjects: string[]; requestedBy: string; confirmedBy: string; reason: string; applications: string[] } };

const streamOf = (requestId: string) => `erasure-${requestId}`;
const metadata = (by: string) => ({ actor: { id: by, role: 'admin' as const }, workflowId: 'subject-erasure', policyVersion: 0 });

/**
 * Erasure of a person's personal data (PIPL Art. 47) by crypto-shredding: the subject's data key is destroyed,
 * so every sealed field of theirs in the append-only log reads `[已删除]` while the hash chain (over the sealed
 * text) still verifies. Four eyes: one admin asks, another confirms. Only once everything of theirs is closed and
 * kept for the retention period of the policy it was decided under.
 */
@Injectable()
export class SubjectErasure {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly policies: PolicyRepository,
    private readonly documents: Documents,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly people: People,
  ) {}

  async request(idNumber: string, reason: string, by: string): Promise<{ requestId: string }> {
    const sealer = this.store.sealing;
    if (!sealer) throw ProblemException.of(409, 'SEALING.OFF', 'personal fields are not sealed here (PII_SEALING=off): nothing can be erased by key');
    // The person's subjects (random ids): the request keeps these, never the number or its keyed hash.
    const subjects = ((await this.ds.query(`SELECT subject_id FROM subject_keys WHERE person_hmac = $1`, [sealer.personOf(idNumber)])) as { subject_id: string }[]).map((r) => r.subject_id);
    // Applications whose log holds personal fields in clear (filed before sealing, or before a field was sealed —
    // file names, a talent's own key): destroying a key cannot erase those.
    const theirs = (await this.ds.query(
      `SELECT a.id FROM applications a JOIN streams s ON s.stream_id = a.stream_id
       WHERE a.applicant_person = $1 OR s.subject_id = ANY($2) OR s.stream_id IN (SELECT stream_id FROM stream_subjects WHERE subject_id = ANY($2))`,
      [sealer.personOf(idNumber), subjects],
    )) as { id: string }[];
    const legacy: { id: string }[] = [];
    for (const a of theirs) if (await this.store.holdsClearPersonal(streamIdOf(a.id))) legacy.push(a);
    if (subjects.length === 0 && legacy.length === 0) throw ProblemException.notFound('person');
    const requestId = randomUUID();
    await this.store.append(streamOf(requestId), 0, [
      {
        eventId: randomUUID(),
        type: 'ErasureRequested',
        data: { subjects, requestedBy: by, reason: scrubPersonalNumbers(reason), unsealedApplications: legacy.map((l) => l.id) },
        metadata: metadata(by),
      },
    ]);
    return { requestId };
  }

  async confirm(requestId: string, by: string): Promise<{ requestId: string; erasedAt: string; applications: string[] }> {
    const events = /^[0-9a-f-]{36}$/i.test(requestId) ? await this.store.readStream<ErasureEvent>(streamOf(requestId)) : [];
    const asked = events.find((e) => e.type === 'ErasureRequested');
    if (!asked || asked.type !== 'ErasureRequested') throw ProblemException.notFound('erasure request');
    const done = events.find((e) => e.type === 'SubjectErased');
    if (done) throw ProblemException.of(409, 'ERASURE.ALREADY_CONFIRMED', `this request was confirmed at ${done.recordedAt}`);
    if (asked.data.requestedBy === by) throw ProblemException.of(403, 'ERASURE.FOUR_EYES', 'another administrator must confirm an erasure you requested');
    if (asked.data.unsealedApplications.length) {
      throw ProblemException.of(409, 'SUBJECT.UNSEALED_HISTORY', `applications filed before personal fields were sealed hold the data in clear: ${asked.data.unsealedApplications.join(', ')}`);
    }
    const subjects = asked.data.subjects;
    // 1. In one transaction: the keys locked (an append under way finishes first; a new one waits and then finds
    //    them gone), the files checked again under that lock, the keys and the keyed hash destroyed.
    const apps = await this.ds.transaction(async (m) => {
      await m.query(`SELECT subject_id FROM subject_keys WHERE subject_id = ANY($1) FOR UPDATE`, [subjects]);
      const held = await this.applicationsOf(m, subjects);
      const verdict = erasureVerdict(await this.candidates(held), new Date());
      if (!verdict.allowed) {
        throw verdict.code === 'SUBJECT.RETENTION'
          ? ProblemException.of(409, verdict.code, `the retention period runs until ${verdict.possibleFrom}`, undefined, { possibleFrom: verdict.possibleFrom })
          : ProblemException.of(409, verdict.code, `applications still open (or 复核 still possible): ${verdict.open.join(', ')}`, undefined, { open: verdict.open });
      }
      // The keyed hash of the person, wherever our tables compare people by it (read model, 不重复享受's claims,
      // certificate claims), goes with the key.
      const hashes = ((await m.query(`SELECT DISTINCT person_hmac FROM subject_keys WHERE subject_id = ANY($1) AND person_hmac IS NOT NULL`, [subjects])) as { person_hmac: string }[]).map((r) => r.person_hmac);
      await m.query(`UPDATE applications SET applicant_person = NULL WHERE applicant_person = ANY($1)`, [hashes]);
      await forgetClaimants(m, hashes);
      await m.query(`UPDATE subject_keys SET wrapped_key = NULL, person_hmac = NULL, erased_at = coalesce(erased_at, now()) WHERE subject_id = ANY($1)`, [subjects]);
      return held;
    });
    // 2. What else held the person, beside the log: the read models (folded from clear data: folded again from the
    //    log as it now reads, [已删除]); their documents (names and files: an applicant's, or a talent's own
    //    materials); where they were the applicant, their contact details, inbox and the addresses messages went to. Files are removed after the commit. Idempotent: after a
    //    crash, confirming again redoes 2 and 3.
    const theirs = apps.filter((a) => a.applicant);
    const documents: string[] = [];
    for (const a of apps) {
      const policy = await this.policies.version(a.state.program, a.policy_version);
      const materials = materialsOf(a.state.program, policy?.policy ?? ({} as never));
      if (a.applicant) documents.push(...documentsAbout(a.state, materials, 'applicant').map((d) => d.documentId));
      if (a.named) documents.push(...documentsAbout(a.state, materials, 'talent').map((d) => d.documentId));
    }
    const files = await this.ds.transaction(async (m) => {
      for (const app of apps) {
        await m.query(`SELECT id FROM applications WHERE id = $1 FOR UPDATE`, [app.id]);
        const state = replay((await this.store.readStreamOpened<ApplicationEvent>(streamIdOf(app.id))).opened);
        if (state) await m.query(`UPDATE applications SET state = $2 WHERE id = $1`, [app.id, JSON.stringify(state)]);
      }
      await this.people.forget(m, [...new Set(theirs.map((a) => a.state.applicant.sub))]);
      return this.documents.erase(m, documents);
    });
    for (const sha256 of files) await this.storage.remove(sha256);
    // 3. The record, in the hash chain: who, when, why — no number. After a crash before it, confirming again
    //    finds the files closed, the keys already gone, and redoes 2 and 3.
    const [erased] = (
      await this.store.append(streamOf(requestId), events.length, [
        {
          eventId: randomUUID(),
          type: 'SubjectErased',
          data: { subjects, requestedBy: asked.data.requestedBy, confirmedBy: by, reason: asked.data.reason, applications: apps.map((a) => a.id) },
          metadata: metadata(by),
        },
      ])
    ).events;
    return { requestId, erasedAt: erased.recordedAt, applications: apps.map((a) => a.id) };
  }

  /**
   * The applications that hold the person: as the applicant (`applicant`), or as someone named in it (a top
   * talent) — through their own stream or its sealed copy (`resealed-…`, which outlives an original the office
   * retired).
   */
  private async applicationsOf(m: EntityManager, subjects: readonly string[]): Promise<{ id: string; policy_version: number; state: ApplicationState; closed_at: Date; applicant: boolean; named: boolean }[]> {
    return m.query(
      `WITH held AS (
         SELECT s.stream_id, coalesce(s.subject_id = ANY($1), false) AS applicant,
                s.stream_id IN (SELECT stream_id FROM stream_subjects WHERE subject_id = ANY($1)) AS named
         FROM streams s
         WHERE s.subject_id = ANY($1) OR s.stream_id IN (SELECT stream_id FROM stream_subjects WHERE subject_id = ANY($1)))
       SELECT a.id, a.policy_version, a.state, bool_or(h.applicant) AS applicant, bool_or(h.named) AS named,
              (SELECT max(e.recorded_at) FROM events e WHERE e.stream_id IN (a.stream_id, $2 || a.stream_id)) AS closed_at
       FROM applications a JOIN held h ON h.stream_id IN (a.stream_id, $2 || a.stream_id)
       GROUP BY a.id ORDER BY min(a.submitted_at)`,
      [subjects, resealedStreamOf('')],
    );
  }

  private async candidates(apps: { id: string; policy_version: number; state: ApplicationState; closed_at: Date }[]): Promise<ErasureCandidate[]> {
    const out: ErasureCandidate[] = [];
    for (const a of apps) {
      const policy = await this.policies.version(a.state.program, a.policy_version);
      out.push({
        id: a.id,
        // A stop whose clawback is still being recovered is not over.
        status: outstandingClawback(a.state) ? 'in-payment' : a.state.status,
        // Closed when the last thing happened to it (a lapse after an approval, a window closing).
        closedAt: a.closed_at.toISOString(),
        ...(a.state.reconsideration ? { reconsideration: { status: a.state.reconsideration.status, dueAt: a.state.reconsideration.dueAt } } : {}),
        retentionYears: policy ? retentionYearsOf(policy.policy) : 10,
      });
    }
    return out;
  }
}
