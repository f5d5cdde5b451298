import { databaseUrl, migrate } from '../data-source';

/** `npm run migrate`: runs pending migrations against DATABASE_URL (creating the database if needed). */
migrate(databaseUrl())
  .then((ran) => {
    process.stdout.write(ran.length ? `ran: ${ran.join(', ')}\n` : 'schema up to date\n');
  })
  .catch((err) => {
    process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
