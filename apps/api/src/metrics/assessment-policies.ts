import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ASSESSMENT_POLICY_KEY, ASSESSMENT_POLICY_V1, AssessmentPolicy } from '#domain';
import { DATA_SOURCE, newestVersion, publishVersion } from '#event-store';


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
    const row = await newestVersion<Omit<AssessmentPolicy, 'version'>>(this.ds, ASSESSMENT_POLICY_KEY);
    if (!row) return { version: ASSESSMENT_POLICY_V1.version, publishedAt: new Date(0).toISOString(), publishedBy: 'reference', policy: ASSESSMENT_POLICY_V1 };
    return { version: row.version, publishedAt: row.publishedAt, publishedBy: row.publishedBy, policy: { ...row.document, version: row.version } };
  }

  /** Publishes the next version (two admins at once get consecutive versions). */
  async publish(document: Omit<AssessmentPolicy, 'version'>, by: string): Promise<number> {
    return (await publishVersion(this.ds, ASSESSMENT_POLICY_KEY, document, by)).version;
  }
}
