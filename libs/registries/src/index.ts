// The public surface of libs/registries: code outside this lib imports from '#registries' only (dependency-cruiser enforces it).
export * from './registries';
