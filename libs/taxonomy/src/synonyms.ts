import { DOMAIN_SYNONYM_GROUPS } from './synonyms.data';

function normalizeTerm(term: string): string {
  return term.normalize('NFKC').trim().toLowerCase();
}

/**
 * Meilisearch's `synonyms` setting: every term maps to all other terms of its group(s), which makes the
 * relation symmetric (Meilisearch only applies a synonym in the direction it is listed).
 * Blank terms are dropped; a term listed in several groups maps to the union of their other terms.
 */
export function toMeilisearchSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.map((term) => term.trim()).filter((term) => term !== ''))];
    for (const term of terms) {
      const others = synonyms.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      synonyms.set(term, others);
    }
  }
  const result: Record<string, string[]> = {};
  for (const [term, others] of synonyms) if (others.size > 0) result[term] = [...others];
  return result;
}

const groupsByNormalizedTerm: ReadonlyMap<string, readonly string[]> = (() => {
  const index = new Map<string, readonly string[]>();
  for (const group of DOMAIN_SYNONYM_GROUPS) for (const term of group) index.set(normalizeTerm(term), group);
  return index;
})();

/** The other terms equivalent to `term` in the shipped list (width- and case-insensitive); empty when none. */
export function synonymsOf(term: string): string[] {
  const group = groupsByNormalizedTerm.get(normalizeTerm(term));
  if (!group) return [];
  const normalized = normalizeTerm(term);
  return group.filter((other) => normalizeTerm(other) !== normalized);
}
