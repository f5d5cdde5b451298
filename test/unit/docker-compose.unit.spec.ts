import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { projectRoot } from '#infra/project-root';

/**
 * docker-compose.yml is never started on the machines of this project (no Docker). Where Docker exists,
 * `docker compose config` judges it; everywhere, a structural check catches what compose would refuse (or accept and
 * then fail at `up`) and holds this stack's own rules: a pinned Temporal server with its schema job, two workers,
 * the web app on the API's port, one environment for API and workers.
 */

type Env = Record<string, string>;
type Port = string | number | { target: number; published?: string | number };
type Volume = string | { type?: string; source?: string; target: string };
interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: Volume[];
  ports?: Port[];
  healthcheck?: { test?: string | string[] };
  deploy?: { replicas?: number };
  container_name?: string;
  restart?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const ROOT = projectRoot();
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
/** What API and workers must agree on: one database, one Temporal namespace and queue, the same keys. */
const SHARED_ENV = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'TEMPORAL_CODEC_KEYS', 'PII_KEYS', 'AUDIT_SIGNING_KEY'];
const SHARED_FILES = ['TEMPORAL_CODEC_KEYS_FILE', 'PII_KEYS_FILE', 'AUDIT_SIGNING_KEY_FILE', 'DOCUMENTS_DIR'];

// Compose reads YAML merge keys (`<<: *app-env`); js-yaml's default schema leaves them out. An alias parses to the
// very object of its anchor: the JSON round trip gives each service its own copy, as compose does.
const parse = (text: string) => JSON.parse(JSON.stringify(load(text, { schema: CORE_SCHEMA.withTags(mergeTag) }))) as ComposeFile;

const envOf = (s: Service): Env => {
  const e = s.environment ?? {};
  const pairs = Array.isArray(e) ? e.map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)]) : Object.entries(e);
  return Object.fromEntries(pairs.map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
};
const dependsOn = (s: Service): Record<string, string> =>
  Array.isArray(s.depends_on)
    ? Object.fromEntries(s.depends_on.map((d) => [d, 'service_started']))
    : Object.fromEntries(Object.entries(s.depends_on ?? {}).map(([d, v]) => [d, v?.condition ?? 'service_started']));
const mounts = (s: Service) =>
  (s.volumes ?? []).map((v) => {
    if (typeof v !== 'string') return { source: v.source, target: v.target, named: v.type === 'volume' && !!v.source };
    const parts = v.split(':');
    if (parts.length === 1) return { source: undefined, target: parts[0], named: false }; // anonymous volume
    return { source: parts[0], target: parts[1], named: !/^[./~]/.test(parts[0]) };
  });
const ports = (s: Service) =>
  (s.ports ?? []).map((p) => {
    if (typeof p === 'object') return { container: Number(p.target), published: p.published === undefined ? undefined : Number(p.published) };
    const parts = String(p).replace(/\/(tcp|udp)$/, '').split(':');
    return { container: Number(parts[parts.length - 1]), published: parts.length > 1 ? Number(parts[parts.length - 2]) : undefined };
  });
const script = (s: Service) => [s.entrypoint, s.command].flat().filter((x): x is string => typeof x === 'string').join('\n');
const shellTexts = (s: Service) => [script(s), [s.healthcheck?.test ?? []].flat().join(' ')];
const versionOf = (image: string | undefined, repo: string) => (image?.startsWith(`${repo}:`) ? image.slice(repo.length + 1) : undefined);
/** The services `name` waits for, directly or through others. */
function dependencies(compose: ComposeFile, name: string, seen = new Set<string>()): Set<string> {
  for (const d of Object.keys(dependsOn(compose.services[name] ?? {}))) {
    if (!seen.has(d) && compose.services[d]) {
      seen.add(d);
      dependencies(compose, d, seen);
    }
  }
  return seen;
}

/** Every problem found, as a sentence naming the service; empty when the file is right. */
function composeProblems(compose: ComposeFile): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  const names = Object.keys(services);
  if (names.length === 0) return ['no services'];
  const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));

  for (const [name, s] of Object.entries(services)) {
    if (!s.image && !s.build) problems.push(`${name}: neither image nor build`);
    if (s.image && (!/:[^/:]+$/.test(s.image) || s.image.endsWith(':latest'))) problems.push(`${name}: image ${s.image} is not pinned to a tag`);
    if (s.image?.startsWith('temporalio/auto-setup')) problems.push(`${name}: temporalio/auto-setup is deprecated`);
    for (const [target, condition] of Object.entries(dependsOn(s))) {
      if (!services[target]) problems.push(`${name}: depends_on unknown service ${target}`);
      else if (target === name) problems.push(`${name}: depends on itself`);
      if (!CONDITIONS.includes(condition)) problems.push(`${name}: depends_on ${target} with invalid condition ${condition}`);
      if (condition === 'service_healthy' && services[target] && !services[target].healthcheck) problems.push(`${name}: waits for ${target} to be healthy, which has no healthcheck`);
      if (condition === 'service_completed_successfully' && ['always', 'unless-stopped'].includes(services[target]?.restart ?? '')) problems.push(`${name}: waits for ${target} to complete, which restarts forever`);
    }
    if (dependencies(compose, name).has(name)) problems.push(`${name}: depends_on cycle`);
    for (const m of mounts(s)) if (m.named && !declaredVolumes.has(m.source!)) problems.push(`${name}: volume ${m.source} is not declared under volumes`);
    for (const text of shellTexts(s)) {
      // Compose substitutes `$NAME` from the host's environment; the container's shell needs `$$NAME`.
      if (/\$/.test(text.replace(/\$\$/g, ''))) problems.push(`${name}: unescaped $ in command, entrypoint or healthcheck`);
      if (/\btctl\b/.test(text)) problems.push(`${name}: tctl is not shipped in the current Temporal images`);
    }
  }

  // Temporal: one pinned server, its schema job and namespace job from admin-tools of the same release.
  const servers = names.filter((n) => versionOf(services[n].image, 'temporalio/server'));
  if (servers.length !== 1) return [...problems, `expected one temporalio/server service, found ${servers.length}`];
  const server = servers[0];
  const version = versionOf(services[server].image, 'temporalio/server')!;
  if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`${server}: temporalio/server:${version} is not an exact release`);
  const adminTools = names.filter((n) => versionOf(services[n].image, 'temporalio/admin-tools'));
  if (adminTools.length === 0) problems.push('no temporalio/admin-tools service');
  for (const n of adminTools) if (versionOf(services[n].image, 'temporalio/admin-tools') !== version) problems.push(`${n}: admin-tools ${services[n].image} is not the server's release ${version}`);
  const serverEnv = envOf(services[server]);
  if (serverEnv.DB !== 'postgres12') problems.push(`${server}: DB must be postgres12`);
  if (!services[serverEnv.POSTGRES_SEEDS]) problems.push(`${server}: POSTGRES_SEEDS names no service`);
  const dynamicConfig = serverEnv.DYNAMIC_CONFIG_FILE_PATH ?? '';
  const configMount = mounts(services[server]).find((m) => m.source?.startsWith('.') && dynamicConfig.startsWith(`${m.target}/`));
  if (!configMount || !fs.existsSync(path.join(ROOT, configMount.source!, dynamicConfig.slice(configMount.target.length)))) problems.push(`${server}: DYNAMIC_CONFIG_FILE_PATH is not a file mounted from the repository`);

  const schemaJob = adminTools.find((n) => script(services[n]).includes('temporal-sql-tool'));
  if (!schemaJob) problems.push('no admin-tools job runs temporal-sql-tool');
  else {
    const sql = script(services[schemaJob]);
    for (const [db, dir] of [[serverEnv.DBNAME ?? 'temporal', 'temporal'], [serverEnv.VISIBILITY_DBNAME ?? 'temporal_visibility', 'visibility']]) {
      for (const step of ['create-database', 'setup-schema', 'update-schema']) if (!sql.includes(`--db ${db} ${step}`)) problems.push(`${schemaJob}: no ${step} for database ${db}`);
      if (!new RegExp(`--db ${db} update-schema -d \\S*/${dir}/versioned`).test(sql)) problems.push(`${schemaJob}: ${db} is not updated from the ${dir}/versioned schema`);
    }
    if (!sql.includes('/etc/temporal/schema/postgresql/v12')) problems.push(`${schemaJob}: not the PostgreSQL 12+ schema shipped in admin-tools`);
    if (dependsOn(services[server])[schemaJob] !== 'service_completed_successfully') problems.push(`${server}: does not wait for ${schemaJob} to complete`);
  }
  const namespaceJob = adminTools.find((n) => script(services[n]).includes('operator namespace create'));
  if (!namespaceJob) problems.push('no admin-tools job creates the namespace');
  else if (dependsOn(services[namespaceJob])[server] !== 'service_healthy') problems.push(`${namespaceJob}: does not wait for ${server} to be healthy`);

  // The application: two interchangeable workers, the web app and API on port 3000, one shared environment.
  const { api, worker } = services;
  if (!api || !worker) return [...problems, 'api and worker services are required'];
  if (worker.deploy?.replicas !== 2) problems.push('worker: deploy.replicas must be 2');
  if (worker.ports?.length) problems.push('worker: replicas cannot publish host ports');
  if (worker.container_name) problems.push('worker: a container_name allows one replica only');
  if (!ports(api).some((p) => p.container === 3000 && p.published === 3000)) problems.push('api: port 3000 (API and web app) is not published');
  const [apiEnv, workerEnv] = [envOf(api), envOf(worker)];
  for (const key of [...SHARED_ENV, ...SHARED_FILES]) {
    if (apiEnv[key] === undefined || apiEnv[key] !== workerEnv[key]) problems.push(`api and worker differ on ${key} (${apiEnv[key]} / ${workerEnv[key]})`);
  }
  for (const key of SHARED_FILES) {
    const on = (s: Service) => mounts(s).find((m) => m.named && (apiEnv[key] ?? '').startsWith(`${m.target}/`));
    const [a, w] = [on(api), on(worker)];
    if (!a || !w || a.source !== w.source || a.target !== w.target) problems.push(`${key}: not on one named volume mounted alike in api and worker`);
  }
  const [temporalHost, temporalPort] = (apiEnv.TEMPORAL_ADDRESS ?? '').split(':');
  if (temporalHost !== server || temporalPort !== '7233') problems.push(`TEMPORAL_ADDRESS ${apiEnv.TEMPORAL_ADDRESS} is not ${server}:7233`);
  const databaseHost = URL.canParse(apiEnv.DATABASE_URL ?? '') ? new URL(apiEnv.DATABASE_URL).hostname : '';
  if (!services[databaseHost]) problems.push(`DATABASE_URL names no service (${databaseHost})`);
  if (namespaceJob) {
    if (envOf(services[namespaceJob]).TEMPORAL_NAMESPACE !== apiEnv.TEMPORAL_NAMESPACE) problems.push(`${namespaceJob}: creates another namespace than the app uses`);
    for (const n of ['api', 'worker']) if (!dependencies(compose, n).has(namespaceJob)) problems.push(`${n}: may start before ${namespaceJob} has created the namespace`);
  }
  return problems;
}

const composeText = fs.readFileSync(COMPOSE_FILE, 'utf8');
const dockerCompose = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;

describe('docker-compose.yml', () => {
  (dockerCompose ? it : it.skip)('is accepted by `docker compose config`', () => {
    const run = spawnSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '-q'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    // Warnings on stderr are fine when it succeeds; on failure the diff shows what compose said.
    expect({ status: run.status, said: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, said: '' });
  });

  it('passes the structural check', () => {
    expect(composeProblems(parse(composeText))).toEqual([]);
  });

  it('pins the Temporal server and admin-tools of one exact release, with no auto-setup left', () => {
    const compose = parse(composeText);
    const images = Object.values(compose.services).map((s) => s.image ?? '');
    const server = images.find((i) => i.startsWith('temporalio/server:'));
    expect(server).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(images).toContain(server!.replace('temporalio/server', 'temporalio/admin-tools'));
    expect(images.filter((i) => i.includes('auto-setup'))).toEqual([]);
  });

  // Each rule must be able to fail: break a copy of the file one way at a time and expect that rule to say so.
  const broken: [string, (c: ComposeFile) => void, RegExp][] = [
    ['one worker', (c) => (c.services.worker.deploy = { replicas: 1 }), /worker: deploy.replicas/],
    ['a host port on the worker', (c) => (c.services.worker.ports = ['9464:9464']), /worker: replicas cannot publish/],
    ['a dependency on a missing service', (c) => (c.services.api.depends_on = { nowhere: { condition: 'service_started' } }), /unknown service nowhere/],
    ['an invalid condition', (c) => (c.services.migrate.depends_on = { postgres: { condition: 'service_ready' } }), /invalid condition service_ready/],
    ['a cycle', (c) => (c.services.postgres.depends_on = ['api']), /postgres: depends_on cycle/],
    ['an undeclared named volume', (c) => c.services.api.volumes!.push('scratch:/scratch'), /volume scratch is not declared/],
    ['the auto-setup image', (c) => (c.services.temporal.image = 'temporalio/auto-setup:1.25.2'), /auto-setup is deprecated/],
    ['admin-tools of another release', (c) => (c.services['temporal-schema'].image = 'temporalio/admin-tools:1.31.2'), /not the server's release/],
    ['no visibility schema', (c) => (c.services['temporal-schema'].command = ['temporal-sql-tool --db temporal create-database']), /temporal_visibility/],
    ['a server that does not wait for its schema', (c) => (c.services.temporal.depends_on = {}), /does not wait for temporal-schema/],
    ['the web app port closed', (c) => (c.services.api.ports = ['8000:3000']), /api: port 3000/],
    ['another database for the workers', (c) => ((c.services.worker.environment as Env).DATABASE_URL = 'postgres://postgres:postgres@postgres:5432/other'), /differ on DATABASE_URL/],
    ['a key file off the shared volume', (c) => (c.services.worker.volumes = []), /PII_KEYS_FILE: not on one named volume/],
    ['a host variable in a script', (c) => (c.services['temporal-namespace'].command = ['temporal operator namespace create -n $TEMPORAL_NAMESPACE']), /unescaped \$/],
    ['a tctl health check', (c) => (c.services.temporal.healthcheck = { test: ['CMD', 'tctl', 'cluster', 'health'] }), /tctl is not shipped/],
  ];
  it.each(broken)('finds %s', (_what, breakIt, expected) => {
    const copy = parse(composeText);
    breakIt(copy);
    expect(composeProblems(copy).join('\n')).toMatch(expected);
  });
});
