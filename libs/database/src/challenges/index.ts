export * from './challenge.lifecycle';
