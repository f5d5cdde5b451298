import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASSESSMENT_POLICY_KEY, ASSESSMENT_POLICY_V1, NOTIFICATION_POLICY_KEY, NOTIFICATION_POLICY_V1, PublishedPolicy, REFERENCE_POLICIES, Program } from '#domain';
import { DATA_SOURCE, newestVersion, publishVersion } from '#event-store';

/** Versioned policies: the version in force is the newest published one. */
@Injectable()
export class PolicyRepository {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async current(program: Program): Promise<PublishedPolicy | null> {
    const newest = await newestVersion<PublishedPolicy['policy']>(this.ds, program);
    return newest ? { program, version: newest.version, publishedAt: newest.publishedAt, policy: newest.document } : null;
  }

  /** Published versions never change: each is read once per process. */
  private readonly published = new Map<string, PublishedPolicy>();

  /** One published version (applications keep the version they were submitted under). */
  async version(program: Program, version: number): Promise<PublishedPolicy | null> {
    const key = `${program}:${version}`;
    const known = this.published.get(key);
    if (known) return known;
    const [row] = (await this.ds.query(`SELECT published_at, document FROM policies WHERE program = $1 AND version = $2`, [program, version])) as {
      published_at: Date;
      document: PublishedPolicy['policy'];
    }[];
    if (!row) return null;
    const policy: PublishedPolicy = { program, version, publishedAt: row.published_at.toISOString(), policy: row.document };
    this.published.set(key, policy);
    return policy;
  }

  /** Every published version, newest first, with who published it. */
  async versions(program: Program): Promise<(PublishedPolicy & { publishedBy: string })[]> {
    const rows = (await this.ds.query(`SELECT program, version, published_at, published_by, document FROM policies WHERE program = $1 ORDER BY version DESC`, [program])) as {
      program: Program;
      version: number;
      published_at: Date;
      published_by: string;
      document: PublishedPolicy['policy'];
    }[];
    return rows.map((r) => ({ program: r.program, version: r.version, publishedAt: r.published_at.toISOString(), publishedBy: r.published_by, policy: r.document }));
  }

  /** Publishes the next version; two admins publishing at once get consecutive versions, never the same. */
  async publish(program: Program, document: PublishedPolicy['policy'], by: string): Promise<PublishedPolicy> {
    const published = await publishVersion(this.ds, program, document, by);
    return { program, ...published, policy: document };
  }

  /** Publishes version 1 of every program that has none yet (idempotent; run at start). */
  async ensureReferencePolicies(): Promise<void> {
    await publishReferencePolicies(this.ds);
  }
}

export async function publishReferencePolicies(ds: DataSource): Promise<void> {
  const { version: _version, ...assessment } = ASSESSMENT_POLICY_V1;
  const { version: _v, ...notifications } = NOTIFICATION_POLICY_V1;
  for (const [program, policy] of [...Object.entries(REFERENCE_POLICIES), [ASSESSMENT_POLICY_KEY, assessment] as const, [NOTIFICATION_POLICY_KEY, notifications] as const]) {
    await ds.query(
      `INSERT INTO policies (program, version, published_at, published_by, document)
       VALUES ($1, 1, now(), 'reference', $2) ON CONFLICT DO NOTHING`,
      [program, JSON.stringify(policy)],
    );
  }
}

