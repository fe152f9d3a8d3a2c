import { keyPhrasesOf, profileText, TextProfile } from '@app/matching';

export interface SimilarityInput {
  title: string;
  description: string;
  tags: readonly string[];
  domains: readonly string[];
}

export interface SimilarityResult {
  /** 0–1, rounded to three decimals. */
  similarity: number;
  /** Key phrases both texts contain, most telling first: what the organizer reads to judge the pair. */
  sharedPhrases: string[];
}

/** Weight of each shared domain as a pseudo-term: same domain alone must not make two demands duplicates. */
const DOMAIN_TERM_WEIGHT = 2;
/** Stored and shown from this figure up; below it pairs are usually just neighbours in one domain. */
export const DUPLICATE_THRESHOLD = 0.3;

function vectorOf(entry: SimilarityInput): { profile: TextProfile; terms: Map<string, number> } {
  const profile = profileText({ title: entry.title, description: entry.description, tags: entry.tags });
  const terms = new Map(profile.terms);
  for (const domain of entry.domains) terms.set(`domain:${domain}`, DOMAIN_TERM_WEIGHT);
  return { profile, terms };
}

/**
 * Weighted Jaccard (Σ min / Σ max) over the matching library's term vectors: character bigrams of meaningful
 * chunks, title-weighted, synonym-expanded, boilerplate (核心需求, 落地条件…) already dropped. Symmetric, so
 * A~B is B~A wherever the pair was found from.
 */
export function scenarioSimilarity(a: SimilarityInput, b: SimilarityInput): SimilarityResult {
  const va = vectorOf(a);
  const vb = vectorOf(b);
  let shared = 0;
  let union = 0;
  for (const [term, wa] of va.terms) {
    const wb = vb.terms.get(term) ?? 0;
    shared += Math.min(wa, wb);
    union += Math.max(wa, wb);
  }
  for (const [term, wb] of vb.terms) if (!va.terms.has(term)) union += wb;
  const similarity = union === 0 ? 0 : Math.round((shared / union) * 1000) / 1000;
  const phrasesB = new Set(keyPhrasesOf(vb.profile, null, 40).map((p) => p.text));
  const sharedPhrases = keyPhrasesOf(va.profile, null, 40)
    .map((p) => p.text)
    .filter((text) => phrasesB.has(text))
    .filter((text, i, all) => !all.some((other, j) => j < i && other.includes(text)))
    .slice(0, 8);
  return { similarity, sharedPhrases };
}
