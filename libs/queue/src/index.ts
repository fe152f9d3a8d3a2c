export * from './job-producer';
export * from './queue-contract';
export * from './queue.module';
export * from './redis-store';
