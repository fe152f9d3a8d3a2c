import { DOMAINS, expandDomainNames, findDomainByName, synonymsOf } from '@app/taxonomy';
import { type TermStatistics, normalizeText, termsOf } from './key-phrase.extractor';
import type { CandidateQuery, MatchCapability, MatchScenario } from './matching.types';
import { type TextProfile, keyPhrasesOf, profileText } from './text-profile';

export interface CandidateQueryOptions {
  /** Rarity over the pool being searched; without it phrases are ranked by position only. */
  termStatistics?: TermStatistics | null;
  /** Hits per query form. Several forms are merged, so the union stays within a few hundred. */
  limit?: number;
  /** Name of the index attribute holding the domains plus their Ningbo/Zhejiang mappings. */
  domainAttribute?: string;
}

export type SearchQuery = CandidateQuery & { matchingStrategy?: 'last' | 'all' | 'frequency'; sort?: string[] };

/** Only published entries can be matched: closed, withdrawn, archived and draft ones are filtered out. */
export const MATCHABLE_FILTER = 'status = "published"';

/**
 * Meilisearch reads only the first 10 words of a query; a Chinese phrase of 4–6 characters is 2–3 of its
 * words, so a handful of phrases fills the window.
 */
const QUERY_PHRASES = 5;
const QUERY_MAX_CHARS = 24;
const SINGLE_PHRASE_QUERIES = 8;
const DEFAULT_LIMIT = 100;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function domainFilter(domains: readonly string[] | null | undefined, attribute: string): string | null {
  const known = (domains ?? []).filter((domain) => findDomainByName(domain) !== undefined);
  if (known.length === 0) return null;
  return `${attribute} IN [${expandDomainNames(known).map(quote).join(', ')}]`;
}

function joinWithin(phrases: readonly string[], maxChars: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const phrase of phrases) {
    const size = Array.from(phrase).length;
    if (kept.length > 0 && length + size > maxChars) break;
    kept.push(phrase);
    length += size;
  }
  return kept.join(' ');
}

/**
 * The domain's characteristic terms that this text actually touches (shares a rare bigram with), best first:
 * expanding with every keyword of a broad domain would pull in the whole domain.
 */
function relevantDomainKeywords(profile: TextProfile, domains: readonly string[], stats: TermStatistics | null): string[] {
  const scored: { keyword: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const name of domains) {
    const domain = findDomainByName(name);
    if (!domain) continue;
    const related = [domain, ...DOMAINS.filter((other) => other.mapsTo.includes(domain.name) || domain.mapsTo.includes(other.name))];
    for (const source of related) {
      for (const keyword of source.keywords) {
        const normalized = normalizeText(keyword);
        if (seen.has(normalized) || profile.text.includes(normalized)) continue;
        seen.add(normalized);
        let score = 0;
        for (const term of termsOf(normalized)) if (profile.terms.has(term)) score += stats ? stats.idf(term) : 1;
        if (score > 0) scored.push({ keyword, score });
      }
    }
  }
  return scored.sort((a, b) => b.score - a.score || (a.keyword < b.keyword ? -1 : 1)).map((entry) => entry.keyword);
}

function buildQueries(
  entry: { title: string; description: string; tags?: readonly string[] | null; domains?: readonly string[] | null },
  options: CandidateQueryOptions,
): SearchQuery[] {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const stats = options.termStatistics ?? null;
  const profile = profileText(entry);
  const phrases = keyPhrasesOf(profile, stats, QUERY_PHRASES * 2).map((phrase) => phrase.text);
  const inDomain = domainFilter(entry.domains, options.domainAttribute ?? 'domainsExpanded');
  const withDomain = inDomain ? `${MATCHABLE_FILTER} AND ${inDomain}` : MATCHABLE_FILTER;
  const queries: SearchQuery[] = [];

  const title = entry.title.trim();
  if (title !== '') queries.push({ name: 'title', q: title, filter: MATCHABLE_FILTER, limit, weight: 1 });

  const phraseQuery = joinWithin(phrases.slice(0, QUERY_PHRASES), QUERY_MAX_CHARS);
  if (phraseQuery !== '') {
    queries.push({ name: 'keyPhrases', q: phraseQuery, filter: MATCHABLE_FILTER, limit, weight: 1 });
    if (inDomain) queries.push({ name: 'keyPhrasesInDomain', q: phraseQuery, filter: withDomain, limit, weight: 0.5 });
  }

  // Second-tier phrases get their own query so they are not cut off by the 10-word window.
  const morePhrases = joinWithin(phrases.slice(QUERY_PHRASES), QUERY_MAX_CHARS);
  if (morePhrases !== '') queries.push({ name: 'morePhrases', q: morePhrases, filter: MATCHABLE_FILTER, limit, weight: 0.5 });

  // One query per phrase: a multi-word query only reaches documents containing its first (or rarest) word,
  // so the union over single phrases is what gives recall.
  phrases.slice(0, SINGLE_PHRASE_QUERIES).forEach((phrase, index) => {
    queries.push({ name: `phrase${index + 1}`, q: phrase, filter: MATCHABLE_FILTER, limit: Math.ceil(limit / 2), weight: 0.25 });
  });

  if (inDomain) {
    const keywords = relevantDomainKeywords(profile, entry.domains ?? [], stats).slice(0, 3);
    const q = joinWithin([...keywords, ...phrases.slice(0, 2)], QUERY_MAX_CHARS);
    if (q !== '') queries.push({ name: 'domainKeywords', q, filter: withDomain, limit, weight: 0.5 });
    // Supplies in the same field that share no wording with the demand (崩滑流 vs 滑坡, DO vs 低氧) are still
    // worth scoring; this query only adds candidates and carries no text-relevance weight.
    // Newest first: with an empty query Meilisearch would otherwise return documents in internal id order,
    // and sorting keeps the placeholder search cheap on a large domain.
    queries.push({ name: 'domainBrowse', q: '', filter: withDomain, limit, weight: 0, sort: ['publishedAt:desc'] });
  }

  const synonyms = [...new Set(profile.synonymHits.flatMap((hit) => synonymsOf(hit)))]
    .map((term) => normalizeText(term))
    .filter((term) => !profile.text.includes(term));
  const synonymQuery = joinWithin(synonyms, QUERY_MAX_CHARS);
  if (synonymQuery !== '') queries.push({ name: 'synonyms', q: synonymQuery, filter: MATCHABLE_FILTER, limit, weight: 0.5 });

  return queries;
}

/** Query forms that retrieve candidate capabilities for a scenario demand. */
export function buildCandidateQueries(scenario: MatchScenario, options: CandidateQueryOptions = {}): SearchQuery[] {
  return buildQueries(scenario, options);
}

/** Query forms that retrieve candidate scenarios for a capability (the reverse direction). */
export function buildScenarioQueries(capability: MatchCapability, options: CandidateQueryOptions = {}): SearchQuery[] {
  return buildQueries(capability, options);
}
