import { randomUUID } from 'node:crypto';
import { degreeDoublingForm, makeIdNumber, makeUscc } from '../support/fixtures';
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
    drillVersion = await publishDrill(h, admin, 'degree-doubling', { instalmentInterval: { iso: 'PT3S' }, reconsiderationWindow: { iso: 'PT20S' } });
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
    // The employer confirms the labour contract as declared; other dates are refused field by field, nothing stored.
    const eventCount = async () => ((await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as unknown[]).length;
    const before = await eventCount();
    const wrong = await h.call('POST', `/tasks/${confirm.taskId}/complete`, { token: employer, body: { outcome: 'approve', contract: { start: '2026-08-01', end: '2029-07-31' } } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['contract.end']);
    const impossible = await h.call('POST', `/tasks/${confirm.taskId}/complete`, { token: employer, body: { outcome: 'approve', contract: { start: '2026-02-30', end: '2031-07-31' } } });
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors.map((e: { path: string }) => e.path)).toEqual(['contract.start']);
    expect(await eventCount()).toBe(before);
    await complete(h, employer, confirm.taskId, { outcome: 'approve', comment: '在职', contract: { start: '2026-08-01', end: '2031-07-31' } });
    const review = await taskOf(h, office, id, 'review', 'queue=talent-office');
    expect((await complete(h, office, review.taskId, { outcome: 'approve' })).status).toBe('in-payment');
    const confirmed = ((await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as { type: string; data: { taskId?: string; fields?: object } }[]).find(
      (e) => e.type === 'TaskCompleted' && e.data.taskId === confirm.taskId,
    );
    expect(confirmed!.data.fields).toEqual({ contract: { start: '2026-08-01', end: '2031-07-31' } });

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
    // Nothing is claimed while the stop may still be reconsidered (复核); the graduate lets the window pass.
    const stopped = await applicationWhen(h, applicant, id, (a) => a.reconsideration?.status === 'open', 'the 复核 window');
    expect(stopped.status).toBe('terminated');
    expect(stopped.clawbacks ?? []).toEqual([]);
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

  it('复核 of a stop: the graduate asks, the officer who stopped it may not decide, another lead sets it aside and the next instalment is paid', async () => {
    const idNumber = makeIdNumber('1995-06-06');
    const employerOrg = makeUscc();
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: employerOrg, town: 'jiabei-jd', months: 5, lastPaidMonth: '2035-12' }] });
    const applicant = await h.token({ sub: `grad-${randomUUID()}`, roles: ['applicant'], name: '郑硕', idNumber });
    const employer = await h.token({ sub: `hr-${randomUUID()}`, roles: ['employer'], orgCode: employerOrg });
    const lead = await h.token({ sub: 'dd-lead', roles: ['reviewer'], queues: ['talent-office-lead'] });
    const officeAsLead = await h.token({ sub: 'dd-officer', roles: ['reviewer'], queues: ['talent-office', 'talent-office-lead'] });
    const form = degreeDoublingForm(employerOrg, { contractStart: '2026-08-01', contractEnd: '2031-07-31' });
    const id = (await h.call('POST', '/applications', { token: applicant, body: { program: 'degree-doubling', town: 'jiabei-jd', form } })).body.id as string;
    await complete(h, employer, (await taskOf(h, employer, id, 'employment-confirmation')).taskId, { outcome: 'approve' });
    await complete(h, office, (await taskOf(h, office, id, 'review', 'queue=talent-office')).taskId, { outcome: 'approve' });
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: employerOrg, town: 'jiaxing-nanhu', months: 6, lastPaidMonth: '2035-12' }] });
    await complete(h, finance, (await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance')).taskId, { outcome: 'approve', paymentReference: 'BANK-settling-2' });
    await applicationWhen(h, applicant, id, (a) => a.stopProposal !== undefined, 'the proposed stop');
    expect((await h.call('POST', `/applications/${id}/statement`, { token: applicant, body: { text: '社保记录有误' } })).status).toBe(201);
    await complete(h, office, (await taskOf(h, office, id, 'stop-review', 'queue=talent-office')).taskId, { outcome: 'approve', comment: '经核实已离开本区' });
    await applicationWhen(h, applicant, id, (a) => a.reconsideration?.status === 'open', 'the 复核 window');

    const asked = await h.call('POST', `/applications/${id}/reconsideration`, { token: applicant, body: { reason: '社保已转回本区，附转移单' } });
    expect(asked.status).toBe(201);
    const task = await taskOf(h, lead, id, 'reconsideration', 'queue=talent-office-lead');
    const recused = await h.call('POST', `/tasks/${task.taskId}/complete`, { token: officeAsLead, body: { outcome: 'overturn', comment: '撤销' } });
    expect(recused.status).toBe(403);
    expect(recused.body.code).toBe('TASK.RECUSED');
    await complete(h, lead, task.taskId, { outcome: 'overturn', comment: '社保记录滞后，撤销停发' });
    await complete(h, finance, (await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance')).taskId, { outcome: 'approve', paymentReference: 'BANK-living-1' });
    const running = await applicationWhen(h, applicant, id, (a) => a.schedule?.find((i: { key: string; paid: boolean }) => i.key === 'living-1')?.paid === true, 'living-1 paid');
    expect(running.status).not.toBe('terminated');
    expect(running.clawbacks ?? []).toEqual([]);
    expect(running.reconsideration).toMatchObject({ status: 'overturned', outcome: 'overturn' });
  });
});
