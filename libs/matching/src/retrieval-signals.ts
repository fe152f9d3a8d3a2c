import type { CandidateQuery, RetrievalSignal, RetrievalSignals } from './matching.types';
import { SCORING_CONFIG } from './scoring.config';

export interface RetrievedHit {
  id: string;
  /** Meilisearch `_rankingScore` (with `showRankingScore: true`). */
  rankingScore?: number;
}

/** Enough for a broker's shortlist and small enough to score within the latency budget at 100k capabilities. */
export const DEFAULT_MAX_CANDIDATES = 300;

/**
 * Turns the hit lists of the query forms (in the same order as `queries`) into per-candidate ranks, and the
 * candidate ids to score: best fused rank first, capped at `maxCandidates`, ties broken by id.
 */
export function collectRetrievalSignals(
  queries: readonly Pick<CandidateQuery, 'name' | 'weight'>[],
  hitLists: readonly (readonly RetrievedHit[])[],
  maxCandidates: number = DEFAULT_MAX_CANDIDATES,
): { signals: RetrievalSignals; candidateIds: string[] } {
  const signals = new Map<string, { ranks: Record<string, number>; rankingScores: Record<string, number> }>();
  const fused = new Map<string, number>();
  queries.forEach((query, index) => {
    (hitLists[index] ?? []).forEach((hit, position) => {
      const signal = signals.get(hit.id) ?? { ranks: {}, rankingScores: {} };
      if (signal.ranks[query.name] !== undefined) return;
      signal.ranks[query.name] = position + 1;
      if (typeof hit.rankingScore === 'number') signal.rankingScores[query.name] = hit.rankingScore;
      signals.set(hit.id, signal);
      fused.set(hit.id, (fused.get(hit.id) ?? 0) + query.weight / (SCORING_CONFIG.rrfK + position + 1));
    });
  });
  const candidateIds = [...fused.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxCandidates)
    .map(([id]) => id);
  return { signals: signals as ReadonlyMap<string, RetrievalSignal>, candidateIds };
}
