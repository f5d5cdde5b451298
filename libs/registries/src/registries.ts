import { DataSource, EntityManager } from 'typeorm';
import type { CalendarYear, Expert, Program, CertificateRecord, InsuranceRecord, PriorAward } from '#domain';

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
  /**
   * Claims the certificate for this application, under the person's lock: answers the other applications that
   * hold it (not refused, withdrawn or lapsed) — none means the claim is this application's.
   */
  claimCertificate(applicationId: string, idNumber: string, certificateNumber: string): Promise<string[]>;
}

/** The enterprise registry (市场监管 / 国家企业信用信息公示系统): an organisation's registered name by its USCC. */
export interface OrganisationRegistry {
  readonly source: string;
  nameOf(orgCode: string): Promise<string | null>;
}

/** STAND-IN for the 市场监管 enterprise registry: names admins import through POST /admin/registries/organisations. */
export class LocalOrganisationRegistry implements OrganisationRegistry {
  readonly source = 'stand-in:registry_organisations';
  constructor(private readonly ds: DataSource) {}

  async nameOf(orgCode: string): Promise<string | null> {
    const [row] = (await this.ds.query(`SELECT name FROM registry_organisations WHERE org_code = $1`, [orgCode])) as { name: string }[];
    return row?.name ?? null;
  }

  async importOrganisations(records: { orgCode: string; name: string }[]): Promise<number> {
    if (records.length === 0) return 0;
    await this.ds.query(
      `INSERT INTO registry_organisations (org_code, name)
       SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (org_code) DO UPDATE SET name = EXCLUDED.name, imported_at = now()`,
      [records.map((r) => r.orgCode), records.map((r) => r.name)],
    );
    return records.length;
  }
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
      `SELECT id_number AS "idNumber", org_code AS "orgCode", town, months, last_paid_month AS "lastPaidMonth", region_code AS "regionCode"
       FROM registry_social_insurance WHERE id_number = $1 ORDER BY org_code`,
      [idNumber],
    )) as InsuranceRecord[];
  }

  async importRecords(records: InsuranceRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    await this.ds.query(
      `INSERT INTO registry_social_insurance (id_number, org_code, town, months, last_paid_month, region_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[])
       ON CONFLICT (id_number, org_code) DO UPDATE SET town = EXCLUDED.town, months = EXCLUDED.months,
         last_paid_month = EXCLUDED.last_paid_month, region_code = EXCLUDED.region_code, imported_at = now()`,
      [
        records.map((r) => r.idNumber),
        records.map((r) => r.orgCode),
        records.map((r) => r.town),
        records.map((r) => r.months),
        records.map((r) => r.lastPaidMonth),
        records.map((r) => r.regionCode ?? null),
      ],
    );
    return records.length;
  }
}

export class ReadModelAwardHistory implements AwardHistory {
  readonly source = 'talentflow:applications';
  /** `person`: the keyed hash of an ID number, which our tables keep instead of the number. */
  constructor(
    private readonly ds: DataSource,
    private readonly person: (idNumber: string) => string,
  ) {}

  /** Applications of this person that count: approved or paid, and those still being decided (not refused). */
  async priorSkillAwards(idNumber: string, excludingApplicationId: string): Promise<PriorAward[]> {
    const rows = (await this.ds.query(
      `SELECT id AS "applicationId", state->'form'->>'certificateNumber' AS "certificateNumber", (state->'form'->>'level')::int AS level,
              state->'form'->>'occupation' AS occupation,
              CASE WHEN status IN ('approved', 'in-payment', 'completed')
                   THEN extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai')::int END AS "approvedYear"
       FROM applications
       WHERE applicant_person = $1 AND program = 'skill-subsidy' AND id <> $2
         AND status NOT IN ('rejected', 'withdrawn', 'lapsed')
       ORDER BY submitted_at`,
      [this.person(idNumber), excludingApplicationId],
    )) as PriorAward[];
    return rows;
  }

  async claimCertificate(applicationId: string, idNumber: string, certificateNumber: string): Promise<string[]> {
    const person = this.person(idNumber);
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('benefit:' || $1, 0))`, [person]);
      const holders = (await m.query(
        `SELECT c.application_id AS id FROM skill_certificate_claims c LEFT JOIN applications a ON a.id = c.application_id
         WHERE c.certificate_number = $1 AND c.application_id <> $2 AND coalesce(a.status, 'submitted') NOT IN ('rejected', 'withdrawn', 'lapsed')
         ORDER BY c.claimed_at`,
        [certificateNumber, applicationId],
      )) as { id: string }[];
      if (holders.length > 0) return holders.map((h) => h.id);
      await m.query(
        `INSERT INTO skill_certificate_claims (application_id, certificate_number, person) VALUES ($1, $2, $3)
         ON CONFLICT (application_id) DO UPDATE SET certificate_number = EXCLUDED.certificate_number`,
        [applicationId, certificateNumber, person],
      );
      return [];
    });
  }
}

/**
 * Erasure: the claims (不重复享受, a certificate's) keep the keyed hash of a person's ID number; these people's
 * hashes are cleared, in the caller's transaction. The claims stay (the awards happened), belonging to nobody.
 */
export async function forgetClaimants(m: EntityManager, personHashes: readonly string[]): Promise<void> {
  await m.query(`UPDATE benefit_claims SET person = NULL WHERE person = ANY($1)`, [personHashes]);
  await m.query(`UPDATE skill_certificate_claims SET person = NULL WHERE person = ANY($1)`, [personHashes]);
}

/** An award of an excluded program that the same person holds or is about to receive. */
export interface ActiveAward {
  applicationId: string;
  program: Program;
  status: string;
}

/** Statuses in which an award no longer counts: refused, given up, or run its course. */
const ENDED = ['rejected', 'withdrawn', 'lapsed', 'completed', 'terminated'];

/**
 * Our own awards across programs, for 不重复享受. A claim is checked and recorded in one transaction under a lock
 * on the person, so two applications of excluded programs cannot both pass at the same moment; a claim counts
 * until its application ends (rejected, withdrawn, lapsed, completed, terminated).
 */
export class BenefitClaims {
  readonly source = 'talentflow:benefit_claims';
  /** `person`: the keyed hash of an ID number; claims are kept and compared by it, never by the number. */
  constructor(
    private readonly ds: DataSource,
    private readonly person: (idNumber: string) => string,
  ) {}

  async claim(applicationId: string, program: Program, idNumber: string, excludes: Program[]): Promise<{ granted: boolean; conflicts: ActiveAward[] }> {
    const person = this.person(idNumber);
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('benefit:' || $1, 0))`, [person]);
      const conflicts = (await m.query(
        `SELECT c.application_id AS "applicationId", c.program, coalesce(a.status, 'submitted') AS status
         FROM benefit_claims c LEFT JOIN applications a ON a.id = c.application_id
         WHERE c.person = $1 AND c.program = ANY($2::text[]) AND c.application_id <> $3
           AND coalesce(a.status, 'submitted') <> ALL($4::text[])
         ORDER BY c.claimed_at`,
        [person, excludes, applicationId, ENDED],
      )) as ActiveAward[];
      if (conflicts.length > 0) return { granted: false, conflicts };
      await m.query(
        `INSERT INTO benefit_claims (application_id, person, program) VALUES ($1, $2, $3) ON CONFLICT (application_id) DO NOTHING`,
        [applicationId, person, program],
      );
      return { granted: true, conflicts };
    });
  }
}

/**
 * The working-day arrangements the district published (POST /admin/calendars/:year) for years the built-in
 * `chinese-days` data does not cover (or corrects). Read for every deadline; kept a minute in memory.
 */
export class PublishedCalendars {
  private cache: { at: number; years: CalendarYear[] } | null = null;
  constructor(private readonly ds: DataSource) {}

  async years(): Promise<CalendarYear[]> {
    if (this.cache && Date.now() - this.cache.at < 60_000) return this.cache.years;
    const rows = (await this.ds.query(
      `SELECT year, array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
              array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) d ORDER BY d) AS workdays
       FROM calendars ORDER BY year`,
    )) as CalendarYear[];
    this.cache = { at: Date.now(), years: rows };
    return rows;
  }

  async year(year: number): Promise<(CalendarYear & { publishedAt: string; publishedBy: string }) | null> {
    const [row] = (await this.ds.query(
      `SELECT year, array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(holidays) d ORDER BY d) AS holidays,
              array(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(workdays) d ORDER BY d) AS workdays, published_at, published_by
       FROM calendars WHERE year = $1`,
      [year],
    )) as (CalendarYear & { published_at: Date; published_by: string })[];
    return row ? { year: row.year, holidays: row.holidays, workdays: row.workdays, publishedAt: row.published_at.toISOString(), publishedBy: row.published_by } : null;
  }

  /** Publishes (or corrects) a year's arrangement; deadlines computed from now on count on it. */
  async publish(year: CalendarYear, by: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO calendars (year, holidays, workdays, published_by) VALUES ($1, $2::date[], $3::date[], $4)
       ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays, published_at = now(), published_by = EXCLUDED.published_by`,
      [year.year, year.holidays, year.workdays, by],
    );
    this.cache = null;
  }
}

/** The expert pool, kept by admins (POST /admin/experts). */
export class ExpertPool {
  constructor(private readonly ds: DataSource) {}

  async active(): Promise<Expert[]> {
    const rows = (await this.ds.query(`SELECT id, name, fields, org_code FROM experts WHERE active ORDER BY id`)) as {
      id: string;
      name: string;
      fields: string[];
      org_code: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, name: r.name, fields: r.fields, ...(r.org_code ? { orgCode: r.org_code } : {}) }));
  }

  /** The pool as administrators see it (inactive members too), searched by id, name or field, paged. */
  async search(filter: { q?: string; active?: boolean; page: number; pageSize: number }): Promise<{ items: (Expert & { active: boolean; updatedAt: string })[]; total: number }> {
    const params: unknown[] = [filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null, filter.active ?? null];
    const where = `($1::text IS NULL OR id ILIKE $1 OR name ILIKE $1 OR EXISTS (SELECT 1 FROM unnest(fields) f WHERE f ILIKE $1))
      AND ($2::boolean IS NULL OR active = $2)`;
    const rows = (await this.ds.query(`SELECT id, name, fields, org_code, active, updated_at FROM experts WHERE ${where} ORDER BY updated_at DESC, id LIMIT $3 OFFSET $4`, [
      ...params,
      filter.pageSize,
      (filter.page - 1) * filter.pageSize,
    ])) as { id: string; name: string; fields: string[]; org_code: string | null; active: boolean; updated_at: Date }[];
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM experts WHERE ${where}`, params)) as { total: number }[];
    return {
      total,
      items: rows.map((r) => ({ id: r.id, name: r.name, fields: r.fields, ...(r.org_code ? { orgCode: r.org_code } : {}), active: r.active, updatedAt: r.updated_at.toISOString() })),
    };
  }

  async register(experts: (Expert & { active?: boolean })[]): Promise<number> {
    if (experts.length === 0) return 0;
    await this.ds.query(
      `INSERT INTO experts (id, name, fields, org_code, active)
       SELECT id, name, ARRAY(SELECT jsonb_array_elements_text(fields)), org_code, active
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, fields jsonb, org_code text, active boolean)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, fields = EXCLUDED.fields, org_code = EXCLUDED.org_code,
         active = EXCLUDED.active, updated_at = now()`,
      [JSON.stringify(experts.map((e) => ({ id: e.id, name: e.name, fields: e.fields, org_code: e.orgCode ?? null, active: e.active ?? true })))],
    );
    return experts.length;
  }
}
