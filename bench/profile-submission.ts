import fs from 'node:fs';
import { ChildProcess } from 'node:child_process';
import { Person, pool, registerPeople, submissionBody } from './load';
import { Stack } from './stack';
import { benchDatabase, timed } from './support';

/**
 * Where a submission's time goes: CPU seconds each process of the stack spends while `n` applications are
 * submitted at concurrency 16 (Linux /proc accounting), and what PostgreSQL waits on.
 */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

function postgresPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim().startsWith('postgres');
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function main() {
  const n = Number(process.env.PROFILE_SUBMISSIONS ?? 200);
  const db = await benchDatabase('profile');
  const stack = await Stack.start(db.url);
  try {
    const people: Person[] = await registerPeople(stack.apiUrl, n);
    const procs: Record<string, ChildProcess | number[]> = { api: stack.api, worker: stack.worker, temporal: stack.temporal.process };
    const sample = () => {
      const out: Record<string, number> = {};
      for (const [name, p] of Object.entries(procs)) out[name] = cpuSeconds((p as ChildProcess).pid!);
      out.postgres = postgresPids().reduce((s, pid) => {
        try {
          return s + cpuSeconds(pid);
        } catch {
          return s;
        }
      }, 0);
      out.loadGenerator = process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
      return out;
    };
    const before = sample();
    const t = await timed(() =>
      pool(people, 16, async (p) => {
        const r = await fetch(`${stack.apiUrl}/applications`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` }, body: JSON.stringify(submissionBody(p)) });
        await r.arrayBuffer();
      }),
    );
    const after = sample();
    const cpu = Object.fromEntries(Object.keys(before).map((k) => [k, Number((after[k] - before[k]).toFixed(2))]));
    const total = Object.values(cpu).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `${JSON.stringify({ submissions: n, seconds: Number(t.seconds.toFixed(2)), perSecond: Number((n / t.seconds).toFixed(1)), cpuSecondsByProcess: cpu, cpuSecondsTotal: Number(total.toFixed(2)), coresBusy: Number((total / t.seconds).toFixed(2)) }, null, 2)}\n`,
    );
  } finally {
    await stack.stop();
    await db.drop();
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
