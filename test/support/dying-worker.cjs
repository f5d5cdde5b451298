/* eslint-disable @typescript-eslint/no-require-imports */
// A worker process that dies the way the drill's `kill -9` catches one: it commits the append that creates a
// review task, then hangs until the test kills it, so its workflow task never completes and the append's result
// never reaches the history. Runs the compiled code (npm test builds first).
// usage: node dying-worker.cjs <temporal address> <namespace> <task queue> <workflow bundle> <database url>
const path = require('node:path');
const { NativeConnection, Worker } = require('@temporalio/worker');

const dist = path.join(__dirname, '..', '..', 'dist');
const { createDataSource } = require(path.join(dist, 'libs/event-store/src/data-source'));
const { buildActivities } = require(path.join(dist, 'apps/worker/src/activities'));
const { dataConverter } = require(path.join(dist, 'libs/temporal/src'));

async function main() {
  const [address, namespace, taskQueue, bundlePath, databaseUrl] = process.argv.slice(2);
  const ds = await createDataSource({ url: databaseUrl, poolSize: 2 }).initialize();
  const real = buildActivities(ds);
  const activities = {
    ...real,
    async appendEvents(streamId, expectedVersion, events) {
      const stored = await real.appendEvents(streamId, expectedVersion, events);
      if (events.some((e) => e.type === 'TaskCreated' && e.data.kind === 'review')) {
        process.stdout.write('committed\n');
        await new Promise(() => undefined); // the process dies here
      }
      return stored;
    },
  };
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, namespace, taskQueue, activities, workflowBundle: { codePath: bundlePath }, dataConverter: dataConverter() });
  process.stdout.write('ready\n');
  await worker.run();
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
