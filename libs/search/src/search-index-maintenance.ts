import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SEARCH_INDEX_KINDS, SearchIndexKind } from './index-settings';
import { SearchDocumentSource } from './outbox-indexer';
import { SearchEngine } from './search-engine';

export interface ConsistencyReport {
  kind: SearchIndexKind;
  expected: number;
  indexed: number;
  missing: string[];
  stale: string[];
  unexpected: string[];
}

/** Rebuild-from-truth and drift detection: Meilisearch is derived, PostgreSQL decides. */
@Injectable()
export class SearchIndexMaintenance {
  constructor(
    private readonly engine: SearchEngine,
    private readonly documents: SearchDocumentSource,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async reindexAll(): Promise<Record<SearchIndexKind, number>> {
    const counts = {} as Record<SearchIndexKind, number>;
    for (const kind of SEARCH_INDEX_KINDS) {
      // processed_at is a transaction's start time, hence the margin.
      const since = new Date(Date.now() - 60_000);
      const docs = await this.documents.documents(kind, 'all');
      await this.engine.rebuild(kind, async (write) => {
        for (let i = 0; i < docs.length; i += 1000) {
          await write(docs.slice(i, i + 1000) as unknown as Array<Record<string, unknown> & { id: string }>);
        }
      });
      await this.reapplyDrainedSince(kind, since);
      counts[kind] = docs.length;
    }
    return counts;
  }

  /**
   * Outbox rows drained while the new index was being filled went into the old index, which the swap
   * just retired; apply their current state again so no write is lost to the reindex.
   */
  private async reapplyDrainedSince(kind: SearchIndexKind, since: Date): Promise<void> {
    const aggregate = kind === 'scenarios' ? 'scenario' : kind === 'capabilities' ? 'capability' : 'organization';
    const rows: Array<{ aggregate_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT aggregate_id FROM outbox_events WHERE aggregate = $1 AND processed_at >= $2`,
      [aggregate, since],
    );
    const ids = rows.map((r) => r.aggregate_id);
    if (ids.length === 0) return;
    const docs = await this.documents.documents(kind, ids);
    const present = new Set(docs.map((d) => d.id));
    await this.engine.upsert(kind, docs as unknown as Array<Record<string, unknown> & { id: string }>);
    await this.engine.remove(kind, ids.filter((id) => !present.has(id)));
  }

  /** Missing: public in PostgreSQL, absent from the index. Stale: present but different. Unexpected: indexed but no longer public. */
  async checkConsistency(): Promise<ConsistencyReport[]> {
    const reports: ConsistencyReport[] = [];
    for (const kind of SEARCH_INDEX_KINDS) {
      const expected = await this.documents.documents(kind, 'all');
      const indexed = await this.engine.getDocumentIds(kind);
      const missing: string[] = [];
      const stale: string[] = [];
      for (const doc of expected) {
        const found = indexed.get(doc.id) as Record<string, unknown> | undefined;
        if (!found) missing.push(doc.id);
        else if ('publishedAt' in doc && found.publishedAt !== (doc as { publishedAt: unknown }).publishedAt) stale.push(doc.id);
      }
      const expectedIds = new Set(expected.map((d) => d.id));
      const unexpected = [...indexed.keys()].filter((id) => !expectedIds.has(id));
      reports.push({ kind, expected: expected.length, indexed: indexed.size, missing, stale, unexpected });
    }
    return reports;
  }
}
