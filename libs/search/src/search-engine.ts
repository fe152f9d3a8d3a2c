import { APP_CONFIG, AppConfig, meiliUrlOf } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MeiliSearch } from 'meilisearch';
import type { MultiSearchQuery, SearchParams, SearchResponse } from 'meilisearch';
import { INDEX_SETTINGS, SEARCH_INDEX_KINDS, SearchIndexKind } from './index-settings';

type Doc = Record<string, unknown> & { id: string };

export interface SearchRequest extends SearchParams {
  q?: string;
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
    this.client = new MeiliSearch({ host: meiliUrlOf(config), apiKey: config.MEILI_MASTER_KEY, timeout: 10_000 });
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
}
