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
import { type TermHashes, termHashesOf } from './term-hash';

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
  /** The distinct terms as sorted hashes: what scoring a pair tests membership in. */
  termHashes: TermHashes;
}

export interface ProfiledText {
  title: string;
  description: string;
  tags?: readonly string[] | null;
}

const synonymTerms: readonly { term: string; group: readonly string[] }[] = DOMAIN_SYNONYM_GROUPS.flatMap((group) =>
  group.map((term) => ({ term: normalizeText(term).trim(), group })),
).filter(({ term }) => term.length >= 2);

interface CachedProfile {
  title: string;
  description: string;
  tags: string;
  profile: TextProfile;
}

const profileCache = new WeakMap<object, CachedProfile>();

const tagsKey = (entry: ProfiledText): string => (entry.tags ?? []).join('\u0001');

/**
 * The cached profile if it was made from the entry's current text. Called for every scored pair: comparing
 * the fields (the same string objects, when unchanged) costs nothing, building a key string of the whole text did.
 */
function cachedProfile(entry: ProfiledText): TextProfile | undefined {
  const cached = profileCache.get(entry);
  if (!cached || cached.title !== entry.title || cached.description !== entry.description) return undefined;
  return cached.tags === tagsKey(entry) ? cached.profile : undefined;
}

function cacheProfile(entry: ProfiledText, profile: TextProfile): void {
  profileCache.set(entry, { title: entry.title, description: entry.description, tags: tagsKey(entry), profile });
}

function textKey(entry: ProfiledText): string {
  return `${entry.title}\u0000${entry.description}\u0000${tagsKey(entry)}`;
}

export function profileText(entry: ProfiledText): TextProfile {
  const cached = cachedProfile(entry);
  if (cached) return cached;
  const profile = buildProfile(entry);
  cacheProfile(entry, profile);
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
  return cachedProfile(entry) !== undefined;
}

/**
 * A stored profile as loaded for scoring: the terms themselves are optional when their hashes are loaded
 * (a candidate is only tested for membership; the rare reader of `terms` gets them recomputed).
 */
export interface LoadedTextProfile {
  terms?: Map<string, number> | Array<[string, number]>;
  termHashes?: TermHashes;
  titleTerms: Set<string> | string[];
  synonymHits: string[];
}

/**
 * Gives `entry` the profile stored for its current text, so `profileText` does not segment it. What only the
 * demand side or an explanation reads (sections, the normalized text) is computed on first use.
 */
export function primeProfile(entry: ProfiledText, stored: LoadedTextProfile): void {
  if (cachedProfile(entry)) return;
  const title = normalizeText(entry.title);
  let sections: TextSection[] | undefined;
  let text: string | undefined;
  let terms = stored.terms instanceof Map ? stored.terms : stored.terms ? new Map(stored.terms) : undefined;
  let termHashes = stored.termHashes;
  const profile: TextProfile = {
    get text(): string {
      text ??= `${title}。${normalizeText(entry.description)}`;
      return text;
    },
    title,
    get sections(): TextSection[] {
      sections ??= sectionsOf(entry, title);
      return sections;
    },
    get terms(): Map<string, number> {
      terms ??= buildProfile(entry).terms;
      return terms;
    },
    get termHashes(): TermHashes {
      termHashes ??= termHashesOf(profile.terms.keys());
      return termHashes;
    },
    titleTerms: stored.titleTerms instanceof Set ? stored.titleTerms : new Set(stored.titleTerms),
    synonymHits: stored.synonymHits,
  };
  cacheProfile(entry, profile);
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
  let termHashes: TermHashes | undefined;
  return {
    text,
    title,
    sections,
    terms,
    titleTerms: new Set(termsOf(title)),
    synonymHits,
    get termHashes(): TermHashes {
      termHashes ??= termHashesOf(terms.keys());
      return termHashes;
    },
  };
}

export function keyPhrasesOf(profile: TextProfile, stats: TermStatistics | null, limit: number): KeyPhrase[] {
  return extractKeyPhrases(profile.sections, stats, limit);
}
