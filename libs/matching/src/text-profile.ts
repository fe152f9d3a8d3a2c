import { DOMAIN_SYNONYM_GROUPS } from '@app/taxonomy';
import {
  type KeyPhrase,
  type TermStatistics,
  type TextSection,
  describeSections,
  extractKeyPhrases,
  normalizeText,
  termsOf,
  weightedTerms,
} from './key-phrase.extractor';

/** How much each part of a posting says about what it is: the title is written to be the gist. */
export const TITLE_WEIGHT = 3;
export const TAG_WEIGHT = 2;
export const BODY_WEIGHT = 1;
/** Terms a text does not contain but the shipped synonym list says are equivalent to one it does. */
const SYNONYM_WEIGHT = 0.7;

/**
 * Everything text-based the scorer needs about one side, computed once per entry and text version
 * (scoring 300 candidates must not re-segment 300 descriptions).
 */
export interface TextProfile {
  /** Normalized title + description, for explanation look-ups. */
  text: string;
  title: string;
  sections: TextSection[];
  /** Term → Σ section weights, synonyms included at a discount. */
  terms: Map<string, number>;
  titleTerms: Set<string>;
  /** Synonym-group terms found in the text, for query expansion. */
  synonymHits: string[];
}

export interface ProfiledText {
  title: string;
  description: string;
  tags?: readonly string[] | null;
}

const synonymTerms: readonly { term: string; group: readonly string[] }[] = DOMAIN_SYNONYM_GROUPS.flatMap((group) =>
  group.map((term) => ({ term: normalizeText(term).trim(), group })),
).filter(({ term }) => term.length >= 2);

const profileCache = new WeakMap<object, { key: string; profile: TextProfile }>();

export function profileText(entry: ProfiledText): TextProfile {
  const key = `${entry.title}\u0000${entry.description}\u0000${(entry.tags ?? []).join('\u0001')}`;
  const cached = profileCache.get(entry);
  if (cached && cached.key === key) return cached.profile;
  const profile = buildProfile(entry);
  profileCache.set(entry, { key, profile });
  return profile;
}

function buildProfile(entry: ProfiledText): TextProfile {
  const title = normalizeText(entry.title);
  const sections: TextSection[] = [
    { text: title, weight: TITLE_WEIGHT },
    ...(entry.tags ?? []).map((tag) => ({ text: tag, weight: TAG_WEIGHT })),
    ...describeSections(entry.description, BODY_WEIGHT),
  ];
  const terms = weightedTerms(sections);
  const text = `${title}。${normalizeText(entry.description)}`;
  const synonymHits: string[] = [];
  for (const { term, group } of synonymTerms) {
    if (!text.includes(term)) continue;
    synonymHits.push(term);
    for (const other of group) {
      for (const synonymTerm of termsOf(other)) {
        if (!terms.has(synonymTerm)) terms.set(synonymTerm, SYNONYM_WEIGHT);
      }
    }
  }
  return { text, title, sections, terms, titleTerms: new Set(termsOf(title)), synonymHits };
}

export function keyPhrasesOf(profile: TextProfile, stats: TermStatistics | null, limit: number): KeyPhrase[] {
  return extractKeyPhrases(profile.sections, stats, limit);
}
