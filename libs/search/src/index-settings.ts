import { DOMAIN_SYNONYM_GROUPS, toMeilisearchSynonyms } from '@app/taxonomy';
import type { Settings } from 'meilisearch';

export type SearchIndexKind = 'scenarios' | 'capabilities' | 'organizations';
export const SEARCH_INDEX_KINDS: readonly SearchIndexKind[] = ['scenarios', 'capabilities', 'organizations'];

const synonyms = toMeilisearchSynonyms(DOMAIN_SYNONYM_GROUPS);

/** Chinese text is tokenized with charabia's jieba; declaring the locale avoids misdetection as Japanese. */
const chineseEverywhere = [{ locales: ['cmn'], attributePatterns: ['*'] }];

export const INDEX_SETTINGS: Record<SearchIndexKind, Settings> = {
  scenarios: {
    searchableAttributes: ['title', 'tags', 'domains', 'domainsExpanded', 'summary', 'ownerDisplayName'],
    filterableAttributes: ['domains', 'domainsExpanded', 'regionCodes', 'tier', 'stage', 'minTrl', 'budgetMinWan', 'budgetMaxWan', 'budgetNegotiable', 'status', 'batchIds', 'deadline', 'publishedAt', 'ownerType'],
    sortableAttributes: ['publishedAt', 'deadline', 'budgetMaxWan', 'budgetMinWan'],
    displayedAttributes: ['*'],
    synonyms,
    localizedAttributes: chineseEverywhere,
    pagination: { maxTotalHits: 5000 },
    faceting: { maxValuesPerFacet: 200 },
  },
  // Tuned for matching (libs/matching): the supplier's name is not what a demand is about, so it is not
  // searchable (it made look-alikes from 某某机器人公司 outrank real answers); typo tolerance after words keeps
  // short Chinese phrases exact enough, and proximity by attribute keeps long descriptions cheap to index.
  capabilities: {
    searchableAttributes: ['title', 'tags', 'domainsExpanded', 'description'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    proximityPrecision: 'byAttribute',
    filterableAttributes: ['domains', 'domainsExpanded', 'regionCodes', 'kind', 'trl', 'priceMinWan', 'priceMaxWan', 'qualifications', 'status', 'batchIds', 'organizationId', 'publishedAt', 'supplierType'],
    sortableAttributes: ['publishedAt', 'trl', 'priceMinWan'],
    displayedAttributes: ['*'],
    synonyms,
    localizedAttributes: chineseEverywhere,
    pagination: { maxTotalHits: 5000 },
    faceting: { maxValuesPerFacet: 200 },
  },
  organizations: {
    searchableAttributes: ['name', 'domains', 'description'],
    filterableAttributes: ['type', 'regionCodes', 'domains', 'qualifications'],
    sortableAttributes: ['caseCount'],
    synonyms,
    localizedAttributes: chineseEverywhere,
  },
};
