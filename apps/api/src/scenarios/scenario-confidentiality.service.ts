import { ActionForbidden } from '@app/common';
import { Organization, Scenario, ScenarioConfidentialityAcceptance, ScenarioDetailView } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { CONFIDENTIALITY_TERMS_VERSION } from './dto/scenario-request.dto';
import {
  CONFIDENTIALITY_TERMS_TEXT,
  ConfidentialityAcceptanceResponseDto,
  ConfidentialityStatusDto,
  DetailLevel,
  ScenarioViewerPageDto,
} from './dto/scenario-response.dto';
import { isPrivateRelation, loadScenario, ScenarioRelation } from './scenario-access';
import { PageQueryDto } from '@app/common';

export interface PublicDetailAccess {
  level: DetailLevel;
  confidentiality: ConfidentialityStatusDto;
}

/**
 * 分级保密: the public sees a summary; the full text goes only to logged-in suppliers whose organization an
 * organizer verified and who accepted this scenario's terms. Each such full view is logged for the owner.
 */
@Injectable()
export class ScenarioConfidentialityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publicAccess(manager: EntityManager, user: AuthenticatedUser | undefined, scenario: Scenario): Promise<PublicDetailAccess> {
    const status: ConfidentialityStatusDto = {
      termsVersion: CONFIDENTIALITY_TERMS_VERSION,
      terms: CONFIDENTIALITY_TERMS_TEXT,
      accepted: false,
      acceptedAt: null,
      organizationVerified: false,
    };
    if (!user) return { level: 'summary', confidentiality: status };
    const [org, acceptance] = await Promise.all([
      manager.findOne(Organization, { select: { id: true, verifiedAt: true }, where: { id: user.organizationId } }),
      manager.findOne(ScenarioConfidentialityAcceptance, {
        where: { scenarioId: scenario.id, userId: user.id, termsVersion: CONFIDENTIALITY_TERMS_VERSION },
      }),
    ]);
    status.organizationVerified = !!org?.verifiedAt;
    status.accepted = !!acceptance;
    status.acceptedAt = acceptance?.acceptedAt.toISOString() ?? null;
    const full = user.role === 'supplier' && status.organizationVerified && status.accepted;
    return { level: full ? 'full' : 'summary', confidentiality: status };
  }

  async recordView(manager: EntityManager, user: AuthenticatedUser, scenarioId: string): Promise<void> {
    await manager.insert(ScenarioDetailView, { scenarioId, userId: user.id, organizationId: user.organizationId });
  }

  async accept(user: AuthenticatedUser, scenarioId: string): Promise<ConfidentialityAcceptanceResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const { relation } = await loadScenario(manager, scenarioId, user);
      if (user.role !== 'supplier' || isPrivateRelation(relation)) throw new ActionForbidden('仅能力供给方账号需要接受场景保密条款');
      const org = await manager.findOne(Organization, { select: { id: true, verifiedAt: true }, where: { id: user.organizationId } });
      if (!org?.verifiedAt) throw new ActionForbidden('所在单位尚未通过主办方认证，认证后方可查看场景全文');
      // A repeated click keeps the first acceptance time: that is when the obligation began.
      await manager.query(
        `INSERT INTO scenario_confidentiality_acceptances (scenario_id, user_id, organization_id, terms_version)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (scenario_id, user_id) DO UPDATE SET terms_version = EXCLUDED.terms_version,
           accepted_at = CASE WHEN scenario_confidentiality_acceptances.terms_version = EXCLUDED.terms_version
                              THEN scenario_confidentiality_acceptances.accepted_at ELSE now() END`,
        [scenarioId, user.id, user.organizationId, CONFIDENTIALITY_TERMS_VERSION],
      );
      const row = await manager.findOneOrFail(ScenarioConfidentialityAcceptance, { where: { scenarioId, userId: user.id } });
      return { scenarioId, termsVersion: row.termsVersion, acceptedAt: row.acceptedAt.toISOString() };
    });
  }

  async viewers(user: AuthenticatedUser, scenarioId: string, query: PageQueryDto): Promise<ScenarioViewerPageDto> {
    const manager = this.dataSource.manager;
    const { relation } = await loadScenario(manager, scenarioId, user);
    assertOwnerSide(relation);
    const [rows, countRows] = await Promise.all([
      manager.query(
        `SELECT v.user_id, u.display_name, v.organization_id, o.name AS organization_name, v.viewed_at
           FROM scenario_detail_views v JOIN users u ON u.id = v.user_id JOIN organizations o ON o.id = v.organization_id
          WHERE v.scenario_id = $1 ORDER BY v.viewed_at DESC, v.id DESC LIMIT $2 OFFSET $3`,
        [scenarioId, query.pageSize, (query.page - 1) * query.pageSize],
      ) as Promise<Array<{ user_id: string; display_name: string; organization_id: string; organization_name: string; viewed_at: Date }>>,
      manager.query(`SELECT count(*)::int AS total FROM scenario_detail_views WHERE scenario_id = $1`, [scenarioId]) as Promise<
        Array<{ total: number }>
      >,
    ]);
    return {
      items: rows.map((r) => ({
        userId: r.user_id,
        userName: r.display_name,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        viewedAt: new Date(r.viewed_at).toISOString(),
      })),
      page: query.page,
      pageSize: query.pageSize,
      total: countRows[0]?.total ?? 0,
    };
  }
}

function assertOwnerSide(relation: ScenarioRelation): void {
  if (!isPrivateRelation(relation)) throw new ActionForbidden('仅场景业主方和主办方可查看浏览记录');
}
