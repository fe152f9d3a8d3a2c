import { InitialSchema1764680000000 } from './1764680000000-initial-schema';
import { Notifications1764685000000 } from './1764685000000-notifications';

/** In order. Listed explicitly so the same array works from ts sources (tests) and from dist. */
export const ALL_MIGRATIONS = [
  InitialSchema1764680000000,
  Notifications1764685000000,
  // Feature migrations: add one line each, in timestamp order.
];
