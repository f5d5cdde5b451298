import 'reflect-metadata';
import { createApiApp } from './app.factory';
import { apiConfig } from './config/api.config';

async function main(): Promise<void> {
  const config = apiConfig();
  const app = await createApiApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  process.stdout.write(`api listening on http://${config.host}:${config.port}/api/v1 (docs: /api/docs, auth: ${config.authMode})\n`);
}

main().catch((err) => {
  process.stderr.write(`api failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
