/** Layer rules: workflows and the domain stay free of Nest, TypeORM, the event store and the apps. */
module.exports = {
  forbidden: [
    {
      name: 'workflow-determinism',
      comment: 'Workflow code is replayed: it imports only @temporalio/workflow (and common), the domain and itself.',
      severity: 'error',
      from: { path: '^workflows/', pathNot: '\\.spec\\.ts$' },
      to: {
        dependencyTypesNot: ['type-only'],
        pathNot: ['^workflows/', '^libs/domain/', '^node_modules/@temporalio/(workflow|common)/', '^node_modules/luxon/'],
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'The domain has no I/O: no Nest, TypeORM, pg, event store, apps or workflows.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: { path: ['^apps/', '^workflows/', '^libs/(event-store|registries|temporal)/', 'node_modules/(@nestjs|typeorm|pg|@temporalio)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.spec\\.ts$' },
  },
};
