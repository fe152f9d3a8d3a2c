import { ActionForbidden, Page, RequestValidationFailed, ResourceNotFound } from '@app/common';
import {
  AuditActor,
  Capability,
  ListBatch,
  ListBatchItem,
  ListBatchKind,
  ListBatchSnapshotItem,
  Organization,
  Scenario,
  recordAudit,
  recordOutboxEvent,
  transitionCapability,
  transitionScenario,
} from '@app/database';
import { IndexingProducer } from '@app/queue';
import { CAPABILITY_STATUS_LABELS, SCENARIO_STATUS_LABELS } from '@app/database';
import { isWithinRegion, REGIONS, regionDisplayName } from '@app/taxonomy';
import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuthenticatedUser } from '../auth/current-user';
import { BATCH_LIFECYCLE, ELIGIBLE_ITEM_STATUSES, PUBLIC_BATCH_STATUSES } from './batch.lifecycle';
import { diffSnapshots, snapshotOfCapability, snapshotOfScenario } from './batch-snapshot';
import { buildListWorkbook } from './batch-workbook';
import {
  AddBatchItemsDto,
  BatchDetailDto,
  BatchExportDto,
  BatchSummaryDto,
  CancelBatchDto,
  CreateBatchDto,
  ListBatchesQueryDto,
  StartBatchNoticeDto,
  toBatchDiff,
  toBatchItem,
  toBatchSummary,
} from './dto/batch.dto';

/** A batch's items as the public or an organizer may see them, for detail pages and exports. */
export interface BatchContents {
  batch: ListBatch;
  items: ListBatchSnapshotItem[];
  /** Live status per item id (drafts and batches on notice only). */
  statuses: Map<string, string>;
  /** Whether the caller may see restricted fields (organizer of the batch's region, admin). */
  full: boolean;
}

export function coversRegion(user: AuthenticatedUser | undefined, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'organizer' || !user.jurisdictionRegionCode) return false;
  return isWithinRegion(regionCode, user.jurisdictionRegionCode);
}

const actorOf = (user: AuthenticatedUser): AuditActor => ({ userId: user.id, role: user.role });

@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indexing: IndexingProducer,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateBatchDto): Promise<BatchDetailDto> {
    const regionCode = dto.regionCode ?? user.jurisdictionRegionCode;
    if (!regionCode) throw new RequestValidationFailed([{ field: 'regionCode', messages: ['请指定清单所属地区'] }]);
    if (!coversRegion(user, regionCode)) {
      throw new RequestValidationFailed([{ field: 'regionCode', messages: [`清单地区（${regionDisplayName(regionCode)}）不在您的管辖范围内`] }]);
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const batch = await manager.save(
        manager.create(ListBatch, { kind: dto.kind, title: dto.title, description: dto.description ?? null, regionCode, status: 'draft', createdBy: user.id }),
      );
      await recordAudit(manager, actorOf(user), { action: 'batch.create', entityType: 'list_batch', entityId: batch.id, regionCode, after: { kind: dto.kind, title: dto.title, status: 'draft' } });
      return batch.id;
    });
    return this.detail(user, id);
  }

  async list(user: AuthenticatedUser | undefined, query: ListBatchesQueryDto): Promise<Page<BatchSummaryDto>> {
    const qb = this.dataSource.getRepository(ListBatch).createQueryBuilder('b');
    const jurisdiction = this.jurisdictionCodes(user);
    qb.where(
      new Brackets((w) => {
        w.where('b.status IN (:...publicStatuses)', { publicStatuses: PUBLIC_BATCH_STATUSES });
        if (jurisdiction === 'all') w.orWhere('1=1');
        else if (jurisdiction.length) w.orWhere('b.region_code IN (:...jurisdiction)', { jurisdiction });
      }),
    );
    if (query.kind) qb.andWhere('b.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.regionCode) qb.andWhere('b.region_code IN (:...regions)', { regions: codesWithin(query.regionCode) });
    qb.orderBy('b.published_at', 'DESC', 'NULLS FIRST').addOrderBy('b.created_at', 'DESC').addOrderBy('b.id', 'ASC');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const counts = await this.itemCounts(rows.map((r) => r.id));
    return { items: rows.map((r) => toBatchSummary(r, counts.get(r.id) ?? 0)), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(user: AuthenticatedUser | undefined, id: string): Promise<BatchDetailDto> {
    const contents = await this.contents(user, id);
    const { batch, items, statuses, full } = contents;
    let diff = batch.diff;
    if (batch.status !== 'published') {
      // A preview for drafts and notices: what publishing now would show as the difference.
      const previous = await this.previousPublished(this.dataSource.manager, batch);
      diff = diffSnapshots(batch.kind, previous, items);
    }
    return {
      ...toBatchSummary(batch, items.length),
      items: items.map((item) => toBatchItem(batch.kind, item, full, statuses.get(item.id))),
      diff: toBatchDiff(diff),
      allowedActions: full ? BATCH_LIFECYCLE.allowedActions(batch.status, 'organizer') : [],
    };
  }

  /** Published: the frozen snapshot. Otherwise the current items (drafts only for organizers of the region). */
  async contents(user: AuthenticatedUser | undefined, id: string): Promise<BatchContents> {
    const batch = await this.readable(this.dataSource.manager, user, id);
    const full = coversRegion(user, batch.regionCode);
    if (batch.status === 'published') return { batch, items: batch.snapshot ?? [], statuses: new Map(), full };
    const { items, statuses } = await this.liveItems(this.dataSource.manager, batch);
    return { batch, items, statuses, full };
  }

  async exportJson(user: AuthenticatedUser | undefined, id: string): Promise<BatchExportDto> {
    const { batch, items, statuses, full } = await this.contents(user, id);
    return {
      batch: toBatchSummary(batch, items.length),
      exportedAt: new Date().toISOString(),
      full,
      items: items.map((item) => toBatchItem(batch.kind, item, full, statuses.get(item.id))),
    };
  }

  /** Organizers of the region get the re-importable columns; everyone else the public ones. */
  async exportExcel(user: AuthenticatedUser | undefined, id: string): Promise<{ fileName: string; content: Buffer }> {
    const { batch, items, full } = await this.contents(user, id);
    return { fileName: `${batch.title}.xlsx`, content: await buildListWorkbook(batch.kind, batch.title, items, full) };
  }

  async addItems(user: AuthenticatedUser, id: string, dto: AddBatchItemsDto): Promise<BatchDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const batch = await this.manageable(manager, user, id);
      this.assertDraft(batch);
      const ids = [...new Set(dto.itemIds)];
      const rows = await this.loadItems(manager, batch.kind, ids);
      const byId = new Map(rows.map((r) => [r.item.id, r]));
      const errors = dto.itemIds.flatMap((itemId, index) => {
        const row = byId.get(itemId);
        const field = `itemIds[${index}]`;
        const what = batch.kind === 'scenario' ? '场景需求' : '能力供给';
        if (!row || !isWithinRegion(row.regionCode, batch.regionCode)) {
          return [{ field, messages: [`${what} ${itemId} 不存在或不在本清单地区（${regionDisplayName(batch.regionCode)}）范围内`] }];
        }
        if (!ELIGIBLE_ITEM_STATUSES[batch.kind].includes(row.item.status)) {
          const allowed = batch.kind === 'scenario' ? '已审核通过或已发布' : '已核验或已发布';
          return [{ field, messages: [`${what}「${row.item.title}」当前状态为「${statusLabel(batch.kind, row.item.status)}」，只有${allowed}的${what}可以列入清单`] }];
        }
        return [];
      });
      if (errors.length) throw new RequestValidationFailed(errors);
      const [{ next }]: Array<{ next: number }> = await manager.query(`SELECT COALESCE(max(position), 0) + 1 AS next FROM list_batch_items WHERE batch_id = $1`, [batch.id]);
      await manager
        .createQueryBuilder()
        .insert()
        .into(ListBatchItem)
        .values(ids.map((itemId, index) => ({ batchId: batch.id, itemType: batch.kind, itemId, position: next + index, addedBy: user.id })))
        .orIgnore()
        .execute();
      await recordAudit(manager, actorOf(user), { action: 'batch.add-items', entityType: 'list_batch', entityId: batch.id, regionCode: batch.regionCode, after: { itemIds: ids } });
    });
    return this.detail(user, id);
  }

  async removeItem(user: AuthenticatedUser, id: string, itemId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const batch = await this.manageable(manager, user, id);
      this.assertDraft(batch);
      const result = await manager.delete(ListBatchItem, { batchId: batch.id, itemType: batch.kind, itemId });
      if (!result.affected) throw new ResourceNotFound('清单条目', itemId);
      await recordAudit(manager, actorOf(user), { action: 'batch.remove-item', entityType: 'list_batch', entityId: batch.id, regionCode: batch.regionCode, before: { itemId } });
    });
  }

  async startNotice(user: AuthenticatedUser, id: string, dto: StartBatchNoticeDto): Promise<BatchDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const batch = await this.manageable(manager, user, id);
      const to = BATCH_LIFECYCLE.next(batch.status, 'startNotice');
      await this.assertHasItems(manager, batch);
      const now = new Date();
      const changes = { status: to, noticeDays: dto.days, noticeStartedAt: now, noticeEndsAt: new Date(now.getTime() + dto.days * 86_400_000) };
      await manager.update(ListBatch, { id: batch.id }, changes);
      await recordAudit(manager, actorOf(user), {
        action: 'batch.startNotice',
        entityType: 'list_batch',
        entityId: batch.id,
        regionCode: batch.regionCode,
        before: { status: batch.status },
        after: { status: to, noticeDays: dto.days, noticeEndsAt: changes.noticeEndsAt.toISOString() },
      });
    });
    return this.detail(user, id);
  }

  /**
   * Publishes every item (approved/verified → published; already published ones stay), freezes the
   * snapshot and the difference from the previous published batch of the same kind and region.
   */
  async publish(user: AuthenticatedUser, id: string): Promise<BatchDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const batch = await this.manageable(manager, user, id);
      const to = BATCH_LIFECYCLE.next(batch.status, 'publish');
      const now = new Date();
      if (batch.status === 'notice' && batch.noticeEndsAt && batch.noticeEndsAt > now) {
        throw new ConflictException(`清单正在公示，公示期至 ${formatChinaTime(batch.noticeEndsAt)} 结束，结束后方可正式发布`);
      }
      // One publisher per kind and region at a time, so two batches never pick the same predecessor.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`list_batches:${batch.kind}:${batch.regionCode}`]);
      const itemIds = await this.itemIds(manager, batch);
      if (itemIds.length === 0) throw new ConflictException('清单中没有条目，不能发布');
      const table = batch.kind === 'scenario' ? 'scenarios' : 'capabilities';
      // Row locks keep an owner from withdrawing an item between this check and its publication.
      await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [itemIds]);
      const rows = await this.loadItems(manager, batch.kind, itemIds);
      const byId = new Map(rows.map((r) => [r.item.id, r]));
      const blocked = itemIds
        .map((itemId) => byId.get(itemId))
        .filter((row): row is LoadedItem => !!row && !ELIGIBLE_ITEM_STATUSES[batch.kind].includes(row.item.status))
        .map((row) => `「${row.item.title}」（${statusLabel(batch.kind, row.item.status)}）`);
      const missing = itemIds.filter((itemId) => !byId.has(itemId));
      if (blocked.length || missing.length) {
        throw new ConflictException(`以下条目当前不能随清单发布，请先移出清单：${[...blocked, ...missing].join('、')}`);
      }
      const actor = actorOf(user);
      const snapshot: ListBatchSnapshotItem[] = [];
      for (const itemId of itemIds) {
        const row = byId.get(itemId) as LoadedItem;
        if (row.item.status !== 'published') {
          if (row.kind === 'scenario') await transitionScenario(manager, row.item, 'publish', actor, { at: now, comment: `随清单「${batch.title}」发布` });
          else await transitionCapability(manager, row.item, 'publish', actor, { at: now, comment: `随清单「${batch.title}」发布` });
        } else {
          // Already public: its search document still has to learn the new batch id.
          await recordOutboxEvent(manager, batch.kind, itemId, 'batch-published');
        }
        snapshot.push(row.snapshot());
      }
      const previous = await this.previousPublished(manager, batch);
      const diff = diffSnapshots(batch.kind, previous, snapshot);
      const frozen: Partial<ListBatch> = { status: to, publishedAt: now, publishedBy: user.id, snapshot, diff, previousBatchId: previous?.id ?? null };
      await manager.update(ListBatch, { id: batch.id }, frozen as QueryDeepPartialEntity<ListBatch>);
      await recordAudit(manager, actor, {
        action: 'batch.publish',
        entityType: 'list_batch',
        entityId: batch.id,
        regionCode: batch.regionCode,
        before: { status: batch.status },
        after: { status: to, itemCount: snapshot.length, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
      });
    });
    await this.indexing.drainOutbox('batch-published');
    return this.detail(user, id);
  }

  async cancel(user: AuthenticatedUser, id: string, dto: CancelBatchDto): Promise<BatchDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const batch = await this.manageable(manager, user, id);
      const to = BATCH_LIFECYCLE.next(batch.status, 'cancel');
      await manager.update(ListBatch, { id: batch.id }, { status: to, cancelledAt: new Date(), cancelReason: dto.reason ?? null });
      await recordAudit(manager, actorOf(user), { action: 'batch.cancel', entityType: 'list_batch', entityId: batch.id, regionCode: batch.regionCode, before: { status: batch.status }, after: { status: to }, comment: dto.reason ?? null });
    });
    return this.detail(user, id);
  }

  private assertDraft(batch: ListBatch): void {
    if (batch.status !== 'draft') {
      throw new ConflictException(`清单当前状态为「${BATCH_LIFECYCLE.stateLabels[batch.status]}」，只有草稿状态的清单可以调整条目`);
    }
  }

  private async assertHasItems(manager: EntityManager, batch: ListBatch): Promise<void> {
    if ((await this.itemIds(manager, batch)).length === 0) throw new ConflictException('清单中没有条目，请先添加条目');
  }

  /** Missing, or a private batch outside the caller's jurisdiction: the same 404. */
  private async readable(manager: EntityManager, user: AuthenticatedUser | undefined, id: string, lock = false): Promise<ListBatch> {
    const batch = await manager.findOne(ListBatch, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!batch) throw new ResourceNotFound('清单', id);
    if (!PUBLIC_BATCH_STATUSES.includes(batch.status) && !coversRegion(user, batch.regionCode)) throw new ResourceNotFound('清单', id);
    return batch;
  }

  /** Row-locked for the rest of the transaction; organizers of another region may read public batches but not change them. */
  private async manageable(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<ListBatch> {
    const batch = await this.readable(manager, user, id, true);
    if (!coversRegion(user, batch.regionCode)) throw new ActionForbidden('该清单不在您的管辖范围内');
    return batch;
  }

  private async itemIds(manager: EntityManager, batch: ListBatch): Promise<string[]> {
    const rows = await manager.find(ListBatchItem, { where: { batchId: batch.id, itemType: batch.kind }, order: { position: 'ASC', addedAt: 'ASC', itemId: 'ASC' } });
    return rows.map((r) => r.itemId);
  }

  private async liveItems(manager: EntityManager, batch: ListBatch): Promise<{ items: ListBatchSnapshotItem[]; statuses: Map<string, string> }> {
    const ids = await this.itemIds(manager, batch);
    const rows = new Map((await this.loadItems(manager, batch.kind, ids)).map((r) => [r.item.id, r]));
    const items: ListBatchSnapshotItem[] = [];
    const statuses = new Map<string, string>();
    for (const itemId of ids) {
      const row = rows.get(itemId);
      if (!row) continue;
      items.push(row.snapshot());
      statuses.set(itemId, row.item.status);
    }
    return { items, statuses };
  }

  private async loadItems(manager: EntityManager, kind: ListBatchKind, ids: string[]): Promise<LoadedItem[]> {
    if (ids.length === 0) return [];
    if (kind === 'scenario') {
      const rows = await manager.find(Scenario, { where: { id: In(ids) }, relations: { organization: true } });
      return rows.map((item) => {
        const org = item.organization as Organization;
        return { kind: 'scenario', item, regionCode: item.regionCode ?? org.regionCode, snapshot: () => snapshotOfScenario(item, org) };
      });
    }
    const rows = await manager.find(Capability, { where: { id: In(ids) }, relations: { organization: true } });
    return rows.map((item) => {
      const org = item.organization as Organization;
      return { kind: 'capability', item, regionCode: item.regionCode ?? org.regionCode, snapshot: () => snapshotOfCapability(item, org) };
    });
  }

  private async previousPublished(manager: EntityManager, batch: ListBatch): Promise<{ id: string; title: string; snapshot: ListBatchSnapshotItem[] } | null> {
    const qb = manager
      .getRepository(ListBatch)
      .createQueryBuilder('b')
      .where('b.kind = :kind AND b.region_code = :region AND b.status = :status AND b.id <> :id', { kind: batch.kind, region: batch.regionCode, status: 'published', id: batch.id });
    if (batch.publishedAt) qb.andWhere('b.published_at < :at', { at: batch.publishedAt });
    const previous = await qb.orderBy('b.published_at', 'DESC').getOne();
    return previous ? { id: previous.id, title: previous.title, snapshot: previous.snapshot ?? [] } : null;
  }

  private async itemCounts(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ batch_id: string; count: number }> = await this.dataSource.query(
      `SELECT batch_id, count(*)::int AS count FROM list_batch_items WHERE batch_id = ANY($1::uuid[]) GROUP BY batch_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.batch_id, r.count]));
  }

  /** Region codes an organizer may see private batches of; 'all' for admins. */
  private jurisdictionCodes(user: AuthenticatedUser | undefined): string[] | 'all' {
    if (user?.role === 'admin') return 'all';
    if (user?.role !== 'organizer' || !user.jurisdictionRegionCode) return [];
    return codesWithin(user.jurisdictionRegionCode);
  }
}

type LoadedItem =
  | { kind: 'scenario'; item: Scenario; regionCode: string; snapshot: () => ListBatchSnapshotItem }
  | { kind: 'capability'; item: Capability; regionCode: string; snapshot: () => ListBatchSnapshotItem };

function codesWithin(regionCode: string): string[] {
  return REGIONS.filter((r) => isWithinRegion(r.code, regionCode)).map((r) => r.code);
}

function statusLabel(kind: ListBatchKind, status: string): string {
  const labels: Record<string, string> = kind === 'scenario' ? SCENARIO_STATUS_LABELS : CAPABILITY_STATUS_LABELS;
  return labels[status] ?? status;
}

function formatChinaTime(date: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
