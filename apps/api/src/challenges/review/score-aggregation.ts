import type { ChallengeRubricCriterion, CriterionScore } from '@app/database';

/** Weighted total of one expert's sheet on a 0–100 scale: Σ score × weight / Σ weight. */
export function weightedTotal(rubric: ChallengeRubricCriterion[], scores: CriterionScore[]): number {
  const weightSum = rubric.reduce((sum, c) => sum + c.weight, 0);
  if (weightSum <= 0) return 0;
  let total = 0;
  for (const criterion of rubric) {
    const score = scores.find((s) => s.criterionKey === criterion.key);
    total += (score?.score ?? 0) * criterion.weight;
  }
  return round4(total / weightSum);
}

/** With five or more experts the single highest and single lowest totals are dropped, then the mean. */
export function trimmedMean(totals: number[]): { mean: number; droppedExtremes: boolean } {
  if (totals.length === 0) return { mean: 0, droppedExtremes: false };
  const sorted = [...totals].sort((a, b) => a - b);
  const droppedExtremes = sorted.length >= 5;
  const kept = droppedExtremes ? sorted.slice(1, -1) : sorted;
  return { mean: round4(kept.reduce((s, v) => s + v, 0) / kept.length), droppedExtremes };
}

export interface ScoredApplication {
  applicationId: string;
  submittedAt: Date;
  sheets: CriterionScore[][];
}

export interface RankedApplication {
  applicationId: string;
  rank: number;
  finalScore: number;
  expertCount: number;
  droppedExtremes: boolean;
  tieBreakScore: number;
}

/** The criterion with the largest weight (first one listed on equal weights): the first tie-break. */
export function tieBreakCriterion(rubric: ChallengeRubricCriterion[]): ChallengeRubricCriterion | undefined {
  return rubric.reduce<ChallengeRubricCriterion | undefined>(
    (best, c) => (best === undefined || c.weight > best.weight ? c : best),
    undefined,
  );
}

/**
 * Ranking: higher final score first; ties broken by the higher mean score (over all experts) on the
 * highest-weight criterion, then by the earlier submission, then by application id (so it is total).
 */
export function rankApplications(rubric: ChallengeRubricCriterion[], applications: ScoredApplication[]): RankedApplication[] {
  const tieKey = tieBreakCriterion(rubric)?.key;
  const scored = applications.map((a) => {
    const { mean, droppedExtremes } = trimmedMean(a.sheets.map((sheet) => weightedTotal(rubric, sheet)));
    const onTie = a.sheets.map((sheet) => sheet.find((s) => s.criterionKey === tieKey)?.score ?? 0);
    const tieBreakScore = onTie.length ? round4(onTie.reduce((s, v) => s + v, 0) / onTie.length) : 0;
    return { ...a, finalScore: mean, droppedExtremes, tieBreakScore };
  });
  scored.sort(
    (a, b) =>
      b.finalScore - a.finalScore ||
      b.tieBreakScore - a.tieBreakScore ||
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      a.applicationId.localeCompare(b.applicationId),
  );
  return scored.map((a, i) => ({
    applicationId: a.applicationId,
    rank: i + 1,
    finalScore: a.finalScore,
    expertCount: a.sheets.length,
    droppedExtremes: a.droppedExtremes,
    tieBreakScore: a.tieBreakScore,
  }));
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
