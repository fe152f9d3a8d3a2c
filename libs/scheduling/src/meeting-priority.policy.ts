import type { MeetingRequest, MeetingRequestKind } from './schedule.types';

/**
 * Weights of the objective the scheduler maximizes.
 *
 * Kinds are ranked mutual > accepted > suggested, but not lexicographically: one mutual meeting is worth
 * ten accepted ones, and one accepted meeting is worth ten top-score suggested ones (1 + 9 × 1 = 10).
 * Strict dominance would let a single mutual request cost an event many other meetings; these weights keep
 * the order for any one-for-one trade while still valuing a fuller schedule.
 */
export const MEETING_PRIORITY_WEIGHTS: Readonly<Record<MeetingRequestKind, number>> = {
  mutual: 1000,
  accepted: 100,
  suggested: 1,
};

/** Extra weight a suggested request gets per unit of match score, so suggested priorities span [1, 10]. */
export const SUGGESTED_SCORE_WEIGHT = 9;

export function meetingPriority(request: Pick<MeetingRequest, 'kind' | 'matchScore'>): number {
  const base = MEETING_PRIORITY_WEIGHTS[request.kind];
  if (request.kind !== 'suggested') return base;
  const score = Math.min(1, Math.max(0, request.matchScore ?? 0));
  return base + SUGGESTED_SCORE_WEIGHT * score;
}
