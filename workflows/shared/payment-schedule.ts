import type { ScheduleItem } from '#domain';
import { paidKeys } from '#domain';
import type { ApplicationProcess } from './application-process';
import type { PaymentActivities } from './core.activities';
import { PaymentSpec, payOnce } from './payment';

/** Records the schedule of instalments (replacing any earlier one, e.g. after a leadership adjustment). */
export async function setSchedule(app: ApplicationProcess, items: ScheduleItem[], reason: string): Promise<void> {
  await app.execute({ type: 'SetSchedule', items, reason });
}

/** Pays one scheduled instalment by its key, once: an instalment already confirmed is not paid again. */
export async function payScheduled(
  app: ApplicationProcess,
  payments: PaymentActivities,
  key: string,
  spec: Omit<PaymentSpec, 'purpose' | 'amountFen'>,
): Promise<boolean> {
  const item = app.state.schedule?.find((i) => i.key === key);
  if (!item) throw new Error(`no scheduled instalment ${key}`);
  if (paidKeys(app.state).has(key)) return true;
  return payOnce(app, payments, { ...spec, purpose: key, amountFen: item.amountFen });
}
