import nodemailer, { Transporter } from 'nodemailer';

/** An address as logs and the operators' view show it: `z***@example.cn`, `138****8000`. */
export function maskContact(channel: string, address: string): string {
  if (channel === 'sms') return `${address.slice(0, 3)}****${address.slice(-4)}`;
  const [local, domain] = address.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

/** A message as a channel sends it: to one address, a subject and a text. */
export interface OutgoingMessage {
  /** Stable per delivery: a receiver that sees a retry after a crash can tell it is the same message. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** A way to reach people outside the web app. `send` throws when the message was not accepted. */
export interface NotificationChannel {
  readonly name: 'email' | 'sms';
  send(message: OutgoingMessage): Promise<void>;
}

/** E-mail through an SMTP server (`SMTP_URL`, e.g. smtp://user:pass@mail.example:587), by nodemailer. */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // No pooling: a server that went away is dialled afresh on the next attempt.
    this.transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(m: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, messageId: `<${m.id}@talentflow.notifications>` });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * SMS. SIMULATED: there is no SMS gateway on this machine or in CI; `LoggingSmsGateway` writes what it would send
 * (number masked) to the log. A real adapter (an operator's HTTP API) implements the same `send`.
 */
export class LoggingSmsGateway implements NotificationChannel {
  readonly name = 'sms' as const;
  readonly sent: OutgoingMessage[] = [];

  constructor(private readonly log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  async send(m: OutgoingMessage): Promise<void> {
    this.sent.push(m);
    this.log(`[sms stand-in] to ${maskContact('sms', m.to)}: ${m.subject}`);
  }
}
