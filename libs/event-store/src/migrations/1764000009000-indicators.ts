import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assessment system (#16): departments' indicator reports and the talent office's reviews, as the assessment
 * projection keeps them from the `indicator-<key>` streams; each application's policy version (its promised
 * handling time) and the town the social-insurance registry places its employer in. Existing rows are filled from
 * the log.
 */
export class Indicators1764000009000 implements MigrationInterface {
  name = 'Indicators1764000009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE metric_indicator_reports (
        report_id    uuid PRIMARY KEY,
        key          text NOT NULL,
        period       text NOT NULL,
        value        double precision NOT NULL,
        evidence_ref text NOT NULL,
        note         text,
        department   text NOT NULL,
        reported_by  text NOT NULL,
        reported_at  timestamptz NOT NULL,
        status       text NOT NULL,
        reviewed_by  text,
        reviewed_at  timestamptz,
        comment      text
      )`);
    await q.query(`CREATE INDEX metric_indicator_reports_key_idx ON metric_indicator_reports (key, period, status)`);
    await q.query(`ALTER TABLE metric_applications ADD COLUMN policy_version integer, ADD COLUMN registry_town text`);
    await q.query(`
      UPDATE metric_applications m SET policy_version = (e.data->>'policyVersion')::int
      FROM events e WHERE e.stream_id = 'application-' || m.id::text AND e.type = 'ApplicationSubmitted'`);
    // The town the insurance registry places the employer in, from the employment checks already recorded.
    await q.query(`
      UPDATE metric_applications m SET registry_town = x.town
      FROM (SELECT substring(e.stream_id FROM 13)::uuid AS id, emp->>'town' AS town
            FROM events e, jsonb_array_elements(e.data->'details'->'employers') emp
            WHERE e.type = 'AutomaticCheckRecorded' AND e.data->>'check' = 'employment' AND (e.data->>'passed')::boolean
              AND emp->>'orgCode' = e.data->'details'->>'employerOrgCode') x
      WHERE m.id = x.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE metric_applications DROP COLUMN registry_town, DROP COLUMN policy_version`);
    await q.query(`DROP TABLE metric_indicator_reports`);
  }
}
