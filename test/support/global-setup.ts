// First: jest runs this file outside its module registry, where #domain & co. would load dist/ (see the file).
import './register-source-imports';
import { randomBytes } from 'node:crypto';
import { startTestServices } from './services';

/** Once per run: a fresh database, the workflow bundle, a Temporal dev server. */
export default async function globalSetup(): Promise<void> {
  const g = globalThis as { __talentflowServices?: Awaited<ReturnType<typeof startTestServices>> };
  if (g.__talentflowServices) return;
  const services = await startTestServices(`talentflow_test_${Date.now()}_${randomBytes(3).toString('hex')}`);
  g.__talentflowServices = services;
  Object.assign(process.env, services.env);
}
