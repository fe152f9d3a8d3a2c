import { DOMAIN_SYNONYM_GROUPS } from '@app/taxonomy';
import { createHash } from 'node:crypto';
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

function textKey(entry: ProfiledText): string {
  return `${entry.title}\u0000${entry.description}\u0000${(entry.tags ?? []).join('\u0001')}`;
}

export function profileText(entry: ProfiledText): TextProfile {
  const key = textKey(entry);
  const cached = profileCache.get(entry);
  if (cached && cached.key === key) return cached.profile;
  const profile = buildProfile(entry);
  profileCache.set(entry, { key, profile });
  return profile;
}

/**
 * The part of a profile the scorer reads from the candidate side, in a JSON-friendly form: a scenario scores
 * a few hundred candidates, and loading their stored terms is far cheaper than segmenting their text again.
 */
export interface StoredTextProfile {
  terms: Array<[string, number]>;
  titleTerms: string[];
  synonymHits: string[];
}

/**
 * Changes whenever the way text becomes terms changes: bump the number when editing the segmentation,
 * stop lists or section weights; the synonym list is hashed in automatically. Stored profiles made under
 * another format are recomputed.
 */
export const PROFILE_FORMAT = `1:${createHash('sha1').update(JSON.stringify(DOMAIN_SYNONYM_GROUPS)).digest('hex').slice(0, 12)}`;

/** Identifies the text a stored profile was computed from, and the format it was computed with. */
export function profileSourceKey(entry: ProfiledText): string {
  return createHash('sha1').update(PROFILE_FORMAT).update('\u0000').update(textKey(entry)).digest('base64url');
}

export function storedProfileOf(entry: ProfiledText): StoredTextProfile {
  const profile = profileText(entry);
  return { terms: [...profile.terms], titleTerms: [...profile.titleTerms], synonymHits: profile.synonymHits };
}

export function hasProfile(entry: ProfiledText): boolean {
  return profileCache.get(entry)?.key === textKey(entry);
}

/**
 * Gives `entry` the profile stored for its current text, so `profileText` does not segment it. The sections
 * (needed only when the entry is the demand side, or for its own queries) are computed on first use.
 */
export function primeProfile(entry: ProfiledText, stored: StoredTextProfile): void {
  const key = textKey(entry);
  if (profileCache.get(entry)?.key === key) return;
  const title = normalizeText(entry.title);
  let sections: TextSection[] | undefined;
  const profile: TextProfile = {
    text: `${title}。${normalizeText(entry.description)}`,
    title,
    get sections(): TextSection[] {
      sections ??= sectionsOf(entry, title);
      return sections;
    },
    terms: new Map(stored.terms),
    titleTerms: new Set(stored.titleTerms),
    synonymHits: stored.synonymHits,
  };
  profileCache.set(entry, { key, profile });
}

function sectionsOf(entry: ProfiledText, title: string): TextSection[] {
  return [
    { text: title, weight: TITLE_WEIGHT },
    ...(entry.tags ?? []).map((tag) => ({ text: tag, weight: TAG_WEIGHT })),
    ...describeSections(entry.description, BODY_WEIGHT),
  ];
}

function buildProfile(entry: ProfiledText): TextProfile {
  const title = normalizeText(entry.title);
  const sections = sectionsOf(entry, title);
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
