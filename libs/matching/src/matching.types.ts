/** Price and budget ranges are in 万元, [min, max]. */
export type WanRange = readonly [number, number];

/** A scenario demand (场景需求) as the matching engine sees it; only id, title and description are guaranteed. */
export interface MatchScenario {
  id: string;
  title: string;
  description: string;
  domains?: readonly string[] | null;
  regionCode?: string | null;
  tier?: string | null;
  stage?: string | null;
  budgetWan?: WanRange | null;
  minTrl?: number | null;
  deadline?: string | null;
  ownerType?: string | null;
  tags?: readonly string[] | null;
}

/** A capability supply (能力供给) as the matching engine sees it; only id, title and description are guaranteed. */
export interface MatchCapability {
  id: string;
  title: string;
  description: string;
  domains?: readonly string[] | null;
  kind?: string | null;
  trl?: number | null;
  regionCode?: string | null;
  supplierName?: string | null;
  supplierType?: string | null;
  qualifications?: readonly string[] | null;
  priceWan?: WanRange | null;
  tags?: readonly string[] | null;
  /** Landed cases (落地案例) the supplier can show for this capability. */
  caseCount?: number | null;
  /** ISO date-time of the latest publication. */
  publishedAt?: string | null;
}

/** One Meilisearch query form; `weight` is its share in rank fusion. */
export interface CandidateQuery {
  name: string;
  q: string;
  filter?: string;
  limit: number;
  weight: number;
}

/**
 * What retrieval observed about one candidate: its 1-based rank in each query form that returned it,
 * and Meilisearch's `_rankingScore` there when `showRankingScore` was on.
 */
export interface RetrievalSignal {
  ranks: Readonly<Record<string, number>>;
  rankingScores?: Readonly<Record<string, number>>;
}

export type RetrievalSignals = ReadonlyMap<string, RetrievalSignal>;

export interface MatchFeature {
  name: MatchFeatureName;
  /** 0..1, or null when either side lacks the data (then it neither helps nor hurts). */
  value: number | null;
  weight: number;
  /** Share of the final score; 0 for a missing feature. */
  contribution: number;
}

export type MatchFeatureName =
  | 'textRetrieval'
  | 'phraseOverlap'
  | 'domainFit'
  | 'trlFit'
  | 'priceFit'
  | 'regionProximity'
  | 'supplierStrength'
  | 'freshness';

export interface MatchResult {
  scenarioId: string;
  capabilityId: string;
  /** 0..1 */
  score: number;
  features: MatchFeature[];
  /** Chinese, built from the breakdown. */
  explanation: string;
  scoringVersion: string;
}
