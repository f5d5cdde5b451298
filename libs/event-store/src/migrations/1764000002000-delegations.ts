import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read model of delegations (委托): a stand-in acts on someone's queues for a period. */
export class Delegations1764000002000 implements MigrationInterface {
  name = 'Delegations1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delegations (
        id          uuid PRIMARY KEY,
        delegator   text NOT NULL,
        delegate    text NOT NULL,
        roles       text[] NOT NULL,
        queues      text[] NOT NULL,
        valid_from  timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        reason      text NOT NULL,
        revoked_at  timestamptz,
        revoked_by  text
      )`);
    await q.query(`CREATE INDEX delegations_delegate_idx ON delegations (delegate, valid_until)`);
    await q.query(`CREATE INDEX delegations_delegator_idx ON delegations (delegator)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS delegations`);
  }
}
