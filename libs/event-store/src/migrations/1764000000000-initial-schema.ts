import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event log, its stream heads, the inline read models (applications, tasks), versioned
 * policies, and the stand-in registries of other departments.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        position       bigserial PRIMARY KEY,
        event_id       uuid NOT NULL UNIQUE,
        stream_id      text NOT NULL,
        version        integer NOT NULL CHECK (version > 0),
        type           text NOT NULL,
        schema_version integer NOT NULL DEFAULT 1,
        data           jsonb NOT NULL,
        metadata       jsonb NOT NULL,
        recorded_at    timestamptz NOT NULL,
        prev_hash      char(64) NOT NULL,
        hash           char(64) NOT NULL,
        CONSTRAINT events_stream_version UNIQUE (stream_id, version)
      )`);
    await q.query(`CREATE INDEX events_type_idx ON events (type)`);
    await q.query(`CREATE INDEX events_recorded_at_idx ON events (recorded_at)`);
    // The log is append-only: no role may change or remove an event through ordinary DML.
    await q.query(`
      CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);

    await q.query(`
      CREATE TABLE streams (
        stream_id  text PRIMARY KEY,
        version    integer NOT NULL,
        head_hash  char(64) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE applications (
        id                  uuid PRIMARY KEY,
        stream_id           text NOT NULL UNIQUE,
        program             text NOT NULL,
        status              text NOT NULL,
        stage               text NOT NULL,
        town                text NOT NULL,
        policy_version      integer NOT NULL,
        applicant_sub       text NOT NULL,
        applicant_id_number text NOT NULL,
        applicant_org_code  text,
        request_hash        text NOT NULL,
        submitted_at        timestamptz NOT NULL,
        decided_at          timestamptz,
        completed_at        timestamptz,
        version             integer NOT NULL,
        state               jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX applications_applicant_idx ON applications (applicant_sub)`);
    await q.query(`CREATE INDEX applications_filter_idx ON applications (program, status, town)`);
    await q.query(`CREATE INDEX applications_person_idx ON applications (applicant_id_number, program)`);

    await q.query(`
      CREATE TABLE tasks (
        task_id          uuid PRIMARY KEY,
        application_id   uuid NOT NULL REFERENCES applications (id),
        program          text NOT NULL,
        town             text NOT NULL,
        kind             text NOT NULL,
        stage            text NOT NULL,
        queue            text NOT NULL,
        candidate_role   text NOT NULL,
        candidate_queues text[] NOT NULL,
        assignee_kind    text,
        assignee_value   text,
        status           text NOT NULL,
        claimed_by       text,
        priority         integer NOT NULL,
        created_at       timestamptz NOT NULL,
        due_at           timestamptz NOT NULL,
        escalated        boolean NOT NULL DEFAULT false,
        outcome          text,
        completed_by     text,
        completed_at     timestamptz
      )`);
    await q.query(`CREATE INDEX tasks_queue_idx ON tasks (queue, status, due_at)`);
    await q.query(`CREATE INDEX tasks_candidate_queues_idx ON tasks USING gin (candidate_queues)`);
    await q.query(`CREATE INDEX tasks_assignee_idx ON tasks (assignee_value) WHERE assignee_value IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_actor_idx ON tasks (claimed_by)`);
    await q.query(`CREATE INDEX tasks_application_idx ON tasks (application_id)`);

    await q.query(`
      CREATE TABLE policies (
        program      text NOT NULL,
        version      integer NOT NULL,
        published_at timestamptz NOT NULL,
        published_by text NOT NULL,
        document     jsonb NOT NULL,
        PRIMARY KEY (program, version)
      )`);

    // Stand-ins for other departments' systems (人社 skill certificates, 社保 social insurance), filled through
    // the admin import endpoints. A real adapter replaces the registry classes that read them.
    await q.query(`
      CREATE TABLE registry_skill_certificates (
        certificate_number text PRIMARY KEY,
        id_number          text NOT NULL,
        level              integer NOT NULL,
        occupation         text NOT NULL,
        issued_on          date NOT NULL,
        imported_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE registry_social_insurance (
        id_number       text NOT NULL,
        org_code        text NOT NULL,
        town            text NOT NULL,
        months          integer NOT NULL,
        last_paid_month text NOT NULL,
        imported_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id_number, org_code)
      )`);

    // The simulated treasury gateway's ledger of payment instructions, idempotent by key.
    await q.query(`
      CREATE TABLE payment_instructions (
        idempotency_key   text PRIMARY KEY,
        gateway_reference text NOT NULL,
        application_id    uuid NOT NULL,
        amount_fen        bigint NOT NULL,
        purpose           text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'payment_instructions',
      'registry_social_insurance',
      'registry_skill_certificates',
      'policies',
      'tasks',
      'applications',
      'streams',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP TRIGGER IF EXISTS events_append_only ON events`);
    await q.query(`DROP TABLE IF EXISTS events`);
    await q.query(`DROP FUNCTION IF EXISTS events_are_append_only()`);
  }
}
