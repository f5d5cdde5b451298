import { createDataSource, EventStore, ProjectionRunner } from '#event-store';
import { AssessmentProjection } from '../assessment.projection';

/**
 * `npm run projections -- status`   checkpoint, log head and lag
 * `npm run projections -- rebuild`  drops the metric facts and replays the whole log
 */
async function main(command: string | undefined): Promise<number> {
  const ds = await createDataSource({ poolSize: 2, applicationName: 'talentflow-projections' }).initialize();
  try {
    const runner = new ProjectionRunner(ds, new EventStore(ds), new AssessmentProjection(), 2000);
    if (command === 'rebuild') {
      const started = Date.now();
      const applied = await runner.rebuild();
      process.stdout.write(`${JSON.stringify({ applied, seconds: (Date.now() - started) / 1000, ...(await runner.lag()) })}\n`);
      return 0;
    }
    if (command === 'status') {
      process.stdout.write(`${JSON.stringify(await runner.lag())}\n`);
      return 0;
    }
    process.stderr.write('usage: npm run projections -- status | rebuild\n');
    return 2;
  } finally {
    await ds.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`projections failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
