import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * TypeORM mappings of the tables the migrations create. The append path and the read-model queries use
 * SQL directly (they need row locks, multi-row inserts and array operators); these serve simple reads and
 * writes and keep the schema visible in one place next to the migrations.
 */
@Entity({ name: 'events' })
export class EventRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) position!: string;
  @Column({ name: 'event_id', type: 'uuid', unique: true }) eventId!: string;
  @Column({ name: 'stream_id', type: 'text' }) streamId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'schema_version', type: 'integer' }) schemaVersion!: number;
  @Column({ type: 'jsonb' }) data!: unknown;
  @Column({ type: 'jsonb' }) metadata!: unknown;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ name: 'prev_hash', type: 'char', length: 64 }) prevHash!: string;
  @Column({ type: 'char', length: 64 }) hash!: string;
}

@Entity({ name: 'streams' })
export class StreamRow {
  @PrimaryColumn({ name: 'stream_id', type: 'text' }) streamId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'head_hash', type: 'char', length: 64 }) headHash!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'policies' })
export class PolicyRow {
  @PrimaryColumn({ type: 'text' }) program!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
  @Column({ name: 'published_by', type: 'text' }) publishedBy!: string;
  @Column({ type: 'jsonb' }) document!: Record<string, unknown>;
}

@Entity({ name: 'registry_skill_certificates' })
export class SkillCertificateRow {
  @PrimaryColumn({ name: 'certificate_number', type: 'text' }) certificateNumber!: string;
  @Column({ name: 'id_number', type: 'text' }) idNumber!: string;
  @Column({ type: 'integer' }) level!: number;
  @Column({ type: 'text' }) occupation!: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn!: string;
}

@Entity({ name: 'registry_social_insurance' })
export class SocialInsuranceRow {
  @PrimaryColumn({ name: 'id_number', type: 'text' }) idNumber!: string;
  @PrimaryColumn({ name: 'org_code', type: 'text' }) orgCode!: string;
  @Column({ type: 'text' }) town!: string;
  @Column({ type: 'integer' }) months!: number;
  @Column({ name: 'last_paid_month', type: 'text' }) lastPaidMonth!: string;
}

@Entity({ name: 'payment_instructions' })
export class PaymentInstructionRow {
  @PrimaryColumn({ name: 'idempotency_key', type: 'text' }) idempotencyKey!: string;
  @Column({ name: 'gateway_reference', type: 'text' }) gatewayReference!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'amount_fen', type: 'bigint' }) amountFen!: string;
  @Column({ type: 'text' }) purpose!: string;
}

export const ENTITIES = [EventRow, StreamRow, PolicyRow, SkillCertificateRow, SocialInsuranceRow, PaymentInstructionRow];
