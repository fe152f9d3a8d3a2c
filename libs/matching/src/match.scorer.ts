import { domainDistance, findDomainByName, regionProximity as taxonomyRegionProximity } from '@app/taxonomy';
import { TermStatistics } from './key-phrase.extractor';
import { explainMatch } from './match-explanation';
import type {
  CandidateQuery,
  MatchCapability,
  MatchFeature,
  MatchFeatureName,
  MatchResult,
  MatchScenario,
  RetrievalSignals,
  WanRange,
} from './matching.types';
import { SCORING_CONFIG, type ScoringConfig } from './scoring.config';
import { termHash } from './term-hash';
import { type TextProfile, profileText } from './text-profile';

export interface MatchingContext {
  /**
   * Rarity of terms. Pass the statistics of the whole published pool when there is one (the worker keeps it
   * current); otherwise `rankCandidates` computes them over the candidates it is given.
   */
  termStatistics?: TermStatistics;
  /** The query forms retrieval ran, for rank fusion weights; without them every form weighs 1. */
  queries?: readonly Pick<CandidateQuery, 'name' | 'weight'>[];
  retrievalSignals?: RetrievalSignals;
  /** Reference time for freshness; fixed in tests and benchmarks so that scores are reproducible. */
  now?: Date;
  config?: ScoringConfig;
  /**
   * Whether to write the Chinese explanation (default true). Ranking a few hundred candidates only to store
   * the best fifty need not explain the rest; explanations never change the score.
   */
  explain?: boolean;
}

const ALL_FEATURES: readonly MatchFeatureName[] = [
  'phraseOverlap',
  'textRetrieval',
  'domainFit',
  'trlFit',
  'priceFit',
  'regionProximity',
  'supplierStrength',
  'freshness',
];

function isRange(value: WanRange | null | undefined): value is WanRange {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    value[0] >= 0 &&
    value[1] >= value[0]
  );
}

function isLevel(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function nonEmpty(values: readonly string[] | null | undefined): values is readonly string[] {
  return Array.isArray(values) && values.length > 0;
}

/**
 * How much of the demand the capability's text covers, and how much of the capability's headline is about
 * the demand. Both are needed: coverage alone favours long catch-all descriptions, headline focus alone
 * favours look-alikes that share one rare word.
 */
export function phraseOverlap(need: TextProfile, offer: TextProfile, stats: TermStatistics): number {
  const demand = needMass(need, stats);
  const offered = offer.termHashes;
  let needMatched = 0;
  // Both sides sorted by hash: one merge finds the demand's terms the capability contains.
  for (let i = 0, j = 0; i < demand.hashes.length && j < offered.length; ) {
    const hash = demand.hashes[i];
    if (hash === offered[j]) {
      needMatched += offer.titleTerms.has(demand.terms[i]) ? demand.mass[i] : 0.7 * demand.mass[i];
      i++;
    } else if (hash < offered[j]) i++;
    else j++;
  }
  const { terms: titleTerms, mass: titleMassOf, total: titleTotal } = titleMass(offer, stats);
  let titleMatched = 0;
  for (let i = 0; i < titleTerms.length; i++) if (need.terms.has(titleTerms[i])) titleMatched += titleMassOf[i];
  if (demand.total === 0 || titleTotal === 0) return 0;
  // A demand is long and a capability answers part of it: a third of its weighted terms is already a lot.
  const coverage = Math.min(1, needMatched / demand.total / 0.35);
  const focus = titleMatched / titleTotal;
  return 0.75 * coverage + 0.25 * focus;
}

/** Terms with their rarity-weighted mass, and (for the demand side) their hashes, all in the same order. */
interface TermMass {
  stats: TermStatistics;
  revision: number;
  terms: string[];
  mass: Float64Array;
  hashes: Float64Array;
  total: number;
}

const needMassCache = new WeakMap<TextProfile, TermMass>();
const titleMassCache = new WeakMap<TextProfile, TermMass>();

/**
 * One side of a pair is scored against hundreds of others: its masses are looked up once per statistics
 * revision, not once per pair. `byHash` orders the terms by hash for the merge in `phraseOverlap`.
 */
function cachedMass(
  cache: WeakMap<TextProfile, TermMass>,
  profile: TextProfile,
  stats: TermStatistics,
  entries: () => Iterable<readonly [string, number]>,
  byHash: boolean,
): TermMass {
  const hit = cache.get(profile);
  if (hit && hit.stats === stats && hit.revision === stats.revision) return hit;
  let list = [...entries()].map(([term, weight]) => ({ term, mass: weight * stats.idf(term), hash: byHash ? termHash(term) : 0 }));
  let total = 0;
  // Summed in the profile's own order, whatever the order kept, so the total does not depend on hashing.
  for (const entry of list) total += entry.mass;
  if (byHash) list = list.sort((a, b) => a.hash - b.hash);
  const entry: TermMass = {
    stats,
    revision: stats.revision,
    terms: list.map((item) => item.term),
    mass: Float64Array.from(list, (item) => item.mass),
    hashes: Float64Array.from(list, (item) => item.hash),
    total,
  };
  cache.set(profile, entry);
  return entry;
}

function needMass(need: TextProfile, stats: TermStatistics): TermMass {
  return cachedMass(needMassCache, need, stats, () => need.terms, true);
}

function titleMass(offer: TextProfile, stats: TermStatistics): TermMass {
  return cachedMass(titleMassCache, offer, stats, () => [...offer.titleTerms].map((term) => [term, 1] as const), false);
}

export function domainFit(scenarioDomains: readonly string[], capabilityDomains: readonly string[]): number {
  let best = 0;
  for (const need of scenarioDomains) {
    for (const offer of capabilityDomains) {
      const distance = domainDistance(need, offer);
      best = Math.max(best, distance === 0 ? 1 : distance === 1 ? 0.5 : 0);
    }
  }
  return best;
}

export function trlFit(minTrl: number, trl: number, config: ScoringConfig = SCORING_CONFIG): number {
  if (trl >= minTrl) return 1;
  return Math.max(0, 1 - config.trlPenaltyPerLevel * (minTrl - trl));
}

/**
 * 1 when the whole price range fits the budget; a range that starts inside the budget but may exceed it is
 * a gap to negotiate (0.6); a price entirely above the budget is a serious gap (≤ 0.3, 0 at twice the budget).
 * Cheaper than the budget is not penalized: a component or service may be one part of the project.
 */
export function priceFit(budget: WanRange, price: WanRange): number {
  const [, budgetMax] = budget;
  const [priceMin, priceMax] = price;
  if (budgetMax <= 0) return priceMin <= 0 ? 1 : 0;
  if (priceMax <= budgetMax) return 1;
  if (priceMin <= budgetMax) return 0.6;
  return 0.3 * Math.max(0, 2 - priceMin / budgetMax);
}

const QUALIFICATION_VALUES: ReadonlyArray<readonly [RegExp, number]> = [
  [/链主/, 0.9],
  [/独角兽/, 0.9],
  [/小巨人/, 0.8],
  [/首台|首批次|首版次/, 0.7],
  [/高新技术/, 0.5],
  [/专精特新/, 0.5],
  [/科技型中小/, 0.3],
];

/** Wording by which a supplier reports that the capability has been deployed somewhere. */
const LANDED_CASE_EVIDENCE =
  /已(?:在|为|向|与|于|被|经|批量|累计|服务|应用|部署|上线|落地|交付|投运|装机|供应|覆盖)|案例|批量供应|累计(?:服务|交付|部署|装机|应用)|投入运行|用户包括/;

export function supplierStrength(capability: MatchCapability): number | null {
  const qualifications = capability.qualifications;
  const hasCaseCount = isLevel(capability.caseCount);
  const description = capability.description ?? '';
  if (!Array.isArray(qualifications) && !hasCaseCount && description.trim() === '') return null;
  let qualificationValue = 0;
  if (Array.isArray(qualifications)) {
    let missing = 1;
    for (const qualification of qualifications) {
      const value = QUALIFICATION_VALUES.find(([pattern]) => pattern.test(qualification))?.[1] ?? 0.2;
      missing *= 1 - value;
    }
    qualificationValue = 1 - missing;
  }
  const caseValue = hasCaseCount
    ? 1 - Math.pow(0.6, Math.max(0, capability.caseCount as number))
    : LANDED_CASE_EVIDENCE.test(description)
      ? 0.6
      : 0;
  return 0.6 * qualificationValue + 0.4 * caseValue;
}

export function freshness(publishedAt: string, now: Date, config: ScoringConfig = SCORING_CONFIG): number | null {
  const published = Date.parse(publishedAt);
  if (!Number.isFinite(published)) return null;
  const ageDays = Math.max(0, (now.getTime() - published) / 86_400_000);
  return Math.pow(0.5, ageDays / config.freshnessHalfLifeDays);
}

/**
 * Reciprocal-rank fusion over the query forms, normalized so that rank 1 in every form gives 1.
 * A candidate that no form returned gets 0: it was looked for and not found, which is information.
 */
export function retrievalRelevance(
  candidateId: string,
  signals: RetrievalSignals,
  queries: readonly Pick<CandidateQuery, 'name' | 'weight'>[] | undefined,
  config: ScoringConfig = SCORING_CONFIG,
): number {
  const signal = signals.get(candidateId);
  const weights = new Map<string, number>((queries ?? []).map((query) => [query.name, query.weight]));
  let best = 0;
  for (const query of queries ?? []) best += query.weight / (config.rrfK + 1);
  let fused = 0;
  for (const [name, rank] of Object.entries(signal?.ranks ?? {})) {
    const weight = weights.get(name) ?? (queries ? 0 : 1);
    fused += weight / (config.rrfK + rank);
  }
  if (!queries) best = Math.max(1, Object.keys(signal?.ranks ?? {}).length) / (config.rrfK + 1);
  return best > 0 ? Math.min(1, fused / best) : 0;
}

function statisticsFor(context: MatchingContext, scenario: MatchScenario, capability: MatchCapability): TermStatistics {
  return (
    context.termStatistics ??
    TermStatistics.fromTexts([`${scenario.title}。${scenario.description}`, `${capability.title}。${capability.description}`])
  );
}

/**
 * Scores one scenario–capability pair in 0..1 with a per-feature breakdown. Used in both directions
 * (suggested capabilities for a scenario, suggested scenarios for a capability): every feature is defined
 * from the demand's point of view, which is what a broker judges whichever side asks.
 *
 * A feature whose data is missing on either side is null and the weights are renormalized over the features
 * present: the candidate is judged on what is known, so missing data neither helps nor hurts it (adding a
 * feature whose value equals the candidate's score leaves the score unchanged).
 */
export function scoreCandidate(scenario: MatchScenario, capability: MatchCapability, context: MatchingContext = {}): MatchResult {
  const config = context.config ?? SCORING_CONFIG;
  const stats = statisticsFor(context, scenario, capability);
  const need = profileText(scenario);
  const offer = profileText(capability);

  const values: Record<MatchFeatureName, number | null> = {
    phraseOverlap: phraseOverlap(need, offer, stats),
    textRetrieval: context.retrievalSignals
      ? retrievalRelevance(capability.id, context.retrievalSignals, context.queries, config)
      : null,
    domainFit:
      nonEmpty(scenario.domains) && nonEmpty(capability.domains) && hasKnownDomain(scenario.domains) && hasKnownDomain(capability.domains)
        ? domainFit(scenario.domains, capability.domains)
        : null,
    trlFit: isLevel(scenario.minTrl) && isLevel(capability.trl) ? trlFit(scenario.minTrl, capability.trl, config) : null,
    priceFit: isRange(scenario.budgetWan) && isRange(capability.priceWan) ? priceFit(scenario.budgetWan, capability.priceWan) : null,
    regionProximity:
      scenario.regionCode && capability.regionCode
        ? config.regionValues[taxonomyRegionProximity(scenario.regionCode, capability.regionCode)]
        : null,
    supplierStrength: supplierStrength(capability),
    freshness: capability.publishedAt && context.now ? freshness(capability.publishedAt, context.now, config) : null,
  };

  let presentWeight = 0;
  for (const name of ALL_FEATURES) if (values[name] !== null) presentWeight += config.weights[name];
  const features: MatchFeature[] = ALL_FEATURES.map((name) => {
    const value = values[name];
    const weight = config.weights[name];
    const contribution = value === null || presentWeight === 0 ? 0 : (weight * value) / presentWeight;
    return { name, value: value === null ? null : round(value), weight, contribution: round(contribution) };
  });
  let score = 0;
  for (const name of ALL_FEATURES) {
    const value = values[name];
    if (value !== null && presentWeight > 0) score += (config.weights[name] * value) / presentWeight;
  }
  score = round(Math.min(1, Math.max(0, score)));
  return {
    scenarioId: scenario.id,
    capabilityId: capability.id,
    score,
    features,
    explanation: context.explain === false ? '' : explainMatch(scenario, capability, values, { need, offer, stats }),
    scoringVersion: config.version,
  };
}

function hasKnownDomain(domains: readonly string[]): boolean {
  return domains.some((domain) => findDomainByName(domain) !== undefined);
}

/** Six decimals: enough to rank, and stable across platforms when stored and compared. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Score order, then id: the same inputs always give the same list. */
export function compareMatches(a: { score: number; id: string }, b: { score: number; id: string }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Ranks a scenario's candidate capabilities, best first. Term rarity comes from `context.termStatistics`
 * when given, else from the candidates themselves (a pool of a few hundred is a fair sample of the market).
 */
export function rankCandidates(
  scenario: MatchScenario,
  candidates: readonly MatchCapability[],
  retrievalSignals: RetrievalSignals | undefined,
  context: MatchingContext = {},
): MatchResult[] {
  const termStatistics =
    context.termStatistics ?? TermStatistics.fromTexts(candidates.map((candidate) => `${candidate.title}。${candidate.description}`));
  const scoringContext: MatchingContext = { ...context, termStatistics, retrievalSignals: retrievalSignals ?? context.retrievalSignals };
  return candidates
    .map((candidate) => scoreCandidate(scenario, candidate, scoringContext))
    .sort((a, b) => compareMatches({ score: a.score, id: a.capabilityId }, { score: b.score, id: b.capabilityId }));
}

/** The reverse direction: a capability's suggested scenarios, scored by the same function. */
export function rankScenarios(
  capability: MatchCapability,
  scenarios: readonly MatchScenario[],
  retrievalSignals: RetrievalSignals | undefined,
  context: MatchingContext = {},
): MatchResult[] {
  const termStatistics =
    context.termStatistics ?? TermStatistics.fromTexts(scenarios.map((scenario) => `${scenario.title}。${scenario.description}`));
  // Retrieval signals in this direction are keyed by scenario id; the scorer looks them up by the other side's id.
  const scoringContext: MatchingContext = { ...context, termStatistics, retrievalSignals: undefined };
  const signals = retrievalSignals ?? context.retrievalSignals;
  return scenarios
    .map((scenario) => {
      const result = scoreCandidate(scenario, capability, {
        ...scoringContext,
        retrievalSignals: signals ? new Map([[capability.id, signals.get(scenario.id) ?? { ranks: {} }]]) : undefined,
      });
      return result;
    })
    .sort((a, b) => compareMatches({ score: a.score, id: a.scenarioId }, { score: b.score, id: b.scenarioId }));
}
