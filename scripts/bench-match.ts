/**
 * Matching benchmark: quality on a judged set (engine vs plain Meilisearch), robustness on real market
 * entries, and speed at scale. Everything runs through the code the worker runs: rows inserted with the
 * platform's entities and outbox, indexed by OutboxIndexer.drain, matched and stored by MatchingService.
 *
 *   npm run bench:match -- --data DIR --out FILE      # TREC run FILE and FILE.baseline; metrics if DIR/qrels.tsv
 *   npm run bench:match -- --scale 100000             # publish→stored latency, rematch-all rate, memory
 *   npm run bench:match -- --scale 100000 --keep big  # same, importing and indexing the pool only once
 *   npm run bench:match -- --keep big --drop-kept      # removes that kept pool
 *   npm run bench:match -- --real PATH [--real-sample 200]
 *   npm run bench:match                               # dev set + real market + a 10,000-capability scale run
 *
 * Each part gets a fresh database, Meilisearch and Redis prefix, removed afterwards.
 */
import { OutboxIndexer, SearchEngine } from '@app/search';
import { CandidateCapabilityLoader, CapabilityProfileStore, MatchingService, SCORING_CONFIG, TermStatisticsCache } from '@app/matching';
import { Scenario, transitionScenario } from '@app/database';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type BenchCapability, type BenchScenario, importCapabilities, importScenarios, parseCapability, parseScenario, readJsonl } from './bench-match/bench-data';
import { type BenchEnvironment, cleanupAll, createBenchEnvironment, dropKept, peakRssOfPid } from './bench-match/bench-environment';
import { type Metrics, evaluateRun, percentile, readQrels, trecRun } from './bench-match/metrics';
import { generateMarket } from './bench-match/synthetic';

const REPO = resolve(__dirname, '..');
const DEFAULT_DATA = resolve(REPO, '../shared/bench/matching-dev');
const DEFAULT_REAL = resolve(REPO, '../shared/data/real-market/real-entries.jsonl');
/** Fixed so that every run of the same data publishes at the same instant (freshness is reproducible). */
const BENCH_PUBLISHED_AT = new Date('2026-01-15T00:00:00Z');
const RUN_DEPTH = 100;

interface Args {
  data: string | null;
  out: string;
  scale: number | null;
  real: string | null;
  realSample: number;
  latencyScenarios: number;
  rematchScenarios: number;
  keep: string | null;
  dropKept: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const none = !argv.some((arg) => arg.startsWith('--'));
  const scale = value('--scale');
  return {
    data: value('--data') ? resolve(value('--data') as string) : none ? DEFAULT_DATA : null,
    out: resolve(value('--out') ?? join(tmpdir(), 'bench-match.run')),
    scale: scale ? Number(scale) : none ? 10_000 : null,
    real: value('--real') ? resolve(value('--real') as string) : none && existsSync(DEFAULT_REAL) ? DEFAULT_REAL : null,
    realSample: Number(value('--real-sample') ?? 200),
    latencyScenarios: Number(value('--latency-scenarios') ?? 50),
    rematchScenarios: Number(value('--rematch-scenarios') ?? 300),
    keep: value('--keep') ?? null,
    dropKept: argv.includes('--drop-kept'),
  };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

async function indexOutbox(environment: BenchEnvironment): Promise<number> {
  const started = performance.now();
  await environment.app.get(OutboxIndexer).drain(5000);
  return performance.now() - started;
}

/** Matches every scenario through MatchingService (retrieval, scoring, storage) and keeps the ranked lists. */
async function matchAll(environment: BenchEnvironment, scenarioIds: ReadonlyMap<string, string>, capabilityKeys: ReadonlyMap<string, string>) {
  const matching = environment.app.get(MatchingService);
  const runs = new Map<string, { id: string; score: number }[]>();
  const millis: number[] = [];
  let empty = 0;
  for (const [fileId, rowId] of scenarioIds) {
    const started = performance.now();
    const result = await matching.matchScenario(rowId);
    millis.push(performance.now() - started);
    const ranked = result.ranked.slice(0, RUN_DEPTH).map((entry) => ({ id: capabilityKeys.get(entry.capabilityId) ?? entry.capabilityId, score: entry.score }));
    if (ranked.length === 0) empty++;
    runs.set(fileId, ranked);
  }
  return { runs, millis, empty };
}

/** Plain Meilisearch: default settings, title and description searchable, the scenario's title as the query. */
async function baselineRuns(environment: BenchEnvironment, capabilities: readonly BenchCapability[], rowIds: ReadonlyMap<string, string>, scenarios: readonly BenchScenario[]) {
  const client = environment.app.get(SearchEngine).client;
  const uid = 'bench_baseline';
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  await client.index(uid).updateSettings({ searchableAttributes: ['title', 'description'] }).waitTask();
  const documents = capabilities.filter((c) => rowIds.has(c.id)).map((c) => ({ id: rowIds.get(c.id) as string, key: c.id, title: c.title, description: c.description }));
  const task = await client.index(uid).addDocuments(documents).waitTask({ timeout: 600_000 });
  if (task.status !== 'succeeded') throw new Error(`baseline indexing failed: ${JSON.stringify(task.error)}`);
  const runs = new Map<string, { id: string; score: number }[]>();
  for (const scenario of scenarios) {
    const response = await client.index(uid).search(scenario.title, { limit: RUN_DEPTH, attributesToRetrieve: ['key'] });
    runs.set(
      scenario.id,
      response.hits.map((hit, index) => ({ id: String(hit.key), score: 1 / (index + 1) })),
    );
  }
  return runs;
}

function formatMetrics(label: string, metrics: Metrics): string {
  return `  ${label.padEnd(9)} NDCG@10 ${metrics.ndcg10.toFixed(4)}  Recall@10 ${metrics.recall10.toFixed(4)}  MRR ${metrics.mrr.toFixed(4)}  (${metrics.evaluated} scenarios)`;
}

async function runJudgedSet(dataDir: string, out: string): Promise<void> {
  console.log(`\n== quality: ${dataDir}`);
  const scenarios = readJsonl(join(dataDir, 'scenarios.jsonl')).map(parseScenario);
  const capabilities = readJsonl(join(dataDir, 'capabilities.jsonl')).map(parseCapability);
  const environment = await createBenchEnvironment('dev');
  try {
    const capabilityIds = await importCapabilities(environment.dataSource, capabilities, BENCH_PUBLISHED_AT);
    const scenarioIds = await importScenarios(environment.dataSource, scenarios, 'published', BENCH_PUBLISHED_AT);
    const indexMillis = await indexOutbox(environment);
    console.log(`  loaded ${scenarioIds.size} scenarios and ${capabilityIds.size} capabilities, indexed in ${ms(indexMillis)}`);
    const capabilityKeys = new Map([...capabilityIds].map(([key, id]) => [id, key]));
    const engine = await matchAll(environment, scenarioIds, capabilityKeys);
    const baseline = await baselineRuns(environment, capabilities, capabilityIds, scenarios);
    writeFileSync(out, trecRun(engine.runs, `matching-${SCORING_CONFIG.version}`));
    writeFileSync(`${out}.baseline`, trecRun(baseline, 'meilisearch-default'));
    console.log(`  run written to ${out} and ${out}.baseline`);
    console.log(`  engine per scenario: mean ${ms(mean(engine.millis))}, p95 ${ms(percentile(engine.millis, 95))}; ${engine.empty} scenarios without candidates`);
    const stored: Array<{ count: string }> = await environment.dataSource.query(`SELECT count(*) AS count FROM matches`);
    console.log(`  stored matches: ${stored[0].count} (top ${environment.app.get(MatchingService).options.maxStoredPerEntity} ≥ ${environment.app.get(MatchingService).options.storeFloor} per scenario)`);

    // Judgments are read only now, after both runs are written.
    const qrelsPath = join(dataDir, 'qrels.tsv');
    if (!existsSync(qrelsPath)) {
      console.log('  no qrels.tsv: no metrics');
      return;
    }
    const qrels = readQrels(qrelsPath);
    const ids = (runs: Map<string, { id: string }[]>): Map<string, string[]> => new Map([...runs].map(([id, ranked]) => [id, ranked.map((r) => r.id)]));
    const engineMetrics = evaluateRun(ids(engine.runs), qrels);
    const baselineMetrics = evaluateRun(ids(baseline), qrels);
    console.log(formatMetrics('engine', engineMetrics));
    console.log(formatMetrics('baseline', baselineMetrics));
    const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
    console.log(
      `  ratio     NDCG@10 ${ratio(engineMetrics.ndcg10, baselineMetrics.ndcg10)}  Recall@10 ${ratio(engineMetrics.recall10, baselineMetrics.recall10)}  MRR ${ratio(engineMetrics.mrr, baselineMetrics.mrr)}`,
    );
  } finally {
    await environment.cleanup();
  }
}

/** Maturity labels of the real market, mapped to the TRL they imply. */
const MATURITY_TRL: Record<string, number> = { 正在研发: 3, 已有样品: 5, 通过小试: 5, 通过中试: 6, 可以量产: 8 };

async function runRealMarket(path: string, demandSample: number): Promise<void> {
  console.log(`\n== robustness: ${path}`);
  const rows = readJsonl(path);
  const capabilities = rows
    .filter((row) => row.kind === 'supply')
    .map((row) => {
      const fields = (row.fields ?? {}) as Record<string, unknown>;
      const maturity = typeof fields.maturity === 'string' ? fields.maturity : null;
      return parseCapability({ ...row, trl: maturity ? (MATURITY_TRL[maturity] ?? null) : null, publishedAt: fields.post_date ?? null, domains: null });
    });
  const demands = rows.filter((row) => row.kind === 'demand');
  const step = Math.max(1, Math.floor(demands.length / Math.max(1, demandSample)));
  const scenarios = demands
    .filter((_, index) => index % step === 0)
    .slice(0, demandSample)
    .map((row) => parseScenario({ ...row, domains: null }));
  const environment = await createBenchEnvironment('real');
  try {
    const started = performance.now();
    const capabilityIds = await importCapabilities(environment.dataSource, capabilities, BENCH_PUBLISHED_AT);
    const scenarioIds = await importScenarios(environment.dataSource, scenarios, 'published', BENCH_PUBLISHED_AT);
    const importMillis = performance.now() - started;
    const indexMillis = await indexOutbox(environment);
    const capabilityKeys = new Map([...capabilityIds].map(([key, id]) => [id, key]));
    const engine = await matchAll(environment, scenarioIds, capabilityKeys);
    const emptyDescriptions = capabilities.filter((c) => c.description.trim() === '').length;
    console.log(
      `  ${capabilityIds.size} supplies as capabilities (${emptyDescriptions} with empty description), ${scenarioIds.size} demands as scenarios; ` +
        `import ${ms(importMillis)}, indexing ${ms(indexMillis)}`,
    );
    console.log(
      `  match-scenario: mean ${ms(mean(engine.millis))}, p50 ${ms(percentile(engine.millis, 50))}, p95 ${ms(percentile(engine.millis, 95))}, max ${ms(Math.max(...engine.millis))}; ` +
        `${engine.empty} demands without any candidate`,
    );
    const [first] = [...engine.runs].filter(([, ranked]) => ranked.length > 0);
    if (first) {
      const scenario = scenarios.find((s) => s.id === first[0]);
      const capability = capabilities.find((c) => c.id === first[1][0].id);
      console.log(`  example   ${scenario?.title} → ${capability?.title} (${first[1][0].score.toFixed(3)})`);
    }
  } finally {
    await environment.cleanup();
  }
}

async function runScale(count: number, latencyScenarios: number, rematchScenarios: number, keep: string | null): Promise<void> {
  console.log(`\n== scale: ${count} synthetic capabilities${keep ? ` (kept world "${keep}")` : ''}`);
  const market = generateMarket({ capabilities: count, scenarios: Math.max(latencyScenarios, rematchScenarios), realEntriesPath: existsSync(DEFAULT_REAL) ? DEFAULT_REAL : undefined });
  const environment = await createBenchEnvironment('scale', keep ?? undefined);
  try {
    let started = performance.now();
    const [{ count: present }]: Array<{ count: number }> = await environment.dataSource.query(`SELECT count(*)::int AS count FROM capabilities`);
    if (present === count) {
      // A kept world: the pool is already imported and indexed; only the scenarios are measured again.
      await environment.dataSource.query(`TRUNCATE matches, match_feedback, scenarios CASCADE`);
      await environment.dataSource.query(`DELETE FROM organizations WHERE external_key LIKE 'bench:owner:%'`);
      await environment.app.get(SearchEngine).rebuild('scenarios', async () => undefined);
      console.log(`  reusing ${present} capabilities already imported and indexed`);
    } else {
      if (present > 0) throw new Error(`The kept world "${keep}" holds ${present} capabilities, not ${count}: drop it with --keep ${keep} --drop-kept`);
      const capabilityIds = await importCapabilities(environment.dataSource, market.capabilities, BENCH_PUBLISHED_AT);
      const importMillis = performance.now() - started;
      const indexMillis = await indexOutbox(environment);
      console.log(`  inserted ${capabilityIds.size} capabilities in ${ms(importMillis)}; outbox drained into Meilisearch in ${(indexMillis / 1000).toFixed(1)} s`);
    }
    started = performance.now();
    const profiled = await environment.app.get(CapabilityProfileStore).backfill();
    // In the running system each profile is written by the capability's own match job when it is published.
    console.log(`  text profiles computed and stored for ${profiled} capabilities in ${ms(performance.now() - started)}`);
    // After a bulk load autovacuum would analyze (and clean) the tables within a minute or so; without it the
    // planner thinks the pool is a few hundred rows and every keyset page sorts the whole table, and a profile
    // backfill leaves a dead copy of every row for candidate loading to step over.
    await environment.dataSource.query(`VACUUM ANALYZE`);
    started = performance.now();
    await environment.app.get(TermStatisticsCache).current();
    console.log(`  term statistics over the pool built in ${ms(performance.now() - started)}`);

    // Owners' scenarios wait approved; each one is then published the way an organizer publishes it.
    const scenarioIds = await importScenarios(environment.dataSource, market.scenarios, 'approved', BENCH_PUBLISHED_AT);
    const ids = [...scenarioIds.values()];
    const matching = environment.app.get(MatchingService);
    const indexer = environment.app.get(OutboxIndexer);
    const latencies: number[] = [];
    const parts = { publish: [] as number[], index: [] as number[], retrieval: [] as number[], scoring: [] as number[], store: [] as number[], match: [] as number[] };
    for (const id of ids.slice(0, latencyScenarios)) {
      const t0 = performance.now();
      await environment.dataSource.transaction(async (manager) => {
        const scenario = await manager.findOneByOrFail(Scenario, { id });
        await transitionScenario(manager, scenario, 'publish', { userId: null, role: 'organizer' });
      });
      const t1 = performance.now();
      // As in the worker: the scenario's own matching searches only the capabilities index, so it runs first,
      // and its document is indexed once the match is stored (OutboxFollowUp.beforeIndexing).
      const result = await matching.matchScenario(id);
      const t3 = performance.now();
      await indexer.drain();
      const t2 = performance.now();
      latencies.push(t3 - t0);
      parts.publish.push(t1 - t0);
      parts.index.push(t2 - t3);
      parts.retrieval.push(result.retrievalMillis);
      parts.scoring.push(result.scoringMillis);
      parts.store.push(t3 - t1 - result.retrievalMillis - result.scoringMillis);
      parts.match.push(t3 - t1);
    }
    console.log(
      `  publish → matches stored (${latencies.length} scenarios): p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`,
    );
    console.log(`    match-scenario alone (retrieve, score, store): p50 ${ms(percentile(parts.match, 50))}, p95 ${ms(percentile(parts.match, 95))}`);
    const slowest = latencies
      .map((total, index) => ({ total, index }))
      .sort((a, b) => b.total - a.total)
      .slice(0, 3)
      .map(({ total, index }) => `#${index + 1} ${ms(total)} (retrieval ${ms(parts.retrieval[index])}, scoring ${ms(parts.scoring[index])}, storing ${ms(parts.store[index])})`);
    console.log(`    slowest: ${slowest.join('; ')}`);
    console.log(
      `    of which (means) publish tx ${ms(mean(parts.publish))}, indexing (afterwards, not on the path) ${ms(mean(parts.index))}, retrieval ${ms(mean(parts.retrieval))}, ` +
        `loading+scoring ${ms(mean(parts.scoring))}, storing ${ms(mean(parts.store))}`,
    );

    // The rest are published in one go, then rematch-all re-runs every published scenario.
    await environment.dataSource.transaction(async (manager) => {
      const rest = ids.slice(latencyScenarios);
      if (rest.length === 0) return;
      await manager.query(`UPDATE scenarios SET status = 'published', published_at = $2 WHERE id = ANY($1::uuid[])`, [rest, BENCH_PUBLISHED_AT]);
      await manager.query(`INSERT INTO outbox_events (aggregate, aggregate_id, event) SELECT 'scenario', unnest($1::uuid[]), 'published'`, [rest]);
    });
    await indexOutbox(environment);
    const stored = async (): Promise<string> => ((await environment.dataSource.query(`SELECT count(*) AS count FROM matches`)) as Array<{ count: string }>)[0].count;
    const report = (label: string, run: { scenarios: number; millis: number; failed: number }, count: string): void =>
      console.log(
        `  ${label}: ${run.scenarios} scenarios in ${(run.millis / 1000).toFixed(1)} s = ${((run.scenarios * 1000) / run.millis).toFixed(1)} scenarios/s ` +
          `(concurrency ${matching.options.rematchConcurrency}, ${run.failed} failed); ${count} matches stored`,
      );
    // Every scenario retrieves again (after a change to retrieval, or to repair drift)…
    const full = await matching.rematchAll(undefined, { retrieve: true });
    report('rematch-all with retrieval', full, await stored());
    // …and the usual case, a change to the scoring: the candidates each scenario last retrieved are re-scored,
    // first as right after a worker restart (nothing parsed in memory), then with the candidates cached.
    const candidates = environment.app.get(CandidateCapabilityLoader);
    candidates.clear();
    const cold = await matching.rematchAll();
    report('rematch-all re-scoring stored candidates (the default), cold candidate cache', cold, await stored());
    // What a restarted worker does before anyone asks (MatchingProcessor.onApplicationBootstrap).
    candidates.clear();
    started = performance.now();
    const warmed = await matching.warmCandidateCache();
    console.log(`  worker start-up warm-up: ${warmed} candidates parsed into the cache in ${ms(performance.now() - started)}`);
    const rescore = await matching.rematchAll();
    report('rematch-all re-scoring stored candidates (the default), after the warm-up', rescore, await stored());
    const nodeRss = process.resourceUsage().maxRSS / 1024;
    const meiliRss = peakRssOfPid(environment.meili.process.pid);
    console.log(`  peak RSS: benchmark process (api/worker code) ${nodeRss.toFixed(0)} MiB; Meilisearch ${meiliRss === null ? 'n/a' : `${meiliRss.toFixed(0)} MiB`}`);
  } finally {
    await environment.cleanup();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // Timings on a shared machine mean little without the load they were taken under.
  console.log(`${cpus().length} CPUs, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  const onSignal = (): void => {
    void cleanupAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  if (args.data) await runJudgedSet(args.data, args.out);
  if (args.real) await runRealMarket(args.real, args.realSample);
  if (args.keep && args.dropKept) {
    await dropKept(args.keep);
    console.log(`dropped the kept world "${args.keep}"`);
    return;
  }
  if (args.scale) await runScale(args.scale, args.latencyScenarios, args.rematchScenarios, args.keep);
}

main()
  .catch(async (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
    await cleanupAll();
  })
  .finally(() => process.exit());
