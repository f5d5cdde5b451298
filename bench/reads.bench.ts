import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, ApplicationProjection, ProjectionRunner } from '#event-store';
import { XIUZHOU_TOWNS } from '#domain';
import { AssessmentProjection } from '#metrics';
import { devToken, pool } from './load';
import { round } from './store.bench';
import { Stack } from './stack';
import { benchDatabase, percentile, timed } from './support';

const metadata = { actor: { id: 'bench', role: 'system' as const }, workflowId: 'bench', policyVersion: 1 };

/** An application's events as the skill-subsidy workflow records them: 6 while in review, 12 when completed. */
function lifecycle(i: number): NewEvent[][] {
  const id = randomUUID();
  const e = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, data, metadata });
  const task = randomUUID();
  const check = (c: string) => e('AutomaticCheckRecorded', { check: c, source: 'bench', checkedAt: new Date().toISOString(), passed: true, responseHash: '0'.repeat(64), details: {} });
  const created = (taskId: string, kind: string, queue: string) =>
    e('TaskCreated', { taskId, kind, stage: kind === 'review' ? 'review' : 'payment', candidates: { role: kind === 'review' ? 'reviewer' : 'finance', queues: [queue] }, outcomes: ['approve', 'reject', 'return'], priority: i % 3, dueAt: new Date(Date.now() + ((i % 20) - 5) * 86_400_000).toISOString(), calendarBasis: 'chinese-days' });
  const batches: NewEvent[][] = [
    [e('ApplicationSubmitted', { applicationId: id, program: 'skill-subsidy', town: XIUZHOU_TOWNS[i % XIUZHOU_TOWNS.length].code, policyVersion: 1, applicant: { sub: `s${i}`, name: '压测', idNumber: '11010519491231002X' }, form: { level: 1 + (i % 5) }, requestHash: 'h' })],
    [check('certificate-registry'), check('social-insurance'), check('duplicate-claims')],
    [created(task, 'review', 'hrss-skill')],
  ];
  if (i % 2 === 0) {
    const pay = randomUUID();
    batches.push(
      [e('TaskCompleted', { taskId: task, outcome: 'approve', by: 'r', fields: {} })],
      [e('ApplicationApproved', { amountFen: 200000 })],
      [e('PaymentInstructed', { paymentId: 'p-1', amountFen: 200000, purpose: 'skill-subsidy', payeeAccountMasked: '***1', gatewayReference: 'g' })],
      [created(pay, 'payment-confirmation', 'finance')],
      [e('TaskCompleted', { taskId: pay, outcome: 'approve', by: 'f', fields: {} })],
      [e('PaymentConfirmed', { paymentId: 'p-1', reference: 'r' }), e('ApplicationCompleted', {})],
    );
  }
  return batches.map((b) => b);
}

/**
 * reads: p95 of GET /tasks with a queue filter and of GET /metrics/assessment on a store filled through the
 * real append path (with the inline read models), the assessment facts rebuilt from the log.
 */
export async function readsBench(o: { applications: number; requests: number }) {
  const db = await benchDatabase('reads');
  const store = new EventStore(db.ds, [new ApplicationProjection()]);
  try {
    let events = 0;
    const fill = await timed(() =>
      pool(
        Array.from({ length: o.applications }, (_, i) => i),
        8,
        async (i) => {
          const batches = lifecycle(i);
          const streamId = `application-${(batches[0][0].data as { applicationId: string }).applicationId}`;
          let v = 0;
          for (const b of batches) {
            await store.append(streamId, v, b);
            v += b.length;
          }
          events += v;
        },
      ),
    );
    const rebuild = await timed(() => new ProjectionRunner(db.ds, store, new AssessmentProjection(), 5000).rebuild());
    await db.ds.query('ANALYZE');
    const stack = await Stack.start(db.url, { PROJECTION_INTERVAL_MS: '600000' });
    try {
      const reviewer = await devToken(stack.apiUrl, { sub: 'reader', roles: ['reviewer'], queues: ['hrss-skill'] });
      const leader = await devToken(stack.apiUrl, { sub: 'leader', roles: ['leadership'] });
      const measure = async (url: string, token: string, requests: number, concurrency: number) => {
        const latencies: number[] = [];
        await pool(
          Array.from({ length: requests }, (_, i) => i),
          concurrency,
          async () => {
            const start = process.hrtime.bigint();
            const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
            await r.arrayBuffer();
            if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
            latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
          },
        );
        return { p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), requests };
      };
      return {
        applications: o.applications,
        events,
        loadedThrough: 'EventStore.append (real path, inline read models)',
        fillEventsPerSecond: Math.round(events / fill.seconds),
        projectionRebuildSeconds: round(rebuild.seconds),
        tasksQueueFilter: await measure(`${stack.apiUrl}/tasks?queue=hrss-skill&pageSize=50`, reviewer, o.requests, 8),
        assessmentReport: await measure(`${stack.apiUrl}/metrics/assessment`, leader, Math.max(10, Math.floor(o.requests / 10)), 2),
      };
    } finally {
      await stack.stop();
    }
  } finally {
    await db.drop();
  }
}
