import type { startTestServices } from './services';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __talentflowServices?: Awaited<ReturnType<typeof startTestServices>> };
  const services = g.__talentflowServices;
  g.__talentflowServices = undefined;
  if (services) await services.stop();
}
