import { randomUUID } from 'node:crypto';
import { makeIdNumber, makeUscc } from '../support/fixtures';
import { applicationWhen, complete, publishDrill, taskOf } from './support/drill';
import { Harness } from './support/harness';

/** 硕博倍增 over HTTP, under a drill policy whose instalment interval is seconds, not a year. */
describe('degree-doubling over HTTP', () => {
  let h: Harness;
  let admin: string;
  let office: string;
  let finance: string;
  let auditor: string;
  let drillVersion: number;

  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.token({ sub: 'dd-admin', roles: ['admin'] });
    office = await h.token({ sub: 'dd-officer', roles: ['reviewer'], queues: ['talent-office'] });
    finance = await h.token({ sub: 'dd-finance', roles: ['finance'], queues: ['finance'] });
    auditor = await h.token({ sub: 'dd-auditor', roles: ['auditor'] });
    drillVersion = await publishDrill(h, admin, 'degree-doubling', { instalmentInterval: { iso: 'PT3S' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses an invalid policy with every failing field, and changes nothing', async () => {
    const current = await h.call('GET', '/policies/degree-doubling', { token: admin });
    const bad = { ...current.body.policy, instalments: 'three', timers: { ...current.body.policy.timers, reviewSla: { days: 10 } } };
    const reply = await h.call('POST', '/admin/policies/degree-doubling', { token: admin, body: bad });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['instalments', 'timers.reviewSla']);
    expect((await h.call('GET', '/policies/degree-doubling', { token: admin })).body.version).toBe(drillVersion);
    expect((await h.call('POST', '/admin/policies/degree-doubling', { token: office, body: current.body.policy })).status).toBe(403);
  });

  it('runs from submission through employer, review, settling subsidy and three instalments', async () => {
    const idNumber = makeIdNumber('1996-04-04');
    const employerOrg = makeUscc();
    expect(
      (
        await h.call('POST', '/admin/registries/social-insurance', {
          token: admin,
          body: [{ idNumber, orgCode: employerOrg, town: 'jiabei-jd', months: 5, lastPaidMonth: '2035-12' }],
        })
      ).status,
    ).toBe(200);
    const applicant = await h.token({ sub: `grad-${randomUUID()}`, roles: ['applicant'], name: '周博', idNumber });
    const employer = await h.token({ sub: `hr-${randomUUID()}`, roles: ['employer'], orgCode: employerOrg });
    const form = {
      degree: 'phd',
      university: 'University of Cambridge',
      graduatedOn: '2026-06-30',
      overseas: true,
      degreeVerificationRef: 'CSCSE-2026-000123',
      employerOrgCode: employerOrg,
      contractStart: '2026-08-01',
      contractEnd: '2031-07-31',
      bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204009876543' },
    };
    const missing = await h.call('POST', '/applications', { token: applicant, body: { program: 'degree-doubling', town: 'jiabei-jd', form: { ...form, degreeVerificationRef: undefined, employerOrgCode: 'nope' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['form.degreeVerificationRef', 'form.employerOrgCode']);

    const submitted = await h.call('POST', '/applications', { token: applicant, body: { program: 'degree-doubling', town: 'jiabei-jd', form } });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;

    const confirm = await taskOf(h, employer, id, 'employment-confirmation');
    expect((await h.call('GET', `/applications/${id}`, { token: employer })).status).toBe(200);
    await complete(h, employer, confirm.taskId, { outcome: 'approve', comment: '在职' });
    const review = await taskOf(h, office, id, 'review', 'queue=talent-office');
    expect((await complete(h, office, review.taskId, { outcome: 'approve' })).status).toBe('in-payment');

    for (const purpose of ['settling', 'living-1', 'living-2', 'living-3']) {
      const pay = await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance');
      await complete(h, finance, pay.taskId, { outcome: 'approve', paymentReference: `BANK-${purpose}` });
    }
    const done = await applicationWhen(h, applicant, id, (a) => a.status === 'completed', 'completion');
    expect(done.policyVersion).toBe(drillVersion);
    expect(done.approvedAmountFen).toBe(10_000_000 + 3 * 5_000_000);
    expect(done.schedule.map((i: { key: string; paid: boolean }) => [i.key, i.paid])).toEqual([
      ['settling', true],
      ['living-1', true],
      ['living-2', true],
      ['living-3', true],
    ]);
    const events = await h.call('GET', `/applications/${id}/events`, { token: auditor });
    for (const e of events.body) expect(e.metadata.policyVersion).toBe(drillVersion);
    expect(events.body.filter((e: { type: string }) => e.type === 'PaymentConfirmed')).toHaveLength(4);
    expect((await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body).toMatchObject({ valid: true });
  });

  it('陈述申辩: a graduate who left the district may reply before the office stops the benefit; the clawback is recovered in part', async () => {
    const idNumber = makeIdNumber('1995-05-05');
    const employerOrg = makeUscc();
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: employerOrg, town: 'jiabei-jd', months: 5, lastPaidMonth: '2035-12' }] });
    const applicant = await h.token({ sub: `grad-${randomUUID()}`, roles: ['applicant'], name: '吴硕', idNumber });
    const employer = await h.token({ sub: `hr-${randomUUID()}`, roles: ['employer'], orgCode: employerOrg });
    const form = {
      degree: 'master',
      university: '浙江大学',
      graduatedOn: '2026-06-30',
      overseas: false,
      employerOrgCode: employerOrg,
      contractStart: '2026-08-01',
      contractEnd: '2031-07-31',
      bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204005555555' },
    };
    const id = (await h.call('POST', '/applications', { token: applicant, body: { program: 'degree-doubling', town: 'jiabei-jd', form } })).body.id as string;
    await complete(h, employer, (await taskOf(h, employer, id, 'employment-confirmation')).taskId, { outcome: 'approve', comment: '在职' });
    await complete(h, office, (await taskOf(h, office, id, 'review', 'queue=talent-office')).taskId, { outcome: 'approve' });
    // Before the first anniversary the graduate's insurance moves to 南湖区, outside the district.
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: employerOrg, town: 'jiaxing-nanhu', months: 6, lastPaidMonth: '2035-12' }] });
    await complete(h, finance, (await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance')).taskId, { outcome: 'approve', paymentReference: 'BANK-settling' });

    const proposed = await applicationWhen(h, applicant, id, (a) => a.stopProposal !== undefined, 'the proposed stop');
    expect(proposed).toMatchObject({ status: 'suspended', stopProposal: { reason: 'left-district' } });
    expect(proposed.status).not.toBe('terminated');
    expect((await h.call('POST', `/applications/${id}/statement`, { token: applicant, body: {} })).status).toBe(400);
    const stated = await h.call('POST', `/applications/${id}/statement`, { token: applicant, body: { text: '社保转移在办理中，本人仍在区内工作' } });
    expect(stated.status).toBe(201);
    const again = await h.call('POST', `/applications/${id}/statement`, { token: applicant, body: { text: '补充' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('STATEMENT.NOT_OPEN');

    const review = await taskOf(h, office, id, 'stop-review', 'queue=talent-office');
    expect((await h.call('GET', `/applications/${id}`, { token: office })).body.stopProposal.statement).toBe('社保转移在办理中，本人仍在区内工作');
    await complete(h, office, review.taskId, { outcome: 'approve', comment: '经核实已离开本区' });
    const recovery = await taskOf(h, finance, id, 'clawback-recovery', 'queue=finance');
    const tooMuch = await h.call('POST', `/tasks/${recovery.taskId}/complete`, { token: finance, body: { outcome: 'approve', repaidFen: 999_999_999, paymentReference: 'BACK-X' } });
    expect(tooMuch.status).toBe(400);
    await complete(h, finance, recovery.taskId, { outcome: 'approve', repaidFen: 1_000_000, paymentReference: 'BACK-1' });
    const owed = await applicationWhen(h, applicant, id, (a) => a.clawbacks?.[0]?.repaidFen === 1_000_000, 'the first repayment');
    expect(owed.status).toBe('terminated');
    expect(owed.clawbacks[0]).toMatchObject({ repaidFen: 1_000_000, outstandingFen: owed.clawbacks[0].amountFen - 1_000_000 });
    const next = await taskOf(h, finance, id, 'clawback-recovery', 'queue=finance');
    await complete(h, finance, next.taskId, { outcome: 'reject', comment: '当事人已无可执行财产，移交追缴' });
    const events = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as { type: string }[];
    const types = events.map((e) => e.type);
    expect(types.indexOf('StatementSubmitted')).toBeLessThan(types.indexOf('BenefitStopped'));
    expect(types.indexOf('StopProposalDecided')).toBeLessThan(types.indexOf('BenefitStopped'));
  });
});
