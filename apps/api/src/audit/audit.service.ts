import { pageOf } from '@app/common';
import { AuditEntry, User } from '@app/database';
import { isWithinRegion, REGIONS } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { AuditPageDto, ListAuditQueryDto, toAuditEntryResponse } from './audit.dto';

/** Read side of the audit trail: organizers read their jurisdiction (by the record's region), admins all. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(user: AuthenticatedUser, query: ListAuditQueryDto): Promise<AuditPageDto> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEntry, 'a');
    if (user.role !== 'admin') {
      const jurisdiction = user.jurisdictionRegionCode;
      const codes = jurisdiction ? REGIONS.filter((r) => isWithinRegion(r.code, jurisdiction)).map((r) => r.code) : [];
      // Entries without a region (account events and the like) belong to no jurisdiction: admins only.
      qb.andWhere('a.region_code IN (:...codes)', { codes: codes.length ? codes : ['-'] });
      // Drafts are the owner's private notes: their history opens to organizers once first submitted.
      qb.andWhere(
        `NOT (a.entity_type = 'scenario' AND EXISTS (SELECT 1 FROM scenarios s WHERE s.id::text = a.entity_id AND s.submitted_at IS NULL))`,
      );
    }
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.action) {
      if (query.action.endsWith('.')) qb.andWhere('a.action LIKE :prefix', { prefix: `${query.action}%` });
      else qb.andWhere('a.action = :action', { action: query.action });
    }
    if (query.from) qb.andWhere('a.created_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.created_at < :to', { to: new Date(query.to) });
    qb.orderBy('a.created_at', 'DESC').addOrderBy('a.id', 'DESC');
    qb.skip((query.page - 1) * query.pageSize).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((x): x is string => !!x))];
    const actors = new Map(
      (actorIds.length
        ? await this.dataSource.manager.find(User, { select: { id: true, displayName: true }, where: { id: In(actorIds) } })
        : []
      ).map((u) => [u.id, u.displayName]),
    );
    return pageOf(
      rows.map((r) => toAuditEntryResponse(r, r.actorUserId ? (actors.get(r.actorUserId) ?? null) : null)),
      total,
      query,
    );
  }
}
