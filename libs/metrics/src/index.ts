// The public surface of libs/metrics: code outside this lib imports from '#metrics' only (dependency-cruiser enforces it).
export * from './assessment.projection';
export * from './assessment.report';
export * from './indicator-reports';
