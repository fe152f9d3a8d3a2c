export * from './data-source';
export * from './database.module';
export * from './entities';
export { ALL_MIGRATIONS } from './migrations';
export * from './audit-trail';
export * from './outbox';
export * from './seeds/demo-seeder';
export * from './seeds/reference-data';
export * from './notifications';
