import { randomUUID } from 'node:crypto';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../test/support/fixtures';
import { sleep } from './stack';

/** An HTTP client that rides out faults: network errors, 5xx and 429 are retried until the deadline. */
export async function resilient(url: string, init: RequestInit = {}, deadlineMs = 120_000): Promise<{ status: number; body: any }> {
  const deadline = Date.now() + deadlineMs;
  let delay = 100;
  for (;;) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      if (response.status < 500 && response.status !== 429) return { status: response.status, body: text ? JSON.parse(text) : undefined };
    } catch {
      // connection refused or reset while a process restarts
    }
    if (Date.now() > deadline) throw new Error(`gave up on ${init.method ?? 'GET'} ${url}`);
    await sleep(delay);
    delay = Math.min(delay * 2, 2000);
  }
}

export async function devToken(apiUrl: string, claims: Record<string, unknown>): Promise<string> {
  return (await resilient(`${apiUrl}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims) })).body.accessToken;
}

export interface Person {
  idNumber: string;
  certificateNumber: string;
  token: string;
  key: string;
}

/** People with a registered certificate and insurance, ready to apply. */
export async function registerPeople(apiUrl: string, n: number): Promise<Person[]> {
  const admin = await devToken(apiUrl, { sub: 'bench-admin', roles: ['admin'] });
  // Distinct people: birth dates from 1980 on, 900 sequence numbers a day.
  const list: Person[] = Array.from({ length: n }, (_, i) => ({
    idNumber: makeIdNumber(new Date(Date.UTC(1980, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10), 100 + (i % 900)),
    certificateNumber: uniqueCertificateNumber(),
    token: '',
    key: `load-${randomUUID()}`,
  }));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${admin}` };
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000);
    await resilient(`${apiUrl}/admin/registries/skill-certificates`, {
      method: 'POST',
      headers,
      body: JSON.stringify(chunk.map((p) => ({ certificateNumber: p.certificateNumber, idNumber: p.idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(30) }))),
    });
    await resilient(`${apiUrl}/admin/registries/social-insurance`, {
      method: 'POST',
      headers,
      body: JSON.stringify(chunk.map((p) => ({ idNumber: p.idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }))),
    });
  }
  for (const p of list) p.token = await devToken(apiUrl, { sub: `bench-${p.key}`, roles: ['applicant'], name: '压测', idNumber: p.idNumber });
  return list;
}

export function submissionBody(p: Person) {
  return {
    program: 'skill-subsidy',
    town: 'wangdian',
    form: { certificateNumber: p.certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(30), bankAccount: { bankName: '嘉兴银行', accountNumber: '6222000011112222' } },
  };
}

/** Submits (idempotently: the same key on every retry) and returns the application id. */
export async function submit(apiUrl: string, p: Person): Promise<string> {
  const reply = await resilient(`${apiUrl}/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}`, 'idempotency-key': p.key },
    body: JSON.stringify(submissionBody(p)),
  });
  if (reply.status !== 201 && reply.status !== 200) throw new Error(`submit answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Takes one application through review and payment, retrying through faults; returns its final status. */
export async function driveToCompletion(apiUrl: string, p: Person, id: string, staff: { reviewer: string; finance: string }): Promise<string> {
  const view = () => resilient(`${apiUrl}/applications/${id}`, { headers: { authorization: `Bearer ${p.token}` } }).then((r) => r.body);
  const step = async (kind: string, token: string, body: object, done: string[]) => {
    const task = await waitFor(async () => {
      const v = await view();
      if (done.includes(v.status)) return null;
      return v.openTasks?.find((t: { kind: string }) => t.kind === kind)?.taskId as string | undefined;
    }, `${kind} task of ${id}`);
    if (task === null) return;
    const reply = await resilient(`${apiUrl}/tasks/${task}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `${kind}-${id}` },
      body: JSON.stringify(body),
    });
    if (reply.status !== 200 && reply.status !== 409) throw new Error(`complete ${kind} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  };
  await step('review', staff.reviewer, { outcome: 'approve' }, ['in-payment', 'completed']);
  await step('payment-confirmation', staff.finance, { outcome: 'approve', paymentReference: `PAY-${id.slice(0, 8)}` }, ['completed']);
  return waitFor(async () => {
    const v = await view();
    return v.status === 'completed' ? v.status : undefined;
  }, `completion of ${id}`);
}

/** Runs `work` over items with at most `concurrency` at once. */
export async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        results[i] = await work(items[i], i);
      }
    }),
  );
  return results;
}
