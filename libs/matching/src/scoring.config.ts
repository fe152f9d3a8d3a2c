import type { MatchFeatureName } from './matching.types';

/**
 * The one place where the scoring weights live. Bump `version` on any change: every stored match records
 * the version that produced it, so old and new suggestions can be told apart and re-scored.
 *
 * Why these weights (round on purpose, tuned on the dev set only as far as ordering is concerned):
 * - What the demand is about decides most of a match, as a broker would judge it: textual relevance
 *   (own key-phrase overlap 0.35 + the search engine's view 0.15) and the domain (0.20) together make 0.70.
 * - Feasibility decides between relevant candidates: maturity (TRL 0.10) and price (0.10), which is what
 *   separates "fully meets" from "meets with gaps".
 * - Region, supplier standing and freshness only break near-ties (0.05 + 0.05 + 0.00 by default; freshness
 *   is computed and explained but weighs nothing until there is feedback showing it matters).
 *
 * v2: textRetrieval weighs 0. A stored pair must score the same whichever side's job computed it (a rerun of
 * either job must not flip the row), and the search engine's rank is specific to the side that searched.
 * Retrieval still decides which candidates are scored. Dev set: NDCG@10 0.7628 (v1) → 0.7622 (v2).
 */
export const SCORING_CONFIG = {
  version: 'v2',
  weights: {
    phraseOverlap: 0.35,
    textRetrieval: 0,
    domainFit: 0.25,
    trlFit: 0.1,
    priceFit: 0.1,
    regionProximity: 0.05,
    supplierStrength: 0.05,
    freshness: 0,
  } satisfies Record<MatchFeatureName, number>,
  /** Reciprocal-rank-fusion constant: rank 1 → 1/(k+1). */
  rrfK: 10,
  /** Per TRL level below the required minimum. */
  trlPenaltyPerLevel: 0.35,
  /** Value by region proximity of supplier to scenario. */
  regionValues: { same_district: 1, same_city: 0.9, same_province: 0.6, other: 0.3 },
  /** Half-life of a capability's freshness, in days. */
  freshnessHalfLifeDays: 365,
  /** A strong match, above which both parties are notified. */
  strongMatchThreshold: 0.6,
} as const;

export type ScoringConfig = {
  version: string;
  weights: Record<MatchFeatureName, number>;
  rrfK: number;
  trlPenaltyPerLevel: number;
  regionValues: Record<'same_district' | 'same_city' | 'same_province' | 'other', number>;
  freshnessHalfLifeDays: number;
  strongMatchThreshold: number;
};
