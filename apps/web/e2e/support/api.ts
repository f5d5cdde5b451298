import { expect } from '@playwright/test';
import { Client } from 'pg';
import { API, daysAgo, makeIdNumber, registeredWorker } from './helpers';

/** Direct API calls for test set-up and for comparing what the screens show with what the API answers. */
export async function tokenFor(claims: Record<string, unknown>): Promise<string> {
  const reply = await fetch(`${API}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims) });
  return ((await reply.json()) as { accessToken: string }).accessToken;
}

export async function apiCall(token: string, method: string, path: string, body?: unknown): Promise<any> {
  const reply = await fetch(`${API}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await reply.text();
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${text}`);
  return /application\/(problem\+)?json/.test(reply.headers.get('content-type') ?? '') ? JSON.parse(text) : text;
}

/** A skill-subsidy application submitted through the API, waited on until its review task exists. */
export async function skillApplicationInReview(): Promise<{ id: string; applicantToken: string }> {
  const worker = await registeredWorker();
  const applicantToken = await tokenFor({ sub: `web-audit-applicant-${Date.now()}`, roles: ['applicant'], name: '审计样本', idNumber: worker.idNumber });
  const created = await apiCall(applicantToken, 'POST', '/applications', {
    program: 'skill-subsidy',
    town: 'wangdian',
    form: { certificateNumber: worker.certificateNumber, level: 3, occupation: '电工', issuedOn: worker.issuedOn, bankAccount: { bankName: '农业银行', accountNumber: '6228480012345678' } },
  });
  await expect
    .poll(async () => ((await apiCall(applicantToken, 'GET', `/applications/${created.id}/events`)) as { type: string }[]).some((e) => e.type === 'TaskCreated'), { timeout: 90_000 })
    .toBe(true);
  return { id: created.id as string, applicantToken };
}

/** Changes stored rows through SQL with the append-only trigger bypassed, as a rogue administrator would. */
export async function tamper(sql: string, params: unknown[]): Promise<void> {
  const url = process.env.WEB_TEST_DATABASE_URL;
  if (!url) throw new Error('WEB_TEST_DATABASE_URL is not set (the global setup sets it)');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql, params);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

export { daysAgo, makeIdNumber };

export async function taskIn(token: string, queue: string, applicationId: string): Promise<string> {
  let taskId = '';
  await expect
    .poll(
      async () => {
        const reply = (await apiCall(token, 'GET', `/tasks?queue=${queue}&status=open&sort=-createdAt&pageSize=200`)) as { items: { taskId: string; applicationId: string }[] };
        taskId = reply.items.find((t) => t.applicationId === applicationId)?.taskId ?? '';
        return taskId;
      },
      { timeout: 90_000, message: `a task in ${queue}` },
    )
    .not.toBe('');
  return taskId;
}

/** A known mix for the dashboard: one skill subsidy approved and paid (2,000.00 元), one rejected. */
export async function seedAssessmentMix(): Promise<{ paid: string; rejected: string }> {
  const reviewer = await tokenFor({ sub: 'web-e2e-mix-reviewer', roles: ['reviewer'], queues: ['hrss-skill'] });
  const finance = await tokenFor({ sub: 'web-e2e-mix-finance', roles: ['finance'], queues: ['finance'] });
  const paid = await skillApplicationInReview();
  await apiCall(reviewer, 'POST', `/tasks/${await taskIn(reviewer, 'hrss-skill', paid.id)}/complete`, { outcome: 'approve' });
  await apiCall(finance, 'POST', `/tasks/${await taskIn(finance, 'finance', paid.id)}/complete`, { outcome: 'approve', paymentReference: `P-${Date.now()}` });
  const rejected = await skillApplicationInReview();
  await apiCall(reviewer, 'POST', `/tasks/${await taskIn(reviewer, 'hrss-skill', rejected.id)}/complete`, { outcome: 'reject', comment: '不符合条件' });
  await expect.poll(async () => (await apiCall(paid.applicantToken, 'GET', `/applications/${paid.id}`)).status, { timeout: 90_000 }).toBe('completed');
  return { paid: paid.id, rejected: rejected.id };
}
