import { randomUUID } from 'node:crypto';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../../support/fixtures';
import { eventually } from '../../support/workflow-env';
import { Harness } from './harness';

export interface Party {
  name: string;
  token?: string;
  sub: string;
  idNumber?: string;
  queues: string[];
}

/** Everyone the access rules distinguish, each with a dev token. */
export async function parties(h: Harness) {
  const mk = async (name: string, claims: Record<string, unknown>): Promise<Party> => {
    const sub = `${name}-${randomUUID().slice(0, 8)}`;
    return {
      name,
      sub,
      token: await h.token({ sub, ...claims }),
      idNumber: claims.idNumber as string | undefined,
      queues: (claims.queues as string[] | undefined) ?? [],
    };
  };
  const ownerId = makeIdNumber('1990-01-01');
  return {
    anonymous: { name: 'anonymous', sub: 'anonymous', queues: [] } as Party,
    owner: await mk('owner', { roles: ['applicant'], name: '赵六', idNumber: ownerId }),
    otherApplicant: await mk('other-applicant', { roles: ['applicant'], name: '钱七', idNumber: makeIdNumber('1992-02-02') }),
    reviewer: await mk('reviewer', { roles: ['reviewer'], queues: ['hrss-skill'], towns: ['wangdian'] }),
    lead: await mk('lead', { roles: ['reviewer'], queues: ['hrss-skill-lead'] }),
    reviewerOtherTown: await mk('reviewer-other-town', { roles: ['reviewer'], queues: ['hrss-skill'], towns: ['honghe'] }),
    reviewerOtherQueue: await mk('reviewer-other-queue', { roles: ['reviewer'], queues: ['hrss-title'] }),
    finance: await mk('finance', { roles: ['finance'], queues: ['finance'] }),
    expert: await mk('expert', { roles: ['expert'] }),
    leadership: await mk('leadership', { roles: ['leadership'] }),
    employer: await mk('employer', { roles: ['employer'], orgCode: makeUscc() }),
    auditor: await mk('auditor', { roles: ['auditor'] }),
    admin: await mk('admin', { roles: ['admin'] }),
  };
}

export type Parties = Awaited<ReturnType<typeof parties>>;

/** A fresh skill-subsidy application of `owner` in 王店镇, waiting in review with its open task. */
export async function applicationInReview(h: Harness, p: Parties): Promise<{ id: string; taskId: string; body: Record<string, unknown> }> {
  const certificateNumber = uniqueCertificateNumber();
  const form = {
    certificateNumber,
    level: 2,
    occupation: '数控车工',
    issuedOn: daysAgo(60),
    bankAccount: { bankName: '工商银行', accountNumber: '6212261202001234' },
  };
  await h.call('POST', '/admin/registries/skill-certificates', {
    token: p.admin.token,
    body: [{ certificateNumber, idNumber: p.owner.idNumber, level: 2, occupation: '数控车工', issuedOn: daysAgo(60) }],
  });
  await h.call('POST', '/admin/registries/social-insurance', {
    token: p.admin.token,
    body: [{ idNumber: p.owner.idNumber, orgCode: makeUscc(), town: 'wangdian', months: 36, lastPaidMonth: '2026-10' }],
  });
  const body = { program: 'skill-subsidy', town: 'wangdian', form };
  const submitted = await h.call('POST', '/applications', { token: p.owner.token, body, who: 'owner' });
  if (submitted.status !== 201) throw new Error(`fixture submit ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const id = submitted.body.id as string;
  const task = await eventually(async () => {
    const r = await h.call('GET', `/tasks?queue=hrss-skill&sort=-createdAt&pageSize=200`, { token: p.reviewer.token, who: 'reviewer' });
    return r.body.items.find((t: { applicationId: string }) => t.applicationId === id);
  }, 'the review task');
  return { id, taskId: task.taskId as string, body };
}
