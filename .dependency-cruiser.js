/**
 * Layer and seam rules (STYLE.md): workflows and the domain stay free of Nest, TypeORM, the event store and the apps;
 * a lib is entered through its public index.ts ('#domain', '#event-store', … in package.json `imports`); no relative
 * import climbs more than two levels ('#api/…', '#test/…' name such places instead).
 */
const LIB_INDEX = '^libs/[^/]+/src/index\\.ts$';
module.exports = {
  forbidden: [
    {
      name: 'workflow-determinism',
      comment: 'Workflow code is replayed: it imports only @temporalio/workflow (and common), the domain and itself.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: '\\.spec\\.ts$' },
      to: {
        dependencyTypesNot: ['type-only'],
        pathNot: ['^workflows/', '^libs/domain/', '^node_modules/@temporalio/(workflow|common)/', '^node_modules/luxon/', '^node_modules/chinese-days/'],
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'The domain has no I/O: no Nest, TypeORM, pg, event store, apps or workflows.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['^apps/', '^workflows/', '^libs/(event-store|metrics|notifications|registries|temporal)/', 'node_modules/(@nestjs|typeorm|pg|@temporalio)/'] },
    },
    {
      name: 'lib-public-surface',
      comment: 'Outside a lib, import it as #<lib> (its src/index.ts), never a file inside it.',
      severity: 'error',
      from: { pathNot: '^libs/' },
      to: { path: '^libs/[^/]+/src/', pathNot: LIB_INDEX },
    },
    {
      name: 'lib-public-surface-between-libs',
      comment: 'A lib imports another lib through that lib\'s index.ts, its own files relatively.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', LIB_INDEX] },
    },
    {
      name: 'no-deep-relative-import',
      comment: 'A relative import climbs at most two levels (../../); farther places have a #name in package.json `imports`.',
      severity: 'error',
      from: { path: '^(.+)/[^/]+/[^/]+/[^/]+$' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased', 'aliased-subpath-import'], pathNot: '^$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve package.json `imports` to the TypeScript sources (their `types` condition), as tsc does.
    enhancedResolveOptions: { conditionNames: ['types', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json', '.d.ts'] },
    exclude: { path: '^(dist|\\.tools|\\.data|node_modules)/' },
  },
};
