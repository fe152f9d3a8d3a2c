import { ActionForbidden, FieldError, RequestValidationFailed, ResourceNotFound, pageOf } from '@app/common';
import { Capability, Organization, PUBLIC_CAPABILITY_STATUSES, User, recordAudit, recordNotifications, recordOutboxEvent, usersOfOrganization } from '@app/database';
import { IndexingProducer, NotificationsProducer } from '@app/queue';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { chinaToday } from './dto/organization-summary.dto';
import {
  ListOrganizationsQueryDto,
  OrganizationMemberDto,
  OrganizationPageDto,
  OrganizationProfileDto,
  UpdateOrganizationProfileDto,
  toOrganizationListItem,
  toOrganizationMember,
  toOrganizationProfile,
} from './dto/organization.dto';
import { isMemberOf, oversees, regionCodesWithin } from '../auth/jurisdiction';
import { containsPattern } from './like-pattern';

/** A supplier becomes publicly visible once it has something published; owners stay private (anonymous scenarios). */
const HAS_PUBLISHED_CAPABILITY = `EXISTS (SELECT 1 FROM capabilities pc WHERE pc.organization_id = o.id AND pc.status IN ('published'))`;

@Injectable()
export class OrganizationsService {
  private readonly logger = new Logger(OrganizationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indexing: IndexingProducer,
    private readonly notifications: NotificationsProducer,
  ) {}

  async list(user: AuthenticatedUser | undefined, query: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (user?.role !== 'admin') {
      qb.where(
        new Brackets((w) => {
          w.where(HAS_PUBLISHED_CAPABILITY);
          if (!user) return;
          w.orWhere('o.id = :ownOrg', { ownOrg: user.organizationId });
          if (user.role === 'organizer' && user.jurisdictionRegionCode) {
            w.orWhere('o.region_code IN (:...jurisdiction)', { jurisdiction: regionCodesWithin(user.jurisdictionRegionCode) });
          }
        }),
      );
    }
    if (query.q) qb.andWhere(`o.name ILIKE :q ESCAPE '\\'`, { q: containsPattern(query.q) });
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.regionCode) qb.andWhere('o.region_code IN (:...within)', { within: regionCodesWithin(query.regionCode) });
    if (query.domain) qb.andWhere(':domain = ANY(o.domains)', { domain: query.domain });
    if (query.qualification) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM jsonb_array_elements(o.qualifications) q WHERE q->>'name' = :qualification AND (q->>'validTo' IS NULL OR q->>'validTo' >= :today))`,
        { qualification: query.qualification, today: chinaToday() },
      );
    }
    if (query.verified !== undefined) qb.andWhere(query.verified ? 'o.verified_at IS NOT NULL' : 'o.verified_at IS NULL');
    const [rows, total] = await qb
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const counts = await this.publishedCounts(rows.map((r) => r.id));
    return pageOf(rows.map((o) => toOrganizationListItem(o, counts.get(o.id) ?? 0)), total, query);
  }

  async get(user: AuthenticatedUser | undefined, id: string): Promise<OrganizationProfileDto> {
    const manager = this.dataSource.manager;
    const org = await manager.findOneBy(Organization, { id });
    if (!org || !(await this.mayRead(manager, user, org))) throw new ResourceNotFound('单位', id);
    return toOrganizationProfile(org, await this.publishedCapabilities(manager, id));
  }

  async members(user: AuthenticatedUser, id: string): Promise<OrganizationMemberDto[]> {
    const org = await this.dataSource.manager.findOneBy(Organization, { id });
    if (!org || !(isMemberOf(user, id) || oversees(user, org.regionCode))) throw new ResourceNotFound('单位', id);
    const users = await this.dataSource.getRepository(User).find({ where: { organizationId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return users.map(toOrganizationMember);
  }

  async updateProfile(user: AuthenticatedUser, id: string, dto: UpdateOrganizationProfileDto): Promise<OrganizationProfileDto> {
    checkQualificationDates(dto);
    const result = await this.dataSource.transaction(async (manager) => {
      const org = await this.lockReadable(manager, user, id);
      const mayEdit = user.role === 'admin' || (isMemberOf(user, id) && (user.role === 'owner' || user.role === 'supplier'));
      if (!mayEdit) throw new ActionForbidden('只有本单位的业主方或供给方账号可以修改单位画像');
      const changes: Partial<Organization> = {};
      if (dto.domains !== undefined && dto.domains !== null) changes.domains = dto.domains;
      if (dto.qualifications !== undefined && dto.qualifications !== null) {
        changes.qualifications = dto.qualifications.map((q) => ({ name: q.name, validFrom: q.validFrom ?? null, validTo: q.validTo ?? null }));
      }
      if (dto.cases !== undefined && dto.cases !== null) {
        changes.cases = dto.cases.map((c) => ({ title: c.title.trim(), client: c.client ?? null, year: c.year ?? null, summary: c.summary ?? null }));
      }
      if ('size' in dto && dto.size !== undefined) changes.size = dto.size ?? null;
      if ('description' in dto && dto.description !== undefined) changes.description = dto.description ?? null;
      const keys = Object.keys(changes) as Array<keyof Organization>;
      if (keys.length === 0) return { org, indexed: false };
      const before = Object.fromEntries(keys.map((k) => [k, org[k]]));
      await manager.update(Organization, { id }, changes);
      Object.assign(org, changes);
      await recordAudit(manager, { userId: user.id, role: user.role }, {
        action: 'organization.profile_updated',
        entityType: 'organization',
        entityId: id,
        regionCode: org.regionCode,
        before,
        after: Object.fromEntries(keys.map((k) => [k, org[k]])),
      });
      // Capability documents embed the supplier's qualifications and case count, so they follow the profile.
      await recordOutboxEvent(manager, 'organization', id, 'profile_updated');
      const published = await manager.find(Capability, { select: { id: true }, where: { organizationId: id, status: In([...PUBLIC_CAPABILITY_STATUSES]) } });
      for (const capability of published) await recordOutboxEvent(manager, 'capability', capability.id, 'supplier_updated');
      return { org: await manager.findOneByOrFail(Organization, { id }), indexed: true };
    });
    if (result.indexed) {
      await this.indexing.drainOutbox('organization.profile_updated').catch((error: unknown) => this.logger.warn({ err: error }, 'Outbox drain enqueue failed'));
    }
    return toOrganizationProfile(result.org, await this.publishedCapabilities(this.dataSource.manager, id));
  }

  async verify(user: AuthenticatedUser, id: string, comment?: string | null): Promise<OrganizationProfileDto> {
    const { org, notificationIds } = await this.dataSource.transaction(async (manager) => {
      const org = await this.lockReadable(manager, user, id);
      if (!oversees(user, org.regionCode)) throw new ActionForbidden('只有该单位所在辖区的主办方可以核验');
      if (org.verifiedAt) throw new ConflictException(`该单位已于 ${org.verifiedAt.toISOString().slice(0, 10)} 核验，无需重复核验`);
      const verifiedAt = new Date();
      await manager.update(Organization, { id }, { verifiedAt });
      org.verifiedAt = verifiedAt;
      await recordAudit(manager, { userId: user.id, role: user.role }, {
        action: 'organization.verified',
        entityType: 'organization',
        entityId: id,
        regionCode: org.regionCode,
        before: { verifiedAt: null },
        after: { verifiedAt: verifiedAt.toISOString() },
        comment: comment ?? null,
      });
      const notificationIds = await recordNotifications(manager, await usersOfOrganization(manager, id), {
        kind: 'organization.verified',
        title: '单位信息已通过核验',
        body: `「${org.name}」的单位信息已通过主办方核验，能力供给将显示“已核验”标识`,
        link: `/organizations/${id}`,
        dedupeKey: `organization.verified:${id}`,
      });
      return { org, notificationIds };
    });
    await this.notifications.deliverByEmail(notificationIds).catch((error: unknown) => this.logger.warn({ err: error }, 'E-mail enqueue failed'));
    return toOrganizationProfile(org, await this.publishedCapabilities(this.dataSource.manager, id));
  }

  private async mayRead(manager: EntityManager, user: AuthenticatedUser | undefined, org: Organization): Promise<boolean> {
    if (isMemberOf(user, org.id) || oversees(user, org.regionCode)) return true;
    return manager.exists(Capability, { where: { organizationId: org.id, status: In([...PUBLIC_CAPABILITY_STATUSES]) } });
  }

  private async lockReadable(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<Organization> {
    const org = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!org || !(await this.mayRead(manager, user, org))) throw new ResourceNotFound('单位', id);
    return org;
  }

  private publishedCapabilities(manager: EntityManager, organizationId: string): Promise<Capability[]> {
    return manager.find(Capability, {
      where: { organizationId, status: In([...PUBLIC_CAPABILITY_STATUSES]) },
      order: { publishedAt: 'DESC', id: 'ASC' },
      take: 100,
    });
  }

  private async publishedCounts(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ organization_id: string; n: number }> = await this.dataSource.query(
      `SELECT organization_id, count(*)::int AS n FROM capabilities WHERE organization_id = ANY($1::uuid[]) AND status = ANY($2::text[]) GROUP BY organization_id`,
      [ids, PUBLIC_CAPABILITY_STATUSES],
    );
    return new Map(rows.map((r) => [r.organization_id, r.n]));
  }
}

function checkQualificationDates(dto: UpdateOrganizationProfileDto): void {
  const errors: FieldError[] = [];
  (dto.qualifications ?? []).forEach((q, i) => {
    if (q.validFrom && q.validTo && q.validFrom > q.validTo) errors.push({ field: `qualifications[${i}].validTo`, messages: ['有效期至不能早于生效日期'] });
  });
  if (errors.length) throw new RequestValidationFailed(errors);
}
