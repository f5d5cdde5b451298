import { randomUUID } from 'node:crypto';
import { EventStore } from '#event-store';
import { EmailChannel, LoggingSmsGateway, Notifier } from '#notifications';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { TestSmtp } from '../support/smtp';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';

interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  applicationId?: string;
  readAt?: string;
}

/**
 * Notifications over HTTP with a real SMTP server: the inbox, e-mail once per event and person (also across a
 * notifier restart), SMS by the logging stand-in, an SMTP server that goes away and comes back, a delivery that
 * is given up, and no personal number in any message.
 */
describe('notifications over HTTP, with a real SMTP server', () => {
  let h: Harness;
  let smtp: TestSmtp;
  let admin: string;
  const sms: string[] = [];
  const notifiers: Notifier[] = [];

  /** A notifier as a worker runs one (a new one is a worker restarted); ticks are driven by the test. */
  function notifier(): Notifier {
    const n = new Notifier(h.ds, new EventStore(h.ds), {
      channels: [new EmailChannel(smtp.url, 'TalentFlow <noreply@talentflow.test>'), new LoggingSmsGateway((line) => sms.push(line))],
      outbox: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3, leaseMs: 5_000 },
    });
    notifiers.push(n);
    return n;
  }

  beforeAll(async () => {
    smtp = new TestSmtp();
    await smtp.start();
    h = await Harness.start();
    admin = await h.token({ sub: 'notify-admin', roles: ['admin'] });
  });

  afterAll(async () => {
    for (const n of notifiers) await n.stop();
    await h?.stop();
    await smtp?.stop();
  });

  const inbox = async (token: string) => (await h.call<{ items: InboxItem[]; unread: number }>('GET', '/me/notifications?limit=200', { token })).body;
  const about = (items: InboxItem[], id: string) => items.filter((i) => i.applicationId === id);

  it('tells the applicant and each reviewer once, by inbox and e-mail, and keeps personal numbers out', async () => {
    const run = randomUUID().slice(0, 8);
    const idNumber = makeIdNumber();
    const accountNumber = '6222021204007654321';
    const certificateNumber = uniqueCertificateNumber();
    await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40) }] });
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }] });
    const applicantMail = `applicant-${run}@example.cn`;
    const applicant = await h.token({ sub: `applicant-${run}`, roles: ['applicant'], name: '周七', idNumber, email: applicantMail, phone: '13800138000' });
    const reviewerMails = [`reviewer-a-${run}@example.cn`, `reviewer-b-${run}@example.cn`];
    const reviewers = await Promise.all(reviewerMails.map((email, i) => h.token({ sub: `notify-reviewer-${i}-${run}`, roles: ['reviewer'], queues: ['hrss-skill'], email })));
    const bounceMail = `bounce-${run}@example.cn`;
    const bouncing = await h.token({ sub: `notify-bounce-${run}`, roles: ['reviewer'], queues: ['hrss-skill'], email: bounceMail });
    const other = await h.token({ sub: `other-${run}`, roles: ['applicant'], name: '吴八', idNumber: makeIdNumber() });
    // A reviewer of the same queue limited to another town, and a lead of the queue.
    const elsewhereMail = `elsewhere-${run}@example.cn`;
    const elsewhere = await h.token({ sub: `notify-elsewhere-${run}`, roles: ['reviewer'], queues: ['hrss-skill'], towns: ['honghe'], email: elsewhereMail });
    const lead = await h.token({ sub: `notify-lead-${run}`, roles: ['reviewer'], queues: ['hrss-skill-lead'] });
    // People are known by their tokens: each calls the API once before anything happens.
    for (const token of [applicant, ...reviewers, bouncing, other, elsewhere, lead]) expect((await h.call('GET', '/me/notifications', { token })).status).toBe(200);
    smtp.reject = (address) => address === bounceMail;

    const submitted = await h.call('POST', '/applications', {
      token: applicant,
      body: { program: 'skill-subsidy', town: 'wangdian', form: { certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40), bankAccount: { bankName: '嘉兴银行', accountNumber } } },
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const reference = id.slice(0, 8).toUpperCase();
    const review = await eventually(async () => {
      const reply = await h.call('GET', '/tasks?queue=hrss-skill&sort=-createdAt&pageSize=200', { token: reviewers[0] });
      return (reply.body.items as { applicationId: string; taskId: string }[]).find((t) => t.applicationId === id);
    }, 'the review task');

    const first = notifier();
    await first.tick();
    expect(about((await inbox(applicant)).items, id).map((i) => i.kind)).toEqual(['submitted']);
    for (const token of reviewers) expect(about((await inbox(token)).items, id).map((i) => i.kind)).toEqual(['task-new']);
    // The same scope as the task list: not another town's reviewer; the lead sees the queue they lead.
    expect(about((await inbox(elsewhere)).items, id)).toEqual([]);
    expect(about((await inbox(lead)).items, id).map((i) => i.kind)).toEqual(['task-new']);
    const mailsAbout = (address: string) => smtp.to(address).filter((m) => m.text.includes(reference));
    await eventually(async () => reviewerMails.every((a) => mailsAbout(a).length === 1) && mailsAbout(applicantMail).length === 1, 'the first mails');
    expect(mailsAbout(reviewerMails[0])[0].subject).toBe('新待办：审核（技能补贴）');
    expect(mailsAbout(applicantMail)[0].subject).toBe('【技能补贴】申请已受理');

    // A worker restart: a new notifier follows the log from the checkpoint and sends nothing twice.
    await first.stop();
    const second = notifier();
    await second.tick();
    expect(reviewerMails.map((a) => mailsAbout(a).length)).toEqual([1, 1]);
    expect(about((await inbox(reviewers[1])).items, id)).toHaveLength(1);

    // A return for supplement, one item naming the applicant's ID number: the applicant hears once, without it.
    const items = [
      { document: '职业资格证书', reason: `证书上的身份证号 ${idNumber} 与申请人不一致，请上传清晰原件` },
      { field: 'occupation', reason: '职业名称与证书不一致' },
    ];
    const returned = await h.call('POST', `/tasks/${review.taskId}/complete`, { token: reviewers[0], body: { outcome: 'return', comment: '请补正', items } });
    expect(returned.status).toBe(200);
    await second.tick();
    const asked = about((await inbox(applicant)).items, id).find((i) => i.kind === 'supplement-requested')!;
    expect(asked.title).toMatch(/^【技能补贴】请补正材料（截止 \d{4}-\d{2}-\d{2}）$/);
    expect(asked.body).toContain('1. 证书上的身份证号 [已隐去] 与申请人不一致');
    expect(asked.body).toContain('2. 职业名称与证书不一致');
    await eventually(async () => mailsAbout(applicantMail).length === 2, 'the supplement mail');
    const mail = mailsAbout(applicantMail)[1];
    expect(mail.subject).toBe(asked.title);
    expect(mail.messageId).toMatch(/^<delivery-\d+@talentflow\.notifications>$/);
    expect(sms.filter((line) => line.includes(asked.title))).toEqual([`[sms stand-in] to 138****8000: ${asked.title}`]);

    // A reminder 3 working days before the deadline: none two weeks ahead, one when it is two days off, once.
    const dueAt = (await h.call('GET', `/applications/${id}`, { token: applicant })).body.supplement.dueAt as string;
    const reminders = async () => about((await inbox(applicant)).items, id).filter((i) => i.kind === 'deadline-reminder');
    await second.scan(new Date());
    expect(await reminders()).toEqual([]);
    const twoDaysBefore = new Date(Date.parse(dueAt) - 2 * 86_400_000);
    await second.scan(twoDaysBefore);
    await second.scan(twoDaysBefore);
    expect((await reminders()).map((r) => r.title)).toEqual([`【技能补贴】补正即将到期（${asked.title.match(/截止 (\d{4}-\d{2}-\d{2})/)![1]}）`]);

    // The mail server goes away; the applicant supplements; a new review task is queued for the reviewers.
    await smtp.stop();
    expect((await h.call('POST', `/applications/${id}/supplement`, { token: applicant, body: { message: '已重新上传证书', answers: [0, 1] } })).status).toBe(200);
    await eventually(async () => {
      const reply = await h.call('GET', '/tasks?queue=hrss-skill&status=open&sort=-createdAt&pageSize=200', { token: reviewers[0] });
      return (reply.body.items as { applicationId: string; taskId: string }[]).find((t) => t.applicationId === id && t.taskId !== review.taskId);
    }, 'the second review task');
    await second.tick(); // every attempt fails: nothing is lost, the deliveries wait
    const waiting = (await h.call('GET', '/admin/notifications?status=retrying&limit=500', { token: admin })).body;
    expect(waiting.items.some((d: { address: string; lastError?: string }) => d.address === `r***@example.cn` && d.lastError)).toBe(true);
    expect(JSON.stringify(waiting)).not.toContain(reviewerMails[0]); // addresses masked, in errors too
    for (const token of reviewers) expect(about((await inbox(token)).items, id).map((i) => i.kind)).toEqual(['task-new', 'task-new']); // the inbox does not wait for mail
    // The task falls due tomorrow: the queue hears once (the scan's e-mails wait with the rest).
    const taskDue = (await h.call('GET', '/tasks?queue=hrss-skill&status=open&sort=-createdAt&pageSize=200', { token: reviewers[0] })).body.items.find((t: { applicationId: string }) => t.applicationId === id).dueAt as string;
    await second.scan(new Date(Date.parse(taskDue) - 12 * 3_600_000));
    await second.scan(new Date(Date.parse(taskDue) - 6 * 3_600_000));
    expect(about((await inbox(reviewers[1])).items, id).map((i) => i.kind)).toEqual(['task-due', 'task-new', 'task-new']);

    // The worker restarts while the server is away, then the server comes back: everything queued arrives once.
    await second.stop();
    const third = notifier();
    await smtp.start();
    // Two workers at once (the restarted one and another): each queued message still goes out once.
    const fourth = notifier();
    await eventually(async () => {
      await Promise.all([third.tick(), fourth.tick()]);
      return reviewerMails.every((a) => mailsAbout(a).length >= 3);
    }, 'the queued mails', 30_000);
    await Promise.all([third.tick(), fourth.tick()]);
    expect(reviewerMails.map((a) => mailsAbout(a).length)).toEqual([3, 3]); // two new tasks and one due tomorrow, each once
    expect(mailsAbout(applicantMail)).toHaveLength(3); // submitted, supplement, reminder
    expect(smtp.to(elsewhereMail).filter((m) => m.text.includes(reference))).toEqual([]);

    // The address the server refuses is given up after three attempts and shows in the operators' log.
    await eventually(async () => {
      await third.tick();
      const failed = (await h.call('GET', '/admin/notifications?status=failed&limit=500', { token: admin })).body;
      return failed.items.some((d: { address: string; attempts: number }) => d.address === 'b***@example.cn' && d.attempts === 3);
    }, 'the bounced delivery given up', 30_000);
    expect((await h.call('GET', '/admin/notifications?status=failed', { token: reviewers[0] })).status).toBe(403);
    expect((await h.call('GET', '/admin/notifications?status=lost', { token: admin })).status).toBe(400);

    // Read: the unread count goes down; another applicant cannot mark it (404).
    const before = await inbox(applicant);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const read = await h.call('POST', `/me/notifications/${asked.id}/read`, { token: applicant });
    expect(read.status).toBe(200);
    expect((await inbox(applicant)).unread).toBe(before.unread - 1);
    expect((await h.call('POST', `/me/notifications/${asked.id}/read`, { token: other })).status).toBe(404);
    expect((await h.call('POST', `/me/notifications/not-an-id/read`, { token: applicant })).status).toBe(404);
    expect((await h.call('POST', '/me/notifications/read-all', { token: applicant })).body.marked).toBe(before.unread - 1);
    expect((await inbox(applicant)).unread).toBe(0);

    // No ID number, bank account or phone number in any message, in the inbox or by mail.
    const everything = [...(await inbox(applicant)).items.map((i) => i.title + i.body), ...smtp.received.map((m) => m.subject + m.text)].join('\n');
    for (const secret of [idNumber, accountNumber, '13800138000']) expect(everything).not.toContain(secret);
  });
});
