import { InitialSchema1764680000000 } from './1764680000000-initial-schema';

/** In order. Listed explicitly so the same array works from ts sources (tests) and from dist. */
export const ALL_MIGRATIONS = [InitialSchema1764680000000];
