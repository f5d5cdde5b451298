import { eventually } from '../../support/workflow-env';
import { Harness } from './harness';

/**
 * Publishes a drill version of a program's policy: the version in force with the named timers replaced (short
 * ones, so a test can drive every step over HTTP), and every other timer at `rest`. Returns the new version.
 */
export async function publishDrill(h: Harness, admin: string, program: string, timers: Record<string, object>, rest: object = { iso: 'PT10M' }): Promise<number> {
  const current = await h.call('GET', `/policies/${program}`, { token: admin });
  if (current.status !== 200) throw new Error(`GET /policies/${program}: ${current.status}`);
  const policy = current.body.policy as { timers: Record<string, object> };
  const drill = { ...policy, timers: Object.fromEntries(Object.keys(policy.timers).map((k) => [k, timers[k] ?? rest])) };
  const published = await h.call('POST', `/admin/policies/${program}`, { token: admin, body: drill });
  if (published.status !== 201) throw new Error(`publish ${program}: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body.version as number;
}

/** The caller's open task of `kind` on an application, once the workflow has opened it. */
export async function taskOf(h: Harness, token: string, applicationId: string, kind: string, query = 'mine=true'): Promise<{ taskId: string; queue: string; kind: string }> {
  return eventually(async () => {
    const reply = await h.call('GET', `/tasks?${query}&sort=-createdAt&pageSize=200`, { token });
    return (reply.body.items as { applicationId: string; kind: string; taskId: string; queue: string }[] | undefined)?.find(
      (t) => t.applicationId === applicationId && t.kind === kind,
    );
  }, `a ${kind} task`, 60_000);
}

export async function complete(h: Harness, token: string, taskId: string, body: Record<string, unknown>) {
  const reply = await h.call('POST', `/tasks/${taskId}/complete`, { token, body });
  if (reply.status !== 200) throw new Error(`complete ${taskId}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.application as { id: string; status: string; stage: string };
}

/** Polls the application until `check` holds (as its applicant or any caller who may see it). */
export async function applicationWhen(h: Harness, token: string, id: string, check: (app: any) => boolean, what: string, timeoutMs = 60_000) {
  return eventually(async () => {
    const reply = await h.call('GET', `/applications/${id}`, { token });
    return reply.status === 200 && check(reply.body) ? reply.body : undefined;
  }, what, timeoutMs);
}
