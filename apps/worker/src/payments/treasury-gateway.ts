import { DataSource } from 'typeorm';
import type { PaymentActivities, PaymentRequest } from '#workflows';

/** The treasury's payment system, as the workflows need it. A real adapter implements this interface. */
export interface TreasuryGateway {
  instruct(request: PaymentRequest): Promise<{ gatewayReference: string }>;
}

/**
 * SIMULATED treasury gateway: records each instruction in `payment_instructions` and answers with a reference,
 * idempotent by the request's key. No money moves; finance confirms payment through its task queue.
 */
export class SimulatedTreasuryGateway implements TreasuryGateway {
  constructor(private readonly ds: DataSource) {}

  async instruct(request: PaymentRequest): Promise<{ gatewayReference: string }> {
    const reference = `SIM-${request.idempotencyKey.replace(/[^A-Za-z0-9]/g, '').slice(-24).toUpperCase()}`;
    await this.ds.query(
      `INSERT INTO payment_instructions (idempotency_key, gateway_reference, application_id, amount_fen, purpose)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING`,
      [request.idempotencyKey, reference, request.applicationId, request.amountFen, request.purpose],
    );
    const [row] = (await this.ds.query(`SELECT gateway_reference FROM payment_instructions WHERE idempotency_key = $1`, [
      request.idempotencyKey,
    ])) as { gateway_reference: string }[];
    return { gatewayReference: row.gateway_reference };
  }
}

export function maskAccount(accountNumber: string): string {
  return accountNumber.length <= 4 ? '****' : `${'*'.repeat(accountNumber.length - 4)}${accountNumber.slice(-4)}`;
}

export class PaymentActivitiesImpl implements PaymentActivities {
  constructor(private readonly gateway: TreasuryGateway) {}

  async instructPayment(request: PaymentRequest): Promise<{ gatewayReference: string; payeeAccountMasked: string }> {
    const { gatewayReference } = await this.gateway.instruct(request);
    return { gatewayReference, payeeAccountMasked: maskAccount(request.bankAccount.accountNumber) };
  }
}
