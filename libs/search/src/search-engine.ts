import { APP_CONFIG, AppConfig, meiliUrlOf } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MeiliSearch, MeiliSearchApiError } from 'meilisearch';
import type { MultiSearchQuery, SearchParams, SearchResponse } from 'meilisearch';
import { INDEX_SETTINGS, SEARCH_INDEX_KINDS, SearchIndexKind } from './index-settings';

type Doc = Record<string, unknown> & { id: string };

export interface SearchRequest extends SearchParams {
  q?: string;
}

/** One query form of a candidate search (see `SearchEngine.searchCandidates`). */
export interface CandidateSearch {
  q: string;
  filter?: string;
  limit: number;
  sort?: string[];
  matchingStrategy?: 'last' | 'all' | 'frequency';
}

export interface CandidateHit {
  id: string;
  rankingScore?: number;
}

/**
 * The only class that talks to Meilisearch. Everything else speaks in our own types, so the engine
 * could be replaced (or stopped, in tests) without touching features.
 */
@Injectable()
export class SearchEngine {
  private readonly logger = new Logger(SearchEngine.name);
  readonly client: MeiliSearch;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new MeiliSearch({
      host: meiliUrlOf(config),
      apiKey: config.MEILI_MASTER_KEY,
      timeout: 10_000,
      // On a kept-alive connection Meilisearch sends a response over ~1.5 kB as headers then body, and the
      // body waits for the ACK of the headers, which the client's kernel delays by 40 ms: every search with
      // a few dozen hits took 45 ms instead of 5. A new connection per request (quick ACKs) costs far less.
      requestInit: { headers: { Connection: 'close' } },
    });
    this.prefix = config.MEILI_INDEX_PREFIX;
  }

  indexName(kind: SearchIndexKind): string {
    return `${this.prefix}_${kind}`;
  }

  async isHealthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === 'available';
    } catch {
      return false;
    }
  }

  private ensuring?: Promise<void>;

  /** For hot paths: settings are applied once per process (concurrent callers share the attempt), then assumed. */
  async ensureIndexesOnce(): Promise<void> {
    this.ensuring ??= this.ensureIndexes().catch((error: unknown) => {
      this.ensuring = undefined;
      throw error;
    });
    return this.ensuring;
  }

  /** Creates missing indexes and applies settings; safe to call at every start. */
  async ensureIndexes(): Promise<void> {
    for (const kind of SEARCH_INDEX_KINDS) {
      await this.ensureIndex(this.indexName(kind), kind);
    }
  }

  private async ensureIndex(uid: string, kind: SearchIndexKind): Promise<void> {
    try {
      await this.client.getIndex(uid);
    } catch {
      // Another process may create it at the same moment; a failed "already exists" task is fine.
      await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 });
    }
    await this.client.index(uid).updateSettings(INDEX_SETTINGS[kind]).waitTask({ timeout: 60_000 });
  }

  async upsert(kind: SearchIndexKind, documents: Doc[]): Promise<void> {
    if (documents.length === 0) return;
    const task = await this.client.index(this.indexName(kind)).addDocuments(documents, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
    if (task.status !== 'succeeded') throw new Error(`Meilisearch upsert into ${kind} ${task.status}: ${task.error?.message ?? ''}`);
  }

  async remove(kind: SearchIndexKind, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const task = await this.client.index(this.indexName(kind)).deleteDocuments(ids).waitTask({ timeout: 60_000 });
    if (task.status !== 'succeeded') throw new Error(`Meilisearch delete from ${kind} ${task.status}: ${task.error?.message ?? ''}`);
  }

  async search<T extends Doc>(kind: SearchIndexKind, request: SearchRequest): Promise<SearchResponse<T>> {
    const { q, ...params } = request;
    return this.client.index<T>(this.indexName(kind)).search(q ?? '', params);
  }

  async multiSearch<T extends Doc>(kind: SearchIndexKind, queries: Array<Omit<MultiSearchQuery, 'indexUid'>>): Promise<Array<SearchResponse<T>>> {
    if (queries.length === 0) return [];
    const indexUid = this.indexName(kind);
    const response = await this.client.multiSearch({ queries: queries.map((query) => ({ ...query, indexUid })) });
    return response.results as unknown as Array<SearchResponse<T>>;
  }

  /**
   * Runs several query forms in one round trip and returns, per form, the matching ids best first with
   * Meilisearch's ranking score. Chinese locale is declared so short queries are not tokenized as Japanese.
   */
  async searchCandidates(kind: SearchIndexKind, queries: readonly CandidateSearch[], parallelRequests = 2): Promise<CandidateHit[][]> {
    if (queries.length === 0) return [];
    // Meilisearch answers the queries of one multi-search one after another; a few requests side by side
    // use the other cores.
    const size = Math.ceil(queries.length / Math.max(1, parallelRequests));
    const chunks: CandidateSearch[][] = [];
    for (let i = 0; i < queries.length; i += size) chunks.push(queries.slice(i, i + size));
    const answers = await Promise.all(chunks.map((chunk) => this.searchCandidateChunk(kind, chunk)));
    return answers.flat();
  }

  private async searchCandidateChunk(kind: SearchIndexKind, queries: readonly CandidateSearch[]): Promise<CandidateHit[][]> {
    const results = await this.multiSearch<Doc>(
      kind,
      queries.map((query) => ({
        q: query.q,
        filter: query.filter,
        limit: query.limit,
        sort: query.sort,
        matchingStrategy: query.matchingStrategy,
        attributesToRetrieve: ['id'],
        showRankingScore: true,
        locales: ['cmn'],
      })),
    );
    return results.map((result) => result.hits.map((hit) => ({ id: String(hit.id), rankingScore: hit._rankingScore })));
  }

  async getDocumentIds(kind: SearchIndexKind): Promise<Map<string, unknown>> {
    const result = new Map<string, unknown>();
    const index = this.client.index(this.indexName(kind));
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await index.getDocuments<Doc>({ offset, limit, fields: ['id', 'version', 'updatedAt', 'publishedAt'] });
      for (const doc of page.results) result.set(doc.id, doc);
      if (page.results.length < limit) break;
    }
    return result;
  }

  /**
   * Rebuilds an index without downtime: fill `<name>_next`, swap it with the live one, drop the old.
   * Searches keep hitting the live index until the atomic swap.
   */
  async rebuild(kind: SearchIndexKind, fill: (write: (documents: Doc[]) => Promise<void>) => Promise<void>): Promise<void> {
    const live = this.indexName(kind);
    const next = `${live}_next`;
    await this.client.deleteIndex(next).waitTask({ timeout: 30_000 }).catch(() => undefined);
    await this.ensureIndex(next, kind);
    await fill(async (documents) => {
      if (documents.length === 0) return;
      const task = await this.client.index(next).addDocuments(documents, { primaryKey: 'id' }).waitTask({ timeout: 120_000 });
      if (task.status !== 'succeeded') throw new Error(`Meilisearch rebuild of ${kind} ${task.status}: ${task.error?.message ?? ''}`);
    });
    await this.ensureIndex(live, kind);
    const swap = await this.client.swapIndexes([{ indexes: [live, next], rename: false }]).waitTask({ timeout: 60_000 });
    if (swap.status !== 'succeeded') throw new Error(`Meilisearch swap of ${kind} failed: ${swap.error?.message ?? ''}`);
    await this.client.deleteIndex(next).waitTask({ timeout: 30_000 });
    this.logger.log({ kind }, 'Index rebuilt and swapped');
  }

  /**
   * A public search page: filters (AND-ed expressions, already escaped by the caller), facet counts,
   * `<em>` highlights and page-based pagination with an exact total. An index that does not exist yet
   * answers as empty; an unreachable engine becomes SearchUnavailable, a rejected query SearchQueryRejected.
   */
  async facetedSearch<T extends Doc>(kind: SearchIndexKind, query: FacetedSearchQuery): Promise<FacetedSearchResult<T>> {
    try {
      const response = await this.client.index<T>(this.indexName(kind)).search(query.q, {
        filter: query.filter.length ? query.filter : undefined,
        facets: query.facets,
        sort: query.sort?.length ? query.sort : undefined,
        page: query.page,
        hitsPerPage: query.hitsPerPage,
        attributesToHighlight: query.highlight,
        attributesToCrop: query.crop,
        cropLength: query.cropLength,
        cropMarker: '…',
        highlightPreTag: '<em>',
        highlightPostTag: '</em>',
        locales: ['cmn'],
      });
      return {
        hits: response.hits.map((hit) => {
          const { _formatted, ...document } = hit as T & { _formatted?: Record<string, unknown> };
          const highlight: Record<string, string> = {};
          for (const field of [...query.highlight, ...(query.crop ?? [])]) {
            const value = _formatted?.[field];
            if (typeof value === 'string') highlight[field] = value;
          }
          return { document: document as unknown as T, highlight };
        }),
        total: response.totalHits ?? response.hits.length,
        totalPages: response.totalPages ?? 1,
        facets: (response.facetDistribution ?? {}) as Record<string, Record<string, number>>,
        processingTimeMs: response.processingTimeMs,
      };
    } catch (error) {
      const code = error instanceof MeiliSearchApiError ? error.cause?.code : undefined;
      if (code === 'index_not_found') return { hits: [], total: 0, totalPages: 0, facets: {}, processingTimeMs: 0 };
      if (error instanceof MeiliSearchApiError && error.response.status < 500) {
        throw new SearchQueryRejected(error.cause?.message ?? error.message);
      }
      throw new SearchUnavailable(error instanceof Error ? error.message : String(error));
    }
  }
}

export interface FacetedSearchQuery {
  q: string;
  /** Filter expressions, AND-ed; values must already be quoted with `quoteFilterValue`. */
  filter: string[];
  facets: string[];
  sort?: string[];
  page: number;
  hitsPerPage: number;
  highlight: string[];
  crop?: string[];
  cropLength?: number;
}

export interface FacetedSearchResult<T> {
  hits: Array<{ document: T; highlight: Record<string, string> }>;
  total: number;
  totalPages: number;
  facets: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

/** Meilisearch cannot be reached or failed; callers answer 503. */
export class SearchUnavailable extends Error {}

/** Meilisearch refused the query (should not happen once input is validated; callers answer 400). */
export class SearchQueryRejected extends Error {}

/** A string literal for a Meilisearch filter: double-quoted, with backslashes and quotes escaped. */
export function quoteFilterValue(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('filter value must be finite');
    return String(value);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
