import { Capability, Organization, OutboxAggregate, OutboxEvent, Scenario } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { SearchIndexKind } from './index-settings';
import { CapabilityDocument, OrganizationDocument, ScenarioDocument, toCapabilityDocument, toOrganizationDocument, toScenarioDocument } from './search-documents';
import { SearchEngine } from './search-engine';

export interface AppliedOutboxEvent {
  aggregate: OutboxAggregate;
  aggregateId: string;
  event: string;
  /** Whether the record is now in the public index (false: removed or never public). */
  indexed: boolean;
}

const KIND_OF: Record<OutboxAggregate, SearchIndexKind> = {
  scenario: 'scenarios',
  capability: 'capabilities',
  organization: 'organizations',
};

/** Loads the public documents for the given ids from PostgreSQL; ids not public come back absent. */
@Injectable()
export class SearchDocumentSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async scenarios(ids: string[] | 'all', manager: EntityManager = this.dataSource.manager): Promise<ScenarioDocument[]> {
    const rows = await manager.find(Scenario, {
      where: ids === 'all' ? { status: In(['published']) } : { id: In(ids), status: In(['published']) },
      relations: { organization: true },
    });
    const batches = await this.batchIdsOf(manager, 'scenario', rows.map((r) => r.id));
    return rows.map((r) => toScenarioDocument(r, r.organization as Organization, batches.get(r.id)));
  }

  async capabilities(ids: string[] | 'all', manager: EntityManager = this.dataSource.manager): Promise<CapabilityDocument[]> {
    const rows = await manager.find(Capability, {
      where: ids === 'all' ? { status: 'published' } : { id: In(ids), status: 'published' },
      relations: { organization: true },
    });
    const batches = await this.batchIdsOf(manager, 'capability', rows.map((r) => r.id));
    return rows.map((r) => toCapabilityDocument(r, r.organization as Organization, batches.get(r.id)));
  }

  async organizations(ids: string[] | 'all', manager: EntityManager = this.dataSource.manager): Promise<OrganizationDocument[]> {
    const rows = await manager
      .createQueryBuilder(Organization, 'o')
      .where(`'supplier' = ANY(o.roles)`)
      .andWhere(ids === 'all' ? '1=1' : 'o.id IN (:...ids)', { ids: ids === 'all' ? [] : ids.length ? ids : ['00000000-0000-0000-0000-000000000000'] })
      .getMany();
    return rows.map(toOrganizationDocument);
  }

  async documents(kind: SearchIndexKind, ids: string[] | 'all', manager?: EntityManager) {
    if (kind === 'scenarios') return this.scenarios(ids, manager);
    if (kind === 'capabilities') return this.capabilities(ids, manager);
    return this.organizations(ids, manager);
  }

  /** Published list batches an item belongs to; the table arrives with the batches feature. */
  private async batchIdsOf(manager: EntityManager, itemType: 'scenario' | 'capability', ids: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (ids.length === 0) return result;
    const exists = await manager.query(`SELECT to_regclass('public.list_batch_items') IS NOT NULL AS present`);
    if (!exists[0]?.present) return result;
    const rows: Array<{ item_id: string; batch_id: string }> = await manager.query(
      `SELECT i.item_id, i.batch_id FROM list_batch_items i JOIN list_batches b ON b.id = i.batch_id
        WHERE b.status = 'published' AND i.item_type = $1 AND i.item_id = ANY($2::uuid[])`,
      [itemType, ids],
    );
    for (const row of rows) result.set(row.item_id, [...(result.get(row.item_id) ?? []), row.batch_id]);
    return result;
  }
}

/**
 * Applies pending outbox rows to Meilisearch. Idempotent: each row makes the index agree with the
 * current PostgreSQL row (upsert if public, delete otherwise), so applying a row twice is harmless.
 */
@Injectable()
export class OutboxIndexer {
  private readonly logger = new Logger(OutboxIndexer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: SearchEngine,
    private readonly documents: SearchDocumentSource,
  ) {}

  /** Drains in batches until the outbox is empty; returns what was applied (for follow-up jobs). */
  async drain(batchSize = 500): Promise<AppliedOutboxEvent[]> {
    const applied: AppliedOutboxEvent[] = [];
    for (;;) {
      const batch = await this.drainBatch(batchSize);
      applied.push(...batch);
      if (batch.length < batchSize) return applied;
    }
  }

  async pendingCount(): Promise<number> {
    return this.dataSource.getRepository(OutboxEvent).count({ where: { processedAt: IsNull() } });
  }

  private async drainBatch(batchSize: number): Promise<AppliedOutboxEvent[]> {
    let claimed: string[] = [];
    try {
      return await this.applyBatch(batchSize, (ids) => (claimed = ids));
    } catch (error) {
      // Only after the transaction has released its row locks, or this update would wait on itself.
      await this.markFailed(claimed, error);
      throw error;
    }
  }

  private async applyBatch(batchSize: number, onClaim: (ids: string[]) => void): Promise<AppliedOutboxEvent[]> {
    return this.dataSource.transaction(async (manager) => {
      // SKIP LOCKED lets two workers drain side by side without applying a row twice at once.
      const rows: Array<{ id: string; aggregate: OutboxAggregate; aggregate_id: string; event: string }> = await manager.query(
        `SELECT id, aggregate, aggregate_id, event FROM outbox_events
          WHERE processed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) return [];
      onClaim(rows.map((r) => r.id));
      const result: AppliedOutboxEvent[] = [];
      {
        for (const aggregate of Object.keys(KIND_OF) as OutboxAggregate[]) {
          const ids = [...new Set(rows.filter((r) => r.aggregate === aggregate).map((r) => r.aggregate_id))];
          if (ids.length === 0) continue;
          const kind = KIND_OF[aggregate];
          const docs = await this.documents.documents(kind, ids, manager);
          const present = new Set(docs.map((d) => d.id));
          await this.engine.upsert(kind, docs as unknown as Array<Record<string, unknown> & { id: string }>);
          await this.engine.remove(kind, ids.filter((id) => !present.has(id)));
          for (const row of rows.filter((r) => r.aggregate === aggregate)) {
            result.push({ aggregate, aggregateId: row.aggregate_id, event: row.event, indexed: present.has(row.aggregate_id) });
          }
        }
      }
      await manager.query(`UPDATE outbox_events SET processed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      this.logger.log({ count: rows.length }, 'Outbox applied to search index');
      return result;
    });
  }

  /** Recorded outside the rolled-back transaction so operators can see why indexing stalls. */
  private async markFailed(ids: string[], error: unknown): Promise<void> {
    if (ids.length === 0) return;
    const message = error instanceof Error ? error.message : String(error);
    await this.dataSource
      .query(`UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, message.slice(0, 1000)])
      .catch(() => undefined);
  }
}
