import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { makeIdNumber } from '#test/support/fixtures';
import { requiredEnv } from '#test/support/workflow-env';
import { createDataSource, personOf } from '#event-store';
import { BenefitClaims, ReadModelAwardHistory } from './registries';

describe('benefit claims (不重复享受) on PostgreSQL', () => {
  let ds: DataSource;
  let claims: BenefitClaims;
  beforeAll(async () => {
    ds = await createDataSource({ url: requiredEnv('TEST_DATABASE_URL'), poolSize: 8 }).initialize();
    claims = new BenefitClaims(ds, personOf);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('lets exactly one of two excluded awards for one person through when both are checked at the same moment', async () => {
    for (let round = 0; round < 20; round += 1) {
      const person = makeIdNumber('1990-01-01');
      const [a, b] = await Promise.all([
        claims.claim(randomUUID(), 'degree-doubling', person, ['top-talent']),
        claims.claim(randomUUID(), 'top-talent', person, ['degree-doubling']),
      ]);
      expect([a.granted, b.granted].filter(Boolean)).toHaveLength(1);
    }
  });

  it('is idempotent for a retried check, ignores programs that do not exclude each other, and frees an ended award', async () => {
    const person = makeIdNumber('1991-01-01');
    const first = randomUUID();
    expect((await claims.claim(first, 'degree-doubling', person, ['top-talent'])).granted).toBe(true);
    expect((await claims.claim(first, 'degree-doubling', person, ['top-talent'])).granted).toBe(true);
    expect((await claims.claim(randomUUID(), 'skill-subsidy', person, [])).granted).toBe(true);
    const blocked = await claims.claim(randomUUID(), 'top-talent', person, ['degree-doubling']);
    expect(blocked).toMatchObject({ granted: false, conflicts: [{ applicationId: first, program: 'degree-doubling' }] });
    // The first application ends (its read model says so): the person may be awarded again.
    await ds.query(
      `INSERT INTO applications (id, stream_id, program, status, stage, town, policy_version, applicant_sub, applicant_person, request_hash, submitted_at, version, state)
       VALUES ($1, $2, 'degree-doubling', 'terminated', 'closed', 'wangdian', 1, 's', $3, 'h', now(), 1, '{}')`,
      [first, `application-${first}`, personOf(person)],
    );
    expect((await claims.claim(randomUUID(), 'top-talent', person, ['degree-doubling'])).granted).toBe(true);
  });

  it('claims a skill certificate for exactly one of two applications made at the same moment, and again for a retry', async () => {
    const awards = new ReadModelAwardHistory(ds, personOf);
    for (let round = 0; round < 20; round += 1) {
      const person = makeIdNumber('1992-02-02');
      const certificate = `CERT-${randomUUID().slice(0, 8)}`;
      const [a, b] = [randomUUID(), randomUUID()];
      const [holdersA, holdersB] = await Promise.all([awards.claimCertificate(a, person, certificate), awards.claimCertificate(b, person, certificate)]);
      expect([holdersA, holdersB].filter((h) => h.length === 0)).toHaveLength(1);
      const winner = holdersA.length === 0 ? a : b;
      expect(await awards.claimCertificate(winner, person, certificate)).toEqual([]);
      expect(await awards.claimCertificate(randomUUID(), person, certificate)).toEqual([winner]);
    }
  });

  it('keeps claims by the keyed hash of the ID number, never the number itself', async () => {
    const person = makeIdNumber('1993-03-03');
    const [application, certified] = [randomUUID(), randomUUID()];
    await claims.claim(application, 'degree-doubling', person, ['top-talent']);
    await new ReadModelAwardHistory(ds, personOf).claimCertificate(certified, person, `CERT-${randomUUID().slice(0, 8)}`);
    const rows = (await ds.query(
      `SELECT row_to_json(c)::text AS row FROM benefit_claims c WHERE application_id = $1
       UNION ALL SELECT row_to_json(k)::text FROM skill_certificate_claims k WHERE application_id = $2`,
      [application, certified],
    )) as { row: string }[];
    expect(rows).toHaveLength(2);
    for (const { row } of rows) {
      expect(row).not.toContain(person);
      expect(JSON.parse(row)).toMatchObject({ person: personOf(person) });
    }
  });
});
