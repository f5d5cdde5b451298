// The public surface of libs/event-store: code outside this lib imports from '#event-store' only (dependency-cruiser enforces it).
export * from './data-source';
export * from './event-store';
export * from './event-store.module';
export * from './hash-chain';
export * from './append-metrics';
export * from './entities';
export * from './audit/checkpoints';
export * from './audit/merkle';
export * from './audit/verify-all';
export * from './projections/application.projection';
export * from './projections/delegation.projection';
export * from './projections/projection-runner';
export * from './policy-versions';
export * from './sealing/sealing';
