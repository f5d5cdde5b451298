// The public surface of libs/temporal: code outside this lib imports from '#temporal' only (dependency-cruiser enforces it).
export * from './history-cross-check';
export * from './search-attributes';
export * from './temporal.config';
export * from './temporal.module';
export * from './payload-codec';
