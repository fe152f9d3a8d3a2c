import { domainDistance, findDomainByName, regionDisplayName, regionProximity } from '@app/taxonomy';
import { type KeyPhrase, type TermStatistics, chunkTerms, extractKeyPhrases, chunkText } from './key-phrase.extractor';
import type { MatchCapability, MatchFeatureName, MatchScenario } from './matching.types';
import { containsTermHash, termHash } from './term-hash';
import type { TextProfile } from './text-profile';

interface ExplanationTexts {
  need: TextProfile;
  offer: TextProfile;
  stats: TermStatistics;
}

/** Below this, shared words are coincidence and not worth mentioning. */
const RELATED_TEXT_THRESHOLD = 0.15;

function formatWan(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

function formatRange([min, max]: readonly [number, number]): string {
  return min === max ? `${formatWan(min)} 万元` : `${formatWan(min)}–${formatWan(max)} 万元`;
}

function shortPlaceName(code: string): string {
  return regionDisplayName(code).replace(/^浙江省/, '').replace(/市$/, '');
}

type NeedPhrase = KeyPhrase & { terms: string[]; hashes: number[] };

const needPhraseCache = new WeakMap<TextProfile, { stats: TermStatistics; revision: number; phrases: NeedPhrase[] }>();

/** A demand's key phrases and their terms, computed once per demand text and statistics revision (not once per candidate). */
function needKeyPhrases(need: TextProfile, stats: TermStatistics): NeedPhrase[] {
  const cached = needPhraseCache.get(need);
  if (cached && cached.stats === stats && cached.revision === stats.revision) return cached.phrases;
  const phrases = extractKeyPhrases(need.sections, stats, 12).map((phrase) => {
    const terms = chunkText(phrase.text).flatMap(chunkTerms);
    return { ...phrase, terms, hashes: terms.map(termHash) };
  });
  needPhraseCache.set(need, { stats, revision: stats.revision, phrases });
  return phrases;
}

/** The demand's key phrases that the capability's text contains (wholly, or at least half their terms). */
export function sharedKeyPhrases(texts: ExplanationTexts, limit: number): string[] {
  const shared: string[] = [];
  for (const phrase of needKeyPhrases(texts.need, texts.stats)) {
    const terms = phrase.terms;
    if (terms.length === 0) continue;
    const matched = phrase.hashes.filter((hash) => containsTermHash(texts.offer.termHashes, hash)).length;
    if (texts.offer.text.includes(phrase.text) || matched * 2 >= terms.length + 1) shared.push(phrase.text);
    if (shared.length >= limit) break;
  }
  return shared;
}

/**
 * One sentence per known fact, in the order a broker would say them: field, substance, maturity, price,
 * place, standing. Facts come from the same values that produced the score, so the text cannot contradict it.
 */
export function explainMatch(
  scenario: MatchScenario,
  capability: MatchCapability,
  values: Record<MatchFeatureName, number | null>,
  texts: ExplanationTexts,
): string {
  const parts: string[] = [];

  if (values.domainFit !== null && scenario.domains && capability.domains) {
    const same = scenario.domains.find((need) => capability.domains!.some((offer) => domainDistance(need, offer) === 0));
    if (same) {
      parts.push(`同属${findDomainByName(same)?.name ?? same}领域`);
    } else {
      const pair = scenario.domains
        .flatMap((need) => capability.domains!.map((offer) => [need, offer] as const))
        .find(([need, offer]) => domainDistance(need, offer) === 1);
      parts.push(pair ? `领域相近（${pair[0]}—${pair[1]}）` : `领域不同（需求：${scenario.domains.join('、')}；供给：${capability.domains.join('、')}）`);
    }
  }

  if (values.phraseOverlap !== null && values.phraseOverlap >= RELATED_TEXT_THRESHOLD) {
    const shared = sharedKeyPhrases(texts, 2);
    if (shared.length > 0) {
      parts.push(`需求${shared.map((phrase) => `'${phrase}'`).join('')}与供给'${capability.title}'内容相关`);
    }
  }

  if (values.trlFit !== null && typeof scenario.minTrl === 'number' && typeof capability.trl === 'number') {
    parts.push(
      capability.trl >= scenario.minTrl
        ? `TRL ${capability.trl} ≥ 要求 ${scenario.minTrl}`
        : `TRL ${capability.trl} 低于要求 ${scenario.minTrl}`,
    );
  }

  if (values.priceFit !== null && scenario.budgetWan && capability.priceWan) {
    const price = `报价 ${formatRange(capability.priceWan)}`;
    const budget = formatRange(scenario.budgetWan);
    if (capability.priceWan[1] <= scenario.budgetWan[1]) parts.push(`${price}在预算内`);
    else if (capability.priceWan[0] <= scenario.budgetWan[1]) parts.push(`${price}部分超出预算 ${budget}，可议价`);
    else parts.push(`${price}高于预算 ${budget}`);
  }

  if (values.regionProximity !== null && scenario.regionCode && capability.regionCode) {
    const proximity = regionProximity(scenario.regionCode, capability.regionCode);
    const place = shortPlaceName(capability.regionCode);
    if (proximity === 'same_district' || proximity === 'same_city') parts.push(`供给方位于${place}，与需求方同城`);
    else if (proximity === 'same_province') parts.push(`供给方位于${place}，同在省内`);
    else parts.push(`供给方位于${place}`);
  }

  const qualifications = (capability.qualifications ?? []).filter((q) => q.trim() !== '');
  if (qualifications.length > 0) parts.push(`供给方具备${qualifications.join('、')}资质`);
  if (typeof capability.caseCount === 'number' && capability.caseCount > 0) parts.push(`已有 ${capability.caseCount} 个落地案例`);

  return parts.length > 0 ? parts.join('；') : '信息不足，仅按文本相关度推荐';
}
