import { ActionForbidden, pageOf, ResourceNotFound } from '@app/common';
import {
  Challenge,
  ChallengeApplication,
  ChallengeApplicationMember,
  ChallengeExpertConflict,
  ChallengeResult,
  ChallengeReviewAssignment,
  ExpertProfile,
  Organization,
  PUBLIC_CHALLENGE_STATUSES,
  recordAudit,
  recordNotifications,
  User,
} from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { assertChallengeVisible, assertManages, ChallengeConflict, lockChallenge, managesChallenge } from './challenge-access';
import { actor, ChallengesService } from './challenges.service';
import { applicationCode } from './dto/application.dto';
import { ChallengeResponseDto, ListChallengesQueryDto, toChallengeResponse } from './dto/challenge.dto';
import {
  ConflictResponseDto,
  DeclareConflictDto,
  DeclaredConflictDto,
  DeclaredConflictListDto,
  ExpertAssignmentListDto,
  ExpertAssignmentResponseDto,
  ExpertProfileResponseDto,
  ExpertTaskPageDto,
  ChallengeRankingDto,
  ReviewOverviewDto,
  SubmitScoresDto,
  UpsertExpertProfileDto,
} from './dto/review.dto';
import { assignExperts, AssignmentExpert } from './review/expert-assignment';
import { rankApplications, weightedTotal } from './review/score-aggregation';

export const TIE_BREAK_RULE =
  '按最终得分（5 名及以上专家时去掉一个最高分和一个最低分后取平均）从高到低；得分相同时比较权重最高评分项的平均分，再相同时先提交者优先';

@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly challenges: ChallengesService,
    private readonly notifications: NotificationsProducer,
  ) {}

  async upsertProfile(user: AuthenticatedUser, dto: UpsertExpertProfileDto): Promise<ExpertProfileResponseDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有专家账号可以维护专家库信息');
    return this.dataSource.transaction(async (m) => {
      await m.upsert(ExpertProfile, { userId: user.id, domains: dto.domains, title: dto.title ?? null, active: dto.active ?? true }, [
        'userId',
      ]);
      await recordAudit(m, actor(user), {
        action: 'expert_profile.upsert',
        entityType: 'expert_profile',
        entityId: user.id,
        after: { domains: dto.domains, active: dto.active ?? true },
      });
      const p = await m.findOneByOrFail(ExpertProfile, { userId: user.id });
      return { userId: p.userId, domains: p.domains, title: p.title, active: p.active };
    });
  }

  async getProfile(user: AuthenticatedUser): Promise<ExpertProfileResponseDto> {
    const p = await this.dataSource.getRepository(ExpertProfile).findOneBy({ userId: user.id });
    if (!p) throw new ResourceNotFound('专家信息');
    return { userId: p.userId, domains: p.domains, title: p.title, active: p.active };
  }

  /** closed → reviewing: every submitted application must have had its formal check; experts are seated now. */
  async startReview(user: AuthenticatedUser, id: string): Promise<ChallengeResponseDto> {
    const notified: string[] = [];
    const challenge = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      const pending = await m.countBy(ChallengeApplication, { challengeId: id, status: 'submitted' });
      if (c.status === 'closed' && pending > 0) throw new ChallengeConflict(`还有 ${pending} 份申报未完成形式审查`);
      const passed = await m.countBy(ChallengeApplication, { challengeId: id, status: 'passed' });
      if (c.status === 'closed' && passed === 0) throw new ChallengeConflict('没有通过形式审查的申报，无法启动评审');
      await this.challenges.transition(m, c, 'startReview', user);
      notified.push(...(await this.fillAssignments(m, c, user, true)));
      return c;
    });
    await this.notifications.deliverByEmail(notified);
    return toChallengeResponse(challenge);
  }

  /** Re-runs the assignment for gaps (e.g. after a declared conflict removed an expert). */
  async topUpAssignments(user: AuthenticatedUser, id: string): Promise<ReviewOverviewDto> {
    const notified = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      if (c.status !== 'reviewing') throw new ChallengeConflict('只有评审中的榜单可以补充分配专家');
      return this.fillAssignments(m, c, user, true);
    });
    await this.notifications.deliverByEmail(notified);
    return this.overview(user, id);
  }

  async declareConflict(user: AuthenticatedUser, id: string, dto: DeclareConflictDto): Promise<ConflictResponseDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有专家可以申报回避');
    if (!dto.applicationId && !dto.organizationId)
      throw new BadRequestException('请指明回避的申报（applicationId）或单位（organizationId）');
    const notified: string[] = [];
    const result = await this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, id), id);
      if (!['published', 'open', 'closed', 'reviewing'].includes(c.status)) throw new ChallengeConflict('评审已结束，不能再申报回避');
      if (dto.applicationId && !(await m.existsBy(ChallengeApplication, { id: dto.applicationId, challengeId: id })))
        throw new ResourceNotFound('揭榜申报', dto.applicationId);
      if (dto.organizationId && !(await m.existsBy(Organization, { id: dto.organizationId })))
        throw new ResourceNotFound('单位', dto.organizationId);
      const conflict = await m.save(
        m.create(ChallengeExpertConflict, {
          challengeId: id,
          expertUserId: user.id,
          applicationId: dto.applicationId ?? null,
          organizationId: dto.organizationId ?? null,
          reason: dto.reason,
        }),
      );
      let removed = 0;
      if (c.status === 'reviewing') {
        const mine = await m.find(ChallengeReviewAssignment, { where: { challengeId: id, expertUserId: user.id, submittedAt: IsNull() } });
        const orgsByApp = await applicationOrganizations(
          m,
          mine.map((a) => a.applicationId),
        );
        const hit = mine.filter(
          (a) =>
            a.applicationId === dto.applicationId || (dto.organizationId && orgsByApp.get(a.applicationId)?.includes(dto.organizationId)),
        );
        if (hit.length) await m.delete(ChallengeReviewAssignment, { id: In(hit.map((a) => a.id)) });
        removed = hit.length;
        if (removed) notified.push(...(await this.fillAssignments(m, c, user, false)));
      }
      await recordAudit(m, actor(user), {
        action: 'challenge.declare_conflict',
        entityType: 'challenge',
        entityId: id,
        regionCode: c.regionCode,
        after: { applicationId: dto.applicationId ?? null, organizationId: dto.organizationId ?? null, removedAssignments: removed },
        comment: dto.reason,
      });
      return {
        id: conflict.id,
        applicationId: conflict.applicationId,
        organizationId: conflict.organizationId,
        reason: conflict.reason,
        removedAssignments: removed,
      };
    });
    await this.notifications.deliverByEmail(notified);
    return result;
  }

  /** The caller's own declarations: a declared application leaves their task list, so the workspace shows it from here. */
  async myConflicts(user: AuthenticatedUser, id: string): Promise<DeclaredConflictListDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有评审专家可以查看回避申报');
    const m = this.dataSource.manager;
    assertChallengeVisible(user, await m.findOneBy(Challenge, { id }), id);
    const conflicts = await m.find(ChallengeExpertConflict, { where: { challengeId: id, expertUserId: user.id }, order: { createdAt: 'ASC' } });
    const appIds = conflicts.map((c) => c.applicationId).filter((x): x is string => !!x);
    const apps = appIds.length ? await m.findBy(ChallengeApplication, { id: In(appIds) }) : [];
    return { items: conflicts.map((c) => toDeclaredConflict(c, apps)) };
  }

  /** The expert-facing view. Under blind review nothing identifying the applicant is selected at all. */
  async myAssignments(user: AuthenticatedUser, id: string): Promise<ExpertAssignmentListDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有评审专家可以查看评审任务');
    const m = this.dataSource.manager;
    const c = assertChallengeVisible(user, await m.findOneBy(Challenge, { id }), id);
    const assignments = await m.find(ChallengeReviewAssignment, {
      where: { challengeId: id, expertUserId: user.id },
      order: { createdAt: 'ASC' },
    });
    const applications = await m.findBy(ChallengeApplication, { id: In(assignments.map((a) => a.applicationId)) });
    const identities = c.blindReview
      ? null
      : await applicationOrganizationNames(
          m,
          applications.map((a) => a.id),
        );
    return {
      items: assignments.map((a) => {
        const app = applications.find((x) => x.id === a.applicationId)!;
        return toExpertAssignment(c, app, a, identities?.get(app.id) ?? null);
      }),
    };
  }

  /**
   * The calls in which I have review assignments or declared conflicts, each with both, latest deadline first: the
   * expert workspace in one request instead of two per call. Same content and blind-review rule as `myAssignments`
   * and `myConflicts`.
   */
  async myTasks(user: AuthenticatedUser, query: ListChallengesQueryDto): Promise<ExpertTaskPageDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有评审专家可以查看评审任务');
    const m = this.dataSource.manager;
    const qb = m
      .createQueryBuilder(Challenge, 'c')
      .where('c.status IN (:...visible)', { visible: [...PUBLIC_CHALLENGE_STATUSES] })
      .andWhere(
        `(EXISTS (SELECT 1 FROM challenge_review_assignments x WHERE x.challenge_id = c.id AND x.expert_user_id = :me)
          OR EXISTS (SELECT 1 FROM challenge_expert_conflicts x WHERE x.challenge_id = c.id AND x.expert_user_id = :me))`,
        { me: user.id },
      );
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    const [calls, total] = await qb
      .orderBy('c.closes_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    if (!calls.length) return pageOf([], total, query);
    const mine = { challengeId: In(calls.map((c) => c.id)), expertUserId: user.id };
    const assignments = await m.find(ChallengeReviewAssignment, { where: mine, order: { createdAt: 'ASC' } });
    const conflicts = await m.find(ChallengeExpertConflict, { where: mine, order: { createdAt: 'ASC' } });
    const applicationIds = [...assignments.map((a) => a.applicationId), ...conflicts.map((x) => x.applicationId).filter((x): x is string => !!x)];
    const applications = new Map((applicationIds.length ? await m.findBy(ChallengeApplication, { id: In(applicationIds) }) : []).map((a) => [a.id, a]));
    const openCalls = new Set(calls.filter((c) => !c.blindReview).map((c) => c.id));
    const identities = await applicationOrganizationNames(
      m,
      assignments.filter((a) => openCalls.has(a.challengeId)).map((a) => a.applicationId),
    );
    return pageOf(
      calls.map((c) => ({
        challenge: toChallengeResponse(c),
        assignments: assignments
          .filter((a) => a.challengeId === c.id)
          .map((a) => toExpertAssignment(c, applications.get(a.applicationId)!, a, identities.get(a.applicationId) ?? null)),
        conflicts: conflicts.filter((x) => x.challengeId === c.id).map((x) => toDeclaredConflict(x, [...applications.values()])),
      })),
      total,
      query,
    );
  }

  async submitScores(
    user: AuthenticatedUser,
    id: string,
    assignmentId: string,
    dto: SubmitScoresDto,
  ): Promise<ExpertAssignmentResponseDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有评审专家可以评分');
    return this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, id), id);
      const assignment = await m.findOneBy(ChallengeReviewAssignment, { id: assignmentId, challengeId: id, expertUserId: user.id });
      if (!assignment) throw new ResourceNotFound('评审任务', assignmentId);
      if (c.status !== 'reviewing') throw new ChallengeConflict('榜单不在评审阶段，不能评分');
      if (assignment.submittedAt) throw new ChallengeConflict('评分已提交，不能修改');
      const keys = dto.scores.map((s) => s.criterionKey);
      const missing = c.rubric.filter((r) => !keys.includes(r.key));
      if (missing.length) throw new BadRequestException(`请为每个评分项打分，缺少：${missing.map((r) => r.name).join('、')}`);
      if (keys.length !== c.rubric.length || new Set(keys).size !== keys.length) throw new BadRequestException('评分项不匹配或重复');
      assignment.scores = dto.scores;
      assignment.weightedTotal = weightedTotal(c.rubric, dto.scores);
      assignment.submittedAt = new Date();
      await m.save(assignment);
      await recordAudit(m, actor(user), {
        action: 'challenge.review_submit',
        entityType: 'challenge_review_assignment',
        entityId: assignment.id,
        regionCode: c.regionCode,
        after: { applicationId: assignment.applicationId, weightedTotal: assignment.weightedTotal },
      });
      await this.aggregateIfComplete(m, c);
      const app = await m.findOneByOrFail(ChallengeApplication, { id: assignment.applicationId });
      const identity = c.blindReview ? null : ((await applicationOrganizationNames(m, [app.id])).get(app.id) ?? null);
      return toExpertAssignment(c, app, assignment, identity);
    });
  }

  async overview(user: AuthenticatedUser, id: string): Promise<ReviewOverviewDto> {
    const m = this.dataSource.manager;
    const c = assertManages(user, await m.findOneBy(Challenge, { id }), id);
    const assignments = await m.find(ChallengeReviewAssignment, { where: { challengeId: c.id }, order: { createdAt: 'ASC' } });
    const apps = await m.findBy(ChallengeApplication, { id: In(assignments.map((a) => a.applicationId)) });
    const experts = await m.findBy(User, { id: In(assignments.map((a) => a.expertUserId)) });
    const aggregated = (await m.countBy(ChallengeResult, { challengeId: id })) > 0;
    return {
      assignments: assignments.map((a) => ({
        assignmentId: a.id,
        applicationId: a.applicationId,
        applicationCode: applicationCode(apps.find((x) => x.id === a.applicationId)!.seq),
        expertUserId: a.expertUserId,
        expertName: experts.find((e) => e.id === a.expertUserId)?.displayName ?? '',
        submitted: a.submittedAt !== null,
        weightedTotal: a.weightedTotal,
      })),
      submitted: assignments.filter((a) => a.submittedAt).length,
      total: assignments.length,
      aggregated,
    };
  }

  /** The ranking: to those running the call once aggregated; to every logged-in user from the public notice on. */
  async ranking(user: AuthenticatedUser | undefined, id: string): Promise<ChallengeRankingDto> {
    const m = this.dataSource.manager;
    const c = assertChallengeVisible(user, await m.findOneBy(Challenge, { id }), id);
    const manages = managesChallenge(user, c);
    const isPublic = ['notice', 'awarded', 'in_progress', 'accepted', 'failed'].includes(c.status);
    if (!manages && !isPublic) throw new ResourceNotFound('评审结果');
    const results = await m.find(ChallengeResult, { where: { challengeId: id }, order: { rank: 'ASC' } });
    const apps = await m.findBy(ChallengeApplication, { id: In(results.map((r) => r.applicationId)) });
    const names = await applicationOrganizationNames(
      m,
      apps.map((a) => a.id),
    );
    const sheets = manages ? await m.find(ChallengeReviewAssignment, { where: { challengeId: id, submittedAt: Not(IsNull()) } }) : [];
    return {
      items: results.map((r) => {
        const identity = names.get(r.applicationId)!;
        return {
          rank: r.rank,
          applicationId: r.applicationId,
          applicationCode: applicationCode(apps.find((a) => a.id === r.applicationId)!.seq),
          applicantName: identity.leadOrganizationName,
          memberOrganizationNames: identity.memberOrganizationNames,
          finalScore: r.finalScore,
          expertCount: r.expertCount,
          droppedExtremes: r.droppedExtremes,
          tieBreakScore: r.tieBreakScore,
          proposedWinner: r.rank === 1,
          ...(manages ? { expertTotals: sheets.filter((s) => s.applicationId === r.applicationId).map((s) => s.weightedTotal ?? 0) } : {}),
        };
      }),
      tieBreakRule: TIE_BREAK_RULE,
      noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
    };
  }

  /** When the last sheet is in (and every application has its experts), results are computed once and stored. */
  private async aggregateIfComplete(m: EntityManager, c: Challenge): Promise<void> {
    const assignments = await m.find(ChallengeReviewAssignment, { where: { challengeId: c.id } });
    if (assignments.some((a) => !a.submittedAt)) return;
    const apps = await m.findBy(ChallengeApplication, { challengeId: c.id, status: 'passed' });
    if (apps.some((app) => !assignments.some((a) => a.applicationId === app.id))) return;
    const ranked = rankApplications(
      c.rubric,
      apps.map((app) => ({
        applicationId: app.id,
        submittedAt: app.submittedAt ?? app.createdAt,
        sheets: assignments.filter((a) => a.applicationId === app.id).map((a) => a.scores ?? []),
      })),
    );
    await m.delete(ChallengeResult, { challengeId: c.id });
    await m.save(ranked.map((r) => m.create(ChallengeResult, { ...r, challengeId: c.id })));
    await recordAudit(m, null, {
      action: 'challenge.aggregate',
      entityType: 'challenge',
      entityId: c.id,
      regionCode: c.regionCode,
      after: { ranking: ranked.map((r) => ({ applicationId: r.applicationId, rank: r.rank, finalScore: r.finalScore })) },
    });
  }

  /** Seats experts for every passed application (pure assignment) and notifies those newly assigned. */
  private async fillAssignments(m: EntityManager, c: Challenge, user: AuthenticatedUser, strict: boolean): Promise<string[]> {
    const apps = await m.findBy(ChallengeApplication, { challengeId: c.id, status: 'passed' });
    const orgsByApp = await applicationOrganizations(
      m,
      apps.map((a) => a.id),
    );
    const pool: AssignmentExpert[] = await m
      .createQueryBuilder(ExpertProfile, 'p')
      .innerJoin(User, 'u', 'u.id = p.user_id')
      .select(['p.user_id AS "userId"', 'u.organization_id AS "organizationId"', 'p.domains AS domains'])
      .where(`p.active AND u.role = 'expert'`)
      .getRawMany();
    const conflicts = await m.findBy(ChallengeExpertConflict, { challengeId: c.id });
    const existing = await m.findBy(ChallengeReviewAssignment, { challengeId: c.id });
    const { added, unfilled } = assignExperts(
      apps.map((a) => ({ id: a.id, organizationIds: orgsByApp.get(a.id) ?? [a.leadOrganizationId] })),
      pool,
      conflicts,
      existing.map((a) => ({ applicationId: a.applicationId, expertUserId: a.expertUserId })),
      c.expertsPerApplication,
      c.domains,
    );
    if (strict && unfilled.length) {
      const codes = unfilled.map((u) => `${applicationCode(apps.find((a) => a.id === u.applicationId)!.seq)}（${u.assigned}/${u.needed}）`);
      throw new ChallengeConflict(`专家库中无利益冲突的专家不足，以下申报无法配齐评审专家：${codes.join('、')}`);
    }
    if (added.length)
      await m.save(
        added.map((p) =>
          m.create(ChallengeReviewAssignment, { challengeId: c.id, applicationId: p.applicationId, expertUserId: p.expertUserId }),
        ),
      );
    await recordAudit(m, actor(user), {
      action: 'challenge.assign_experts',
      entityType: 'challenge',
      entityId: c.id,
      regionCode: c.regionCode,
      after: { added: added.length, unfilled },
    });
    const ids: string[] = [];
    for (const expertId of new Set(added.map((p) => p.expertUserId))) {
      ids.push(
        ...(await recordNotifications(m, [expertId], {
          kind: 'challenge.review_assigned',
          title: `评审任务：${c.title}`,
          body: `您有 ${added.filter((p) => p.expertUserId === expertId).length} 份揭榜申报待评审。`,
          link: `/challenges/${c.id}/reviews`,
          dedupeKey: null,
        })),
      );
    }
    return ids;
  }
}

/** Lead and every not-declined member organization of each application. */
export async function applicationOrganizations(m: EntityManager, applicationIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (applicationIds.length === 0) return map;
  const members = await m.find(ChallengeApplicationMember, { where: { applicationId: In(applicationIds) } });
  for (const x of members) {
    if (x.status === 'declined') continue;
    map.set(x.applicationId, [...(map.get(x.applicationId) ?? []), x.organizationId]);
  }
  return map;
}

async function applicationOrganizationNames(
  m: EntityManager,
  applicationIds: string[],
): Promise<Map<string, { leadOrganizationName: string; memberOrganizationNames: string[] }>> {
  const map = new Map<string, { leadOrganizationName: string; memberOrganizationNames: string[] }>();
  if (applicationIds.length === 0) return map;
  const members = await m.find(ChallengeApplicationMember, { where: { applicationId: In(applicationIds) } });
  const orgs = await m.findBy(Organization, { id: In([...new Set(members.map((x) => x.organizationId))]) });
  for (const id of applicationIds) {
    const mine = members.filter((x) => x.applicationId === id && x.status === 'confirmed');
    const name = (orgId: string) => orgs.find((o) => o.id === orgId)?.name ?? '';
    map.set(id, {
      leadOrganizationName: name(mine.find((x) => x.role === 'lead')?.organizationId ?? ''),
      memberOrganizationNames: mine.filter((x) => x.role === 'member').map((x) => name(x.organizationId)),
    });
  }
  return map;
}

function toDeclaredConflict(c: ChallengeExpertConflict, applications: ChallengeApplication[]): DeclaredConflictDto {
  const app = applications.find((a) => a.id === c.applicationId);
  return {
    id: c.id,
    applicationId: c.applicationId,
    applicationCode: app ? applicationCode(app.seq) : null,
    organizationId: c.organizationId,
    reason: c.reason,
    createdAt: c.createdAt.toISOString(),
  };
}

function toExpertAssignment(
  c: Challenge,
  app: ChallengeApplication,
  a: ChallengeReviewAssignment,
  identity: { leadOrganizationName: string; memberOrganizationNames: string[] } | null,
): ExpertAssignmentResponseDto {
  return {
    assignmentId: a.id,
    challengeId: c.id,
    applicationId: app.id,
    applicationCode: applicationCode(app.seq),
    applicant: c.blindReview ? null : identity,
    summary: app.summary,
    indicatorResponses: app.indicatorResponses,
    plan: app.plan,
    rubric: c.rubric,
    scores: a.scores,
    weightedTotal: a.weightedTotal,
    submittedAt: a.submittedAt?.toISOString() ?? null,
  };
}
