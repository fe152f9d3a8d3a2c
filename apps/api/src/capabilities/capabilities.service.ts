import { ActionForbidden, RequestValidationFailed, ResourceNotFound, pageOf } from '@app/common';
import {
  AuditActor,
  CAPABILITY_LIFECYCLE,
  Capability,
  CapabilityAction,
  Organization,
  PUBLIC_CAPABILITY_STATUSES,
  recordAudit,
  recordNotifications,
  recordOutboxEvent,
  transitionCapability,
  usersOfOrganization,
} from '@app/database';
import { IndexingProducer, NotificationsProducer } from '@app/queue';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { containsPattern } from '../organizations/like-pattern';
import { isMemberOf, organizersOverseeing, oversees, regionCodesWithin } from '../auth/jurisdiction';
import { toAttachments } from '../attachments/attachment.dto';
import {
  CapabilityPageDto,
  CapabilityTransitionDto,
  CapabilityViewDto,
  CreateCapabilityDto,
  ListCapabilitiesQueryDto,
  UpdateCapabilityDto,
  toCapabilityView,
} from './dto/capability.dto';

/** Under review (submitted) the organizer looks at a fixed text; archived is final. */
const EDITABLE_STATUSES = ['draft', 'returned', 'verified', 'published'] as const;

const NOTICE: Partial<Record<CapabilityAction, { title: string; body: (title: string, comment?: string | null) => string }>> = {
  return: { title: '能力供给被退回修改', body: (t, c) => `您的能力供给「${t}」被主办方退回修改${c ? `：${c}` : ''}` },
  verify: { title: '能力供给已核验通过', body: (t) => `您的能力供给「${t}」已通过主办方核验，可以发布` },
  publish: { title: '能力供给已发布', body: (t) => `您的能力供给「${t}」已发布，公众可检索查看` },
};

@Injectable()
export class CapabilitiesService {
  private readonly logger = new Logger(CapabilitiesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indexing: IndexingProducer,
    private readonly notifications: NotificationsProducer,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateCapabilityDto): Promise<CapabilityViewDto> {
    // Admins pass every @Roles guard, but a capability needs a supplier organization behind it.
    if (user.role !== 'supplier') throw new ActionForbidden('只有能力供给方账号可以登记能力供给');
    checkPriceRange(dto.priceMinWan ?? null, dto.priceMaxWan ?? null);
    const { capability, supplier } = await this.dataSource.transaction(async (manager) => {
      const supplier = await manager.findOneByOrFail(Organization, { id: user.organizationId });
      if (!supplier.roles.includes('supplier')) {
        // An owner organization that starts offering capabilities becomes a supplier too (and enters the supplier index).
        await manager.query(`UPDATE organizations SET roles = array_append(roles, 'supplier') WHERE id = $1 AND NOT ('supplier' = ANY(roles))`, [supplier.id]);
        supplier.roles = [...supplier.roles, 'supplier'];
      }
      const capability = await manager.save(
        manager.create(Capability, {
          organizationId: supplier.id,
          createdBy: user.id,
          title: dto.title,
          description: dto.description ?? '',
          domains: dto.domains ?? [],
          kind: dto.kind,
          trl: dto.trl ?? null,
          regionCode: dto.regionCode ?? supplier.regionCode,
          priceMinWan: dto.priceMinWan ?? null,
          priceMaxWan: dto.priceMaxWan ?? null,
          tags: dto.tags ?? [],
          attachments: toAttachments(dto.attachments),
          status: 'draft',
          version: 1,
        }),
      );
      await recordAudit(manager, actorOf(user), {
        action: 'capability.created',
        entityType: 'capability',
        entityId: capability.id,
        regionCode: supplier.regionCode,
        after: { title: capability.title, status: capability.status },
      });
      return { capability, supplier };
    });
    return toCapabilityView(capability, supplier, this.allowedActions(user, capability, supplier));
  }

  async list(user: AuthenticatedUser | undefined, query: ListCapabilitiesQueryDto): Promise<CapabilityPageDto> {
    const qb = this.visible(user);
    if (query.mine) {
      if (!user) return pageOf([], 0, query);
      qb.andWhere('c.organization_id = :mineOrg', { mineOrg: user.organizationId });
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.organizationId) qb.andWhere('c.organization_id = :orgId', { orgId: query.organizationId });
    if (query.domain) qb.andWhere(':domain = ANY(c.domains)', { domain: query.domain });
    if (query.regionCode) qb.andWhere('COALESCE(c.region_code, o.region_code) IN (:...within)', { within: regionCodesWithin(query.regionCode) });
    if (query.q) qb.andWhere(`c.title ILIKE :q ESCAPE '\\'`, { q: containsPattern(query.q) });
    const [rows, total] = await qb
      .orderBy('c.updatedAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(
      rows.map((c) => toCapabilityView(c, c.organization as Organization, this.allowedActions(user, c, c.organization as Organization))),
      total,
      query,
    );
  }

  async get(user: AuthenticatedUser | undefined, id: string): Promise<CapabilityViewDto> {
    const capability = await this.dataSource.getRepository(Capability).findOne({ where: { id }, relations: { organization: true } });
    if (!capability || !this.mayRead(user, capability, capability.organization as Organization)) throw new ResourceNotFound('能力供给', id);
    const supplier = capability.organization as Organization;
    return toCapabilityView(capability, supplier, this.allowedActions(user, capability, supplier));
  }

  async update(user: AuthenticatedUser, id: string, dto: UpdateCapabilityDto): Promise<CapabilityViewDto> {
    const result = await this.dataSource.transaction(async (manager) => {
      const { capability, supplier } = await this.lockReadable(manager, user, id);
      if (!this.mayEdit(user, capability)) throw new ActionForbidden('只有本单位的能力供给方账号可以修改能力供给');
      if (!(EDITABLE_STATUSES as readonly string[]).includes(capability.status)) {
        throw new ConflictException(
          capability.status === 'submitted' ? '能力供给正在核验中，不能修改；如需修改请等待主办方退回' : '能力供给已归档，不能修改',
        );
      }
      const before = snapshot(capability);
      const has = (key: keyof UpdateCapabilityDto) => Object.prototype.hasOwnProperty.call(dto, key) && dto[key] !== undefined;
      const changes: Partial<Capability> = {};
      // null on a required field means "leave it", never "erase it".
      if (has('title') && dto.title !== null) changes.title = dto.title;
      if (has('description') && dto.description !== null) changes.description = dto.description;
      if (has('domains') && dto.domains !== null) changes.domains = dto.domains;
      if (has('kind') && dto.kind !== null) changes.kind = dto.kind;
      if (has('tags') && dto.tags !== null) changes.tags = dto.tags;
      if (has('attachments') && dto.attachments !== null) changes.attachments = toAttachments(dto.attachments);
      if (has('trl') || dto.trl === null) changes.trl = dto.trl ?? null;
      if (has('regionCode') || dto.regionCode === null) changes.regionCode = dto.regionCode ?? supplier.regionCode;
      if (has('priceMinWan') || dto.priceMinWan === null) changes.priceMinWan = dto.priceMinWan ?? null;
      if (has('priceMaxWan') || dto.priceMaxWan === null) changes.priceMaxWan = dto.priceMaxWan ?? null;
      checkPriceRange(changes.priceMinWan !== undefined ? changes.priceMinWan : capability.priceMinWan, changes.priceMaxWan !== undefined ? changes.priceMaxWan : capability.priceMaxWan);
      if (Object.keys(changes).length === 0) return { capability, supplier, published: false };
      changes.version = capability.version + 1;
      await manager.update(Capability, { id }, changes);
      Object.assign(capability, changes);
      await recordAudit(manager, actorOf(user), {
        action: 'capability.updated',
        entityType: 'capability',
        entityId: id,
        regionCode: supplier.regionCode,
        before: pick(before, Object.keys(changes)),
        after: pick(snapshot(capability), Object.keys(changes)),
      });
      const published = PUBLIC_CAPABILITY_STATUSES.includes(capability.status);
      if (published) await recordOutboxEvent(manager, 'capability', id, 'updated');
      return { capability: await manager.findOneByOrFail(Capability, { id }), supplier, published };
    });
    if (result.published) await this.drainOutbox('capability.updated');
    return toCapabilityView(result.capability, result.supplier, this.allowedActions(user, result.capability, result.supplier));
  }

  async transition(user: AuthenticatedUser, id: string, action: CapabilityAction, dto: CapabilityTransitionDto): Promise<CapabilityViewDto> {
    const comment = dto?.comment?.trim() || null;
    if (action === 'return' && !comment) {
      throw new RequestValidationFailed([{ field: 'comment', messages: ['退回修改时必须填写意见'] }]);
    }
    const result = await this.dataSource.transaction(async (manager) => {
      const { capability, supplier } = await this.lockReadable(manager, user, id);
      if (!this.mayTrigger(user, action, capability, supplier)) {
        throw new ActionForbidden(`当前账号无权对该能力供给执行「${CAPABILITY_LIFECYCLE.transitions[action].label}」`);
      }
      const wasPublic = PUBLIC_CAPABILITY_STATUSES.includes(capability.status);
      await transitionCapability(manager, capability, action, actorOf(user), { comment });
      const notificationIds = await this.notify(manager, user, action, capability, supplier, comment);
      const touchesIndex = wasPublic || PUBLIC_CAPABILITY_STATUSES.includes(capability.status);
      return { capability: await manager.findOneByOrFail(Capability, { id }), supplier, notificationIds, touchesIndex };
    });
    if (result.touchesIndex) await this.drainOutbox(`capability.${action}`);
    await this.notifications.deliverByEmail(result.notificationIds).catch((error: unknown) => this.logger.warn({ err: error }, 'E-mail enqueue failed'));
    return toCapabilityView(result.capability, result.supplier, this.allowedActions(user, result.capability, result.supplier));
  }

  /** What the caller may read: published for all, the own organization's for its members, the jurisdiction for organizers. */
  private visible(user: AuthenticatedUser | undefined): SelectQueryBuilder<Capability> {
    const qb = this.dataSource.getRepository(Capability).createQueryBuilder('c').innerJoinAndSelect('c.organization', 'o');
    if (user?.role === 'admin') return qb;
    return qb.where(
      new Brackets((w) => {
        w.where('c.status IN (:...publicStatuses)', { publicStatuses: PUBLIC_CAPABILITY_STATUSES });
        if (!user) return;
        w.orWhere('c.organization_id = :ownOrg', { ownOrg: user.organizationId });
        if (user.role === 'organizer' && user.jurisdictionRegionCode) {
          w.orWhere('o.region_code IN (:...jurisdiction)', { jurisdiction: regionCodesWithin(user.jurisdictionRegionCode) });
        }
      }),
    );
  }

  private mayRead(user: AuthenticatedUser | undefined, capability: Capability, supplier: Organization): boolean {
    return PUBLIC_CAPABILITY_STATUSES.includes(capability.status) || isMemberOf(user, capability.organizationId) || oversees(user, supplier.regionCode);
  }

  private mayEdit(user: AuthenticatedUser | undefined, capability: Capability): boolean {
    return !!user && (user.role === 'admin' || (user.role === 'supplier' && isMemberOf(user, capability.organizationId)));
  }

  /** Suppliers act on their own organization's capabilities, organizers on those within their jurisdiction. */
  private mayTrigger(user: AuthenticatedUser | undefined, action: CapabilityAction, capability: Capability, supplier: Organization): boolean {
    if (!user) return false;
    if (user.role === 'admin') return true;
    if (!CAPABILITY_LIFECYCLE.roleMayTrigger(action, user.role)) return false;
    if (user.role === 'supplier') return isMemberOf(user, capability.organizationId);
    if (user.role === 'organizer') return oversees(user, supplier.regionCode);
    return false;
  }

  private allowedActions(user: AuthenticatedUser | undefined, capability: Capability, supplier: Organization): CapabilityAction[] {
    return CAPABILITY_LIFECYCLE.allowedActions(capability.status).filter((action) => this.mayTrigger(user, action, capability, supplier));
  }

  /** Row-locks the capability so concurrent edits and transitions serialize; unreadable ones are 404. */
  private async lockReadable(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<{ capability: Capability; supplier: Organization }> {
    const capability = await manager.findOne(Capability, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const supplier = capability ? await manager.findOneBy(Organization, { id: capability.organizationId }) : null;
    if (!capability || !supplier || !this.mayRead(user, capability, supplier)) throw new ResourceNotFound('能力供给', id);
    return { capability, supplier };
  }

  private async notify(
    manager: EntityManager,
    user: AuthenticatedUser,
    action: CapabilityAction,
    capability: Capability,
    supplier: Organization,
    comment: string | null,
  ): Promise<string[]> {
    const link = `/capabilities/${capability.id}`;
    if (action === 'submit') {
      const organizers = await organizersOverseeing(manager, supplier.regionCode);
      return recordNotifications(manager, organizers, {
        kind: 'capability.submitted',
        title: '有新的能力供给待核验',
        body: `「${supplier.name}」提交了能力供给「${capability.title}」，请核验`,
        link,
      });
    }
    const notice = NOTICE[action];
    if (!notice) return [];
    const suppliers = (await usersOfOrganization(manager, supplier.id, ['supplier'])).filter((id) => id !== user.id);
    return recordNotifications(manager, suppliers, {
      kind: `capability.${action}`,
      title: notice.title,
      body: notice.body(capability.title, comment),
      link,
    });
  }

  private async drainOutbox(reason: string): Promise<void> {
    // The sweep catches it later if Redis is briefly away; the write itself is already committed.
    await this.indexing.drainOutbox(reason).catch((error: unknown) => this.logger.warn({ err: error }, 'Outbox drain enqueue failed'));
  }
}

function actorOf(user: AuthenticatedUser): AuditActor {
  return { userId: user.id, role: user.role };
}

function checkPriceRange(min: number | null, max: number | null): void {
  if (min !== null && max !== null && min > max) {
    throw new RequestValidationFailed([{ field: 'priceMaxWan', messages: ['报价上限不能低于报价下限'] }]);
  }
}

function snapshot(c: Capability): Record<string, unknown> {
  return {
    title: c.title,
    description: c.description,
    domains: c.domains,
    kind: c.kind,
    trl: c.trl,
    regionCode: c.regionCode,
    priceMinWan: c.priceMinWan,
    priceMaxWan: c.priceMaxWan,
    tags: c.tags,
    attachments: c.attachments,
    version: c.version,
  };
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}
