import { rawPolicyServer } from './system.bench';

// A child process for the http benchmark's baseline, so it does not share a CPU with the load generator.
rawPolicyServer(process.argv[2]).then((server) => process.send?.(server.url));
process.on('SIGTERM', () => process.exit(0));
