import { randomUUID } from 'node:crypto';
import { degreeDoublingForm, makeIdNumber, makeUscc } from '../test/support/fixtures';
import { Person, devToken, resilient } from './load';
import { sleep } from './stack';

/**
 * A long-running load: 硕博倍增 applications under a drill policy whose instalment interval is seconds, so each
 * application lives through four runs (continue-as-new per instalment) while faults are injected.
 */
export interface DegreeStaff {
  employer: string;
  office: string;
  finance: string;
}

/** Publishes the drill policy (instalments every `interval`) and registers graduates insured by one employer. */
export async function prepareGraduates(apiUrl: string, n: number, interval = 'PT2S'): Promise<{ people: Person[]; staff: DegreeStaff; employerOrgCode: string }> {
  const admin = await devToken(apiUrl, { sub: 'drill-admin', roles: ['admin'] });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${admin}` };
  const current = await resilient(`${apiUrl}/policies/degree-doubling`, { headers });
  const policy = current.body.policy as { timers: Record<string, unknown> };
  const timers = Object.fromEntries(Object.keys(policy.timers).map((k) => [k, k === 'instalmentInterval' ? { iso: interval } : { iso: 'PT30M' }]));
  const published = await resilient(`${apiUrl}/admin/policies/degree-doubling`, { method: 'POST', headers, body: JSON.stringify({ ...policy, timers }) });
  if (published.status !== 201) throw new Error(`drill policy: ${published.status} ${JSON.stringify(published.body)}`);
  const employerOrgCode = makeUscc();
  const people: Person[] = Array.from({ length: n }, (_, i) => ({
    idNumber: makeIdNumber(new Date(Date.UTC(1996, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10), 100 + (i % 900)),
    certificateNumber: '',
    token: '',
    key: `degree-${randomUUID()}`,
  }));
  await resilient(`${apiUrl}/admin/registries/social-insurance`, {
    method: 'POST',
    headers,
    body: JSON.stringify(people.map((p) => ({ idNumber: p.idNumber, orgCode: employerOrgCode, town: 'wangdian', months: 4, lastPaidMonth: '2035-12' }))),
  });
  for (const p of people) p.token = await devToken(apiUrl, { sub: `grad-${p.key}`, roles: ['applicant'], name: '硕博', idNumber: p.idNumber });
  const staff = {
    employer: await devToken(apiUrl, { sub: 'drill-employer', roles: ['employer'], orgCode: employerOrgCode }),
    office: await devToken(apiUrl, { sub: 'drill-officer', roles: ['reviewer'], queues: ['talent-office'] }),
    finance: await devToken(apiUrl, { sub: 'drill-finance', roles: ['finance'], queues: ['finance'] }),
  };
  return { people, staff, employerOrgCode };
}

export async function submitDegree(apiUrl: string, p: Person, employerOrgCode: string): Promise<string> {
  const body = {
    program: 'degree-doubling',
    town: 'wangdian',
    form: degreeDoublingForm(employerOrgCode),
  };
  const reply = await resilient(`${apiUrl}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}`, 'idempotency-key': p.key },
    body: JSON.stringify(body),
  });
  if (reply.status !== 201 && reply.status !== 200) throw new Error(`submit answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

/**
 * Completes whatever task the application has open, with the right person, until it is completed. Each completion
 * carries the task id as its Idempotency-Key, so a retry through a fault answers the same and changes nothing.
 */
export async function driveDegree(apiUrl: string, p: Person, id: string, staff: DegreeStaff, timeoutMs = 600_000): Promise<string> {
  const by: Record<string, [string, object]> = {
    'employment-confirmation': [staff.employer, { outcome: 'approve' }],
    review: [staff.office, { outcome: 'approve' }],
    'payment-confirmation': [staff.finance, { outcome: 'approve', paymentReference: `PAY-${id.slice(0, 8)}` }],
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await resilient(`${apiUrl}/applications/${id}`, { headers: { authorization: `Bearer ${p.token}` } })).body;
    if (['completed', 'rejected', 'terminated', 'lapsed', 'withdrawn'].includes(view.status)) return view.status;
    const task = (view.openTasks as { taskId: string; kind: string }[] | undefined)?.find((t) => by[t.kind]);
    if (task) {
      const [token, body] = by[task.kind];
      const reply = await resilient(`${apiUrl}/tasks/${task.taskId}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': task.taskId },
        body: JSON.stringify(body),
      });
      if (reply.status !== 200 && reply.status !== 409) throw new Error(`complete ${task.kind} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    } else {
      await sleep(200);
    }
    if (Date.now() > deadline) throw new Error(`timed out driving ${id} (status ${view.status})`);
  }
}
