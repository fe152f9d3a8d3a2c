import { InitialSchema1764680000000 } from './1764680000000-initial-schema';
import { Notifications1764685000000 } from './1764685000000-notifications';
import { ScenarioRefinement1764690000000 } from './1764690000000-scenario-refinement';
import { Supply1764700000000 } from './1764700000000-supply';
import { ListBatches1764710000000 } from './1764710000000-list-batches';
import { Events1764720000000 } from './1764720000000-events';
import { Challenges1764730000000 } from './1764730000000-challenges';
import { Matches1764740000000 } from './1764740000000-matches';
import { CapabilityMatchProfiles1764750000000 } from './1764750000000-capability-match-profiles';
import { ScenarioMatchCandidates1764760000000 } from './1764760000000-scenario-match-candidates';
import { CapabilityTermHashes1764770000000 } from './1764770000000-capability-term-hashes';

/** In order. Listed explicitly so the same array works from ts sources (tests) and from dist. */
export const ALL_MIGRATIONS = [
  InitialSchema1764680000000,
  Notifications1764685000000,
  // Feature migrations: add one line each, in timestamp order.
  ScenarioRefinement1764690000000,
  Supply1764700000000,
  ListBatches1764710000000,
  Events1764720000000,
  Challenges1764730000000,
  Matches1764740000000,
  CapabilityMatchProfiles1764750000000,
  ScenarioMatchCandidates1764760000000,
  CapabilityTermHashes1764770000000,
];
