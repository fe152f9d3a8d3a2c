import { readFileSync } from 'node:fs';

/** scenario id → capability id → grade (0–3). */
export type Qrels = Map<string, Map<string, number>>;

export function readQrels(path: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [scenarioId, capabilityId, grade] = line.trim().split(/\s+/);
    if (!scenarioId || !capabilityId || grade === undefined || !Number.isFinite(Number(grade))) continue;
    const judged = qrels.get(scenarioId) ?? new Map<string, number>();
    judged.set(capabilityId, Number(grade));
    qrels.set(scenarioId, judged);
  }
  return qrels;
}

export interface Metrics {
  ndcg10: number;
  recall10: number;
  mrr: number;
  evaluated: number;
}

/**
 * NDCG@10 with gain 2^grade − 1, Recall@10 and MRR with grade ≥ 2 as relevant, averaged over scenarios
 * with at least one grade ≥ 2 (the dev set README's definitions). Unjudged pairs count as 0.
 */
export function evaluateRun(runs: ReadonlyMap<string, readonly string[]>, qrels: Qrels): Metrics {
  let ndcg = 0;
  let recall = 0;
  let mrr = 0;
  let evaluated = 0;
  for (const [scenarioId, judged] of qrels) {
    const relevant = [...judged.values()].filter((grade) => grade >= 2).length;
    if (relevant === 0) continue;
    evaluated++;
    const ranking = runs.get(scenarioId) ?? [];
    let dcg = 0;
    ranking.slice(0, 10).forEach((id, index) => (dcg += (Math.pow(2, judged.get(id) ?? 0) - 1) / Math.log2(index + 2)));
    let idcg = 0;
    [...judged.values()]
      .sort((a, b) => b - a)
      .slice(0, 10)
      .forEach((grade, index) => (idcg += (Math.pow(2, grade) - 1) / Math.log2(index + 2)));
    ndcg += idcg > 0 ? dcg / idcg : 0;
    recall += ranking.slice(0, 10).filter((id) => (judged.get(id) ?? 0) >= 2).length / relevant;
    const first = ranking.findIndex((id) => (judged.get(id) ?? 0) >= 2);
    mrr += first >= 0 ? 1 / (first + 1) : 0;
  }
  const n = Math.max(1, evaluated);
  return { ndcg10: ndcg / n, recall10: recall / n, mrr: mrr / n, evaluated };
}

/** `scenario_id Q0 capability_id rank score tag`, one line per ranked capability. */
export function trecRun(runs: ReadonlyMap<string, readonly { id: string; score: number }[]>, tag: string): string {
  const lines: string[] = [];
  for (const [scenarioId, ranked] of runs) {
    ranked.forEach((entry, index) => lines.push(`${scenarioId} Q0 ${entry.id} ${index + 1} ${entry.score.toFixed(6)} ${tag}`));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
