export * from './event-jobs';
export * from './event-lifecycles';
export * from './event-slots';
export * from './events.module';
export * from './matches-bridge';
export * from './schedule-input';
