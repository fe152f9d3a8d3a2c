export * from './common.module';
export * from './domain-errors';
export * from './pagination.dto';
export * from './problem-details';
export * from './problem-details.filter';
export * from './validation-messages';
export * from './validation.exception';
export * from './state-machine';
