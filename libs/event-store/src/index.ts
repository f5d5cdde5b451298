export * from './data-source';
export * from './event-store';
export * from './hash-chain';
export * from './entities';
export * from './projections/application.projection';
export * from './projections/delegation.projection';
