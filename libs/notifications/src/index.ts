// The public surface of libs/notifications: code outside this lib imports from '#notifications' only (dependency-cruiser enforces it).
export * from './channels';
export * from './deadlines';
export * from './notification.projection';
export * from './notifier';
export * from './outbox';
export * from './people';
