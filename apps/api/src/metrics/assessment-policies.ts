import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASSESSMENT_POLICY_KEY, ASSESSMENT_POLICY_V1, AssessmentPolicy } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { publishVersion } from '../policies/policy.repository';

export interface PublishedAssessmentPolicy {
  version: number;
  publishedAt: string;
  publishedBy: string;
  policy: AssessmentPolicy;
}

/**
 * The assessment policy's versions, kept in `policies` under `assessment` beside the programs' (published like
 * them: the newest version is in force; version 1 is the plan's Table 2, published at start).
 */
@Injectable()
export class AssessmentPolicies {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async current(): Promise<PublishedAssessmentPolicy> {
    const [row] = (await this.ds.query(
      `SELECT version, published_at, published_by, document FROM policies WHERE program = $1 ORDER BY version DESC LIMIT 1`,
      [ASSESSMENT_POLICY_KEY],
    )) as { version: number; published_at: Date; published_by: string; document: Omit<AssessmentPolicy, 'version'> }[];
    if (!row) return { version: ASSESSMENT_POLICY_V1.version, publishedAt: new Date(0).toISOString(), publishedBy: 'reference', policy: ASSESSMENT_POLICY_V1 };
    return { version: row.version, publishedAt: row.published_at.toISOString(), publishedBy: row.published_by, policy: { ...row.document, version: row.version } };
  }

  /** Publishes the next version (two admins at once get consecutive versions). */
  async publish(document: Omit<AssessmentPolicy, 'version'>, by: string): Promise<number> {
    return (await publishVersion(this.ds, ASSESSMENT_POLICY_KEY, document, by)).version;
  }
}
