import { DataSource } from 'typeorm';
import type { CertificateRecord, InsuranceRecord, PriorAward } from '../../domain/src/skill-subsidy/skill-subsidy.rules';

/**
 * Other departments' systems, behind interfaces a real adapter can implement. The implementations in this file
 * are STAND-INS: they read tables that admins fill through `POST /admin/registries/...`, because this
 * deployment has no connection to the 人社 certificate system or the 社保 social-insurance system.
 */
export interface SkillCertificateRegistry {
  readonly source: string;
  findCertificate(certificateNumber: string): Promise<CertificateRecord | null>;
}

export interface SocialInsuranceRegistry {
  readonly source: string;
  recordsFor(idNumber: string): Promise<InsuranceRecord[]>;
}

/** Our own earlier decisions (not another department): approved skill subsidies of a person. */
export interface AwardHistory {
  readonly source: string;
  priorSkillAwards(idNumber: string, excludingApplicationId: string): Promise<PriorAward[]>;
}

export class LocalSkillCertificateRegistry implements SkillCertificateRegistry {
  readonly source = 'stand-in:registry_skill_certificates';
  constructor(private readonly ds: DataSource) {}

  async findCertificate(certificateNumber: string): Promise<CertificateRecord | null> {
    const [row] = (await this.ds.query(
      `SELECT certificate_number AS "certificateNumber", id_number AS "idNumber", level, occupation,
              to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn"
       FROM registry_skill_certificates WHERE certificate_number = $1`,
      [certificateNumber],
    )) as CertificateRecord[];
    return row ?? null;
  }

  async importCertificates(records: CertificateRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    await this.ds.query(
      `INSERT INTO registry_skill_certificates (certificate_number, id_number, level, occupation, issued_on)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::date[])
       ON CONFLICT (certificate_number) DO UPDATE SET id_number = EXCLUDED.id_number, level = EXCLUDED.level,
         occupation = EXCLUDED.occupation, issued_on = EXCLUDED.issued_on, imported_at = now()`,
      [
        records.map((r) => r.certificateNumber),
        records.map((r) => r.idNumber),
        records.map((r) => r.level),
        records.map((r) => r.occupation),
        records.map((r) => r.issuedOn),
      ],
    );
    return records.length;
  }
}

export class LocalSocialInsuranceRegistry implements SocialInsuranceRegistry {
  readonly source = 'stand-in:registry_social_insurance';
  constructor(private readonly ds: DataSource) {}

  async recordsFor(idNumber: string): Promise<InsuranceRecord[]> {
    return (await this.ds.query(
      `SELECT id_number AS "idNumber", org_code AS "orgCode", town, months, last_paid_month AS "lastPaidMonth"
       FROM registry_social_insurance WHERE id_number = $1 ORDER BY org_code`,
      [idNumber],
    )) as InsuranceRecord[];
  }

  async importRecords(records: InsuranceRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    await this.ds.query(
      `INSERT INTO registry_social_insurance (id_number, org_code, town, months, last_paid_month)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[])
       ON CONFLICT (id_number, org_code) DO UPDATE SET town = EXCLUDED.town, months = EXCLUDED.months,
         last_paid_month = EXCLUDED.last_paid_month, imported_at = now()`,
      [
        records.map((r) => r.idNumber),
        records.map((r) => r.orgCode),
        records.map((r) => r.town),
        records.map((r) => r.months),
        records.map((r) => r.lastPaidMonth),
      ],
    );
    return records.length;
  }
}

export class ReadModelAwardHistory implements AwardHistory {
  readonly source = 'talentflow:applications';
  constructor(private readonly ds: DataSource) {}

  async priorSkillAwards(idNumber: string, excludingApplicationId: string): Promise<PriorAward[]> {
    const rows = (await this.ds.query(
      `SELECT id AS "applicationId", (state->'form'->>'level')::int AS level,
              extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai')::int AS "approvedYear"
       FROM applications
       WHERE applicant_id_number = $1 AND program = 'skill-subsidy' AND id <> $2
         AND status IN ('approved', 'in-payment', 'completed')
       ORDER BY decided_at`,
      [idNumber, excludingApplicationId],
    )) as PriorAward[];
    return rows;
  }
}
