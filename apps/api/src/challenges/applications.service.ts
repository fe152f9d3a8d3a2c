import { ActionForbidden, PageQueryDto, pageOf, ResourceNotFound } from '@app/common';
import {
  Challenge,
  ChallengeApplication,
  ChallengeApplicationAction,
  CHALLENGE_APPLICATION_LIFECYCLE,
  ChallengeApplicationMember,
  ChallengeRecommendation,
  Organization,
  PUBLIC_CHALLENGE_STATUSES,
  recordAudit,
  recordNotifications,
  RecommendationLevel,
  usersOfOrganization,
} from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { findRegion, isWithinRegion, normalizeCreditCode, regionAncestors } from '@app/taxonomy';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import {
  assertChallengeVisible,
  assertManages,
  ChallengeConflict,
  dateTimeText,
  IneligibleApplication,
  lockChallenge,
  managesChallenge,
  translateLiveApplicationConflict,
} from './challenge-access';
import { actor } from './challenges.service';
import {
  ApplicationListDto,
  ApplicationResponseDto,
  applicationCode,
  applicationStatusLabel,
  CreateApplicationDto,
  FormalCheckDto,
  MyApplicationPageDto,
  RecommendApplicationDto,
  UpdateApplicationDto,
} from './dto/application.dto';
import { toChallengeSummary } from './dto/challenge.dto';
import { checkEligibility } from './review/eligibility';

const LEVEL_LABELS: Record<RecommendationLevel, string> = { county: '区县', city: '设区市', province: '省' };

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsProducer,
  ) {}

  async create(user: AuthenticatedUser, challengeId: string, dto: CreateApplicationDto): Promise<ApplicationResponseDto> {
    if (user.role !== 'supplier') throw new ActionForbidden('只有能力供给方账号可以揭榜申报');
    const notified: string[] = [];
    const id = await translateLiveApplicationConflict(() =>
      this.dataSource.transaction(async (m) => {
        const c = assertChallengeVisible(user, await lockChallenge(m, challengeId), challengeId);
        await assertWindowOpen(m, c, 'create');
        validateResponses(c, dto.indicatorResponses);
        const invited = await this.resolveInvites(m, user, dto.members ?? []);
        if (invited.length > 0 && !c.eligibility.consortiumAllowed)
          throw new IneligibleApplication('不符合申报条件「联合体申报」：本榜单不接受联合体申报', 'consortium');
        const [{ next }] = await m.query(`SELECT coalesce(max(seq), 0) + 1 AS next FROM challenge_applications WHERE challenge_id = $1`, [
          challengeId,
        ]);
        const application = m.create(ChallengeApplication, {
          challengeId,
          leadOrganizationId: user.organizationId,
          createdBy: user.id,
          seq: Number(next),
          summary: dto.summary,
          indicatorResponses: dto.indicatorResponses,
          plan: dto.plan,
          status: 'draft',
        });
        await m.save(application);
        await m.save(ChallengeApplicationMember, {
          applicationId: application.id,
          challengeId,
          organizationId: user.organizationId,
          role: 'lead',
          status: 'confirmed',
          live: true,
          respondedAt: new Date(),
        });
        for (const org of invited) {
          await m.save(ChallengeApplicationMember, {
            applicationId: application.id,
            challengeId,
            organizationId: org.id,
            role: 'member',
            status: 'invited',
            live: true,
          });
          notified.push(
            ...(await recordNotifications(m, await usersOfOrganization(m, org.id, ['supplier']), {
              kind: 'challenge.consortium_invite',
              title: `联合体邀请：${c.title}`,
              body: '贵单位被邀请作为联合体成员参与揭榜申报，请登录确认或拒绝。',
              link: `/challenges/${challengeId}/applications/${application.id}`,
              dedupeKey: `challenge.invite.${application.id}`,
            })),
          );
        }
        await recordAudit(m, actor(user), {
          action: 'challenge_application.create',
          entityType: 'challenge_application',
          entityId: application.id,
          regionCode: c.regionCode,
          after: { challengeId, members: invited.map((o) => o.id) },
        });
        return application.id;
      }),
    );
    await this.notifications.deliverByEmail(notified);
    return this.get(user, challengeId, id);
  }

  async update(user: AuthenticatedUser, challengeId: string, id: string, dto: UpdateApplicationDto): Promise<ApplicationResponseDto> {
    await this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, challengeId), challengeId);
      const application = await this.leadApplication(m, user, challengeId, id);
      if (application.status !== 'draft') throw new ChallengeConflict('申报已提交，不能再修改；如需修改请先撤回后重新申报');
      await assertWindowOpen(m, c, 'update');
      if (dto.indicatorResponses) validateResponses(c, dto.indicatorResponses);
      Object.assign(application, dto);
      await m.save(application);
      await recordAudit(m, actor(user), {
        action: 'challenge_application.update',
        entityType: 'challenge_application',
        entityId: id,
        regionCode: c.regionCode,
      });
    });
    return this.get(user, challengeId, id);
  }

  async respondToInvite(user: AuthenticatedUser, challengeId: string, id: string, accept: boolean): Promise<ApplicationResponseDto> {
    await translateLiveApplicationConflict(() =>
      this.dataSource.transaction(async (m) => {
        const c = assertChallengeVisible(user, await lockChallenge(m, challengeId), challengeId);
        const member = await m.findOne(ChallengeApplicationMember, {
          where: { applicationId: id, challengeId, organizationId: user.organizationId, role: 'member' },
          lock: { mode: 'pessimistic_write' },
        });
        if (!member || user.role !== 'supplier') throw new ResourceNotFound('联合体邀请', id);
        const application = await m.findOneByOrFail(ChallengeApplication, { id });
        if (member.status !== 'invited' || application.status !== 'draft') throw new ChallengeConflict('该邀请已处理或申报已不再是草稿');
        await m.update(
          ChallengeApplicationMember,
          { id: member.id },
          { status: accept ? 'confirmed' : 'declined', live: accept, respondedAt: new Date() },
        );
        await recordAudit(m, actor(user), {
          action: accept ? 'challenge_application.member_confirm' : 'challenge_application.member_decline',
          entityType: 'challenge_application',
          entityId: id,
          regionCode: c.regionCode,
          after: { organizationId: user.organizationId },
        });
      }),
    );
    return this.get(user, challengeId, id);
  }

  /**
   * The deadline is checked against the database clock under the call's row lock, so a submission
   * one second late is refused even while the close job has not run yet (status still "open").
   */
  async submit(user: AuthenticatedUser, challengeId: string, id: string): Promise<ApplicationResponseDto> {
    await this.dataSource
      .transaction(async (m) => {
        const c = assertChallengeVisible(user, await lockChallenge(m, challengeId), challengeId);
        const application = await this.leadApplication(m, user, challengeId, id);
        CHALLENGE_APPLICATION_LIFECYCLE.next(application.status, 'submit');
        await assertWindowOpen(m, c, 'submit');
        const members = await m.find(ChallengeApplicationMember, { where: { applicationId: id } });
        const orgs = await m.find(Organization, { where: { id: In(members.map((x) => x.organizationId)) } });
        const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
        const failure = checkEligibility(
          c.eligibility,
          members.map((x) => {
            const org = orgs.find((o) => o.id === x.organizationId)!;
            return {
              id: org.id,
              type: org.type,
              regionCode: org.regionCode,
              qualifications: org.qualifications,
              role: x.role,
              memberStatus: x.status,
            };
          }),
          c.indicators,
          application.indicatorResponses,
          today,
        );
        if (failure) throw new IneligibleApplication(failure.message, failure.rule);
        await this.transition(m, c, application, 'submit', user, { submittedAt: new Date() });
      })
      .catch(async (error: unknown) => {
        // The refusal's audit row must survive the rollback of the refused submission.
        if (error instanceof IneligibleApplication) {
          await this.dataSource.transaction((m) =>
            recordAudit(m, actor(user), {
              action: 'challenge_application.submit_refused',
              entityType: 'challenge_application',
              entityId: id,
              comment: String(error.message),
            }),
          );
        }
        throw error;
      });
    return this.get(user, challengeId, id);
  }

  async withdraw(user: AuthenticatedUser, challengeId: string, id: string): Promise<ApplicationResponseDto> {
    await this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, challengeId), challengeId);
      const application = await this.leadApplication(m, user, challengeId, id);
      CHALLENGE_APPLICATION_LIFECYCLE.next(application.status, 'withdraw');
      await assertWindowOpen(m, c, 'withdraw');
      await this.transition(m, c, application, 'withdraw', user, { withdrawnAt: new Date() });
      await m.update(ChallengeApplicationMember, { applicationId: id }, { live: false });
    });
    return this.get(user, challengeId, id);
  }

  /**
   * 推荐: a recommending body endorses an application from its own region at its tier, within its quota,
   * after the tier below (county → city → province). The quota count runs under the call's row lock.
   */
  async recommend(user: AuthenticatedUser, challengeId: string, id: string, dto: RecommendApplicationDto): Promise<ApplicationResponseDto> {
    if (user.role !== 'organizer' || !user.jurisdictionRegionCode) throw new ActionForbidden('只有推荐单位（组织者账号）可以推荐');
    const jurisdiction = user.jurisdictionRegionCode;
    await this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, challengeId), challengeId);
      if (!c.recommendation?.required) throw new ChallengeConflict('本榜单不需要推荐单位推荐');
      if (!['open', 'closed'].includes(c.status)) throw new ChallengeConflict('只有申报期内或截止后、形式审查前可以推荐');
      const application = await m.findOneBy(ChallengeApplication, { id, challengeId });
      const lead = application ? await m.findOneByOrFail(Organization, { id: application.leadOrganizationId }) : null;
      if (!application || !lead || !isWithinRegion(lead.regionCode, jurisdiction) || application.status === 'draft')
        throw new ResourceNotFound('揭榜申报', id);
      if (application.status !== 'submitted') throw new ChallengeConflict('只能推荐已提交、尚未形式审查的申报');
      const level = levelOf(jurisdiction);
      const needed = requiredTiers(lead.regionCode);
      const below = needed[needed.indexOf(level) - 1];
      const existing = await m.find(ChallengeRecommendation, { where: { applicationId: id } });
      if (below && !existing.some((r) => r.level === below))
        throw new ChallengeConflict(`须先经${LEVEL_LABELS[below]}级推荐单位推荐，才能由${LEVEL_LABELS[level]}级推荐`);
      if (existing.some((r) => r.level === level)) throw new ChallengeConflict(`该申报已获得${LEVEL_LABELS[level]}级推荐`);
      const used = await m.count(ChallengeRecommendation, { where: { challengeId, regionCode: jurisdiction } });
      const quota = c.recommendation.quotas[level];
      if (used >= quota)
        throw new ChallengeConflict(`推荐名额已用完：本单位（${LEVEL_LABELS[level]}级）可推荐 ${quota} 项，已推荐 ${used} 项`);
      await m.save(ChallengeRecommendation, {
        challengeId,
        applicationId: id,
        level,
        regionCode: jurisdiction,
        recommendedBy: user.id,
        comment: dto.comment ?? null,
      });
      await recordAudit(m, actor(user), {
        action: 'challenge_application.recommend',
        entityType: 'challenge_application',
        entityId: id,
        regionCode: jurisdiction,
        after: { level, quota, used: used + 1 },
        comment: dto.comment ?? null,
      });
    });
    return this.get(user, challengeId, id);
  }

  /** 形式审查 after the deadline; where recommendation is required, passing needs the top-tier endorsement. */
  async formalCheck(user: AuthenticatedUser, challengeId: string, id: string, dto: FormalCheckDto): Promise<ApplicationResponseDto> {
    const notified: string[] = [];
    await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, challengeId), challengeId);
      if (c.status !== 'closed') throw new ChallengeConflict(`形式审查在申报截止后、启动评审前进行；榜单当前状态为「${c.status}」`);
      const application = await m.findOneBy(ChallengeApplication, { id, challengeId });
      if (!application || application.status === 'draft') throw new ResourceNotFound('揭榜申报', id);
      const reason = dto.reason?.trim() || null;
      if (!dto.passed && !reason) throw new BadRequestException('形式审查不通过时必须填写原因（申报单位可见）');
      if (dto.passed && c.recommendation?.required) {
        const lead = await m.findOneByOrFail(Organization, { id: application.leadOrganizationId });
        const top = requiredTiers(lead.regionCode).at(-1)!;
        const has = await m.countBy(ChallengeRecommendation, { applicationId: id, level: top });
        if (!has) throw new ChallengeConflict(`本榜单须经推荐单位逐级推荐，该申报尚未获得${LEVEL_LABELS[top]}级推荐`);
      }
      await this.transition(
        m,
        c,
        application,
        dto.passed ? 'passFormalCheck' : 'failFormalCheck',
        user,
        { formalCheckReason: reason, formalCheckedAt: new Date() },
        reason,
      );
      notified.push(
        ...(await recordNotifications(m, await usersOfOrganization(m, application.leadOrganizationId, ['supplier']), {
          kind: 'challenge.formal_check',
          title: dto.passed ? `形式审查通过：${c.title}` : `形式审查未通过：${c.title}`,
          body: dto.passed ? '贵单位的揭榜申报已通过形式审查，将进入专家评审。' : `未通过原因：${reason}`,
          link: `/challenges/${challengeId}/applications/${id}`,
          dedupeKey: `challenge.formal_check.${id}`,
        })),
      );
    });
    await this.notifications.deliverByEmail(notified);
    return this.get(user, challengeId, id);
  }

  /**
   * Who sees which applications: those running the call see every submitted one; a recommending body
   * only those whose lead is registered in its region; an applicant organization only its own.
   */
  async list(user: AuthenticatedUser, challengeId: string): Promise<ApplicationListDto> {
    const c = assertChallengeVisible(user, await this.dataSource.getRepository(Challenge).findOneBy({ id: challengeId }), challengeId);
    const qb = this.dataSource
      .getRepository(ChallengeApplication)
      .createQueryBuilder('a')
      .where('a.challenge_id = :challengeId', { challengeId });
    if (managesChallenge(user, c)) {
      qb.andWhere(`a.status <> 'draft'`);
    } else if (user.role === 'organizer' && user.jurisdictionRegionCode) {
      qb.andWhere(`a.status <> 'draft'`);
      const applications = await qb.orderBy('a.seq').getMany();
      const leads = await this.dataSource.getRepository(Organization).findBy({ id: In(applications.map((a) => a.leadOrganizationId)) });
      const mine = applications.filter((a) =>
        isWithinRegion(leads.find((o) => o.id === a.leadOrganizationId)!.regionCode, user.jurisdictionRegionCode!),
      );
      const items = await this.toResponses(this.dataSource.manager, mine);
      return { items, total: items.length };
    } else if (user.role === 'supplier' || user.role === 'owner') {
      qb.andWhere('a.id IN (SELECT application_id FROM challenge_application_members WHERE organization_id = :org)', {
        org: user.organizationId,
      });
    } else {
      throw new ActionForbidden('专家请通过评审任务查看申报内容');
    }
    const items = await this.toResponses(this.dataSource.manager, await qb.orderBy('a.seq').getMany());
    return { items, total: items.length };
  }

  /**
   * Every application my organization takes part in (as lead or as consortium member, as the per-call list shows
   * it), across the calls it can see, newest first: the applicant workspace in one request instead of one per call.
   */
  async listMine(user: AuthenticatedUser, query: PageQueryDto): Promise<MyApplicationPageDto> {
    if ((user.role !== 'supplier' && user.role !== 'owner') || !user.organizationId) return pageOf([], 0, query);
    const m = this.dataSource.manager;
    const [applications, total] = await m
      .createQueryBuilder(ChallengeApplication, 'a')
      .innerJoin(Challenge, 'c', 'c.id = a.challenge_id')
      .where('a.id IN (SELECT application_id FROM challenge_application_members WHERE organization_id = :org)', { org: user.organizationId })
      .andWhere('c.status IN (:...visible)', { visible: [...PUBLIC_CHALLENGE_STATUSES] })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    if (!applications.length) return pageOf([], total, query);
    const calls = new Map((await m.findBy(Challenge, { id: In(applications.map((a) => a.challengeId)) })).map((c) => [c.id, c]));
    const responses = await this.toResponses(m, applications);
    return pageOf(
      applications.map((a, i) => ({ application: responses[i], challenge: toChallengeSummary(calls.get(a.challengeId)!) })),
      total,
      query,
    );
  }

  async get(user: AuthenticatedUser, challengeId: string, id: string): Promise<ApplicationResponseDto> {
    const m = this.dataSource.manager;
    const c = assertChallengeVisible(user, await m.findOneBy(Challenge, { id: challengeId }), challengeId);
    const application = await m.findOneBy(ChallengeApplication, { id, challengeId });
    if (!application) throw new ResourceNotFound('揭榜申报', id);
    const members = await m.find(ChallengeApplicationMember, { where: { applicationId: id } });
    const isMember = members.some((x) => x.organizationId === user.organizationId) && (user.role === 'supplier' || user.role === 'owner');
    let visible = isMember || (managesChallenge(user, c) && application.status !== 'draft');
    if (!visible && user.role === 'organizer' && user.jurisdictionRegionCode && application.status !== 'draft') {
      const lead = await m.findOneByOrFail(Organization, { id: application.leadOrganizationId });
      visible = isWithinRegion(lead.regionCode, user.jurisdictionRegionCode);
    }
    if (!visible) throw new ResourceNotFound('揭榜申报', id);
    return (await this.toResponses(m, [application]))[0];
  }

  private async transition(
    m: EntityManager,
    c: Challenge,
    application: ChallengeApplication,
    action: ChallengeApplicationAction,
    user: AuthenticatedUser,
    extra: Partial<ChallengeApplication>,
    comment?: string | null,
  ): Promise<void> {
    const from = application.status;
    const to = CHALLENGE_APPLICATION_LIFECYCLE.next(from, action);
    await m.update(ChallengeApplication, { id: application.id }, { status: to, ...extra });
    Object.assign(application, { status: to, ...extra });
    await recordAudit(m, actor(user), {
      action: `challenge_application.${action}`,
      entityType: 'challenge_application',
      entityId: application.id,
      regionCode: c.regionCode,
      before: { status: from },
      after: { status: to },
      comment: comment ?? null,
    });
  }

  private async leadApplication(m: EntityManager, user: AuthenticatedUser, challengeId: string, id: string): Promise<ChallengeApplication> {
    const application = await m.findOne(ChallengeApplication, { where: { id, challengeId }, lock: { mode: 'pessimistic_write' } });
    if (!application || application.leadOrganizationId !== user.organizationId || user.role !== 'supplier')
      throw new ResourceNotFound('揭榜申报', id);
    return application;
  }

  private async resolveInvites(m: EntityManager, user: AuthenticatedUser, invites: Array<{ creditCode: string }>): Promise<Organization[]> {
    const orgs: Organization[] = [];
    for (const invite of invites) {
      const code = normalizeCreditCode(invite.creditCode);
      const org = await m.findOneBy(Organization, { creditCode: code });
      if (!org) throw new ResourceNotFound(`统一社会信用代码为 ${code} 的单位`);
      if (org.id === user.organizationId) throw new BadRequestException('牵头单位不能同时作为联合体成员');
      if (orgs.some((o) => o.id === org.id)) throw new BadRequestException('联合体成员单位重复');
      orgs.push(org);
    }
    return orgs;
  }

  private async toResponses(m: EntityManager, applications: ChallengeApplication[]): Promise<ApplicationResponseDto[]> {
    if (applications.length === 0) return [];
    const ids = applications.map((a) => a.id);
    const members = await m.find(ChallengeApplicationMember, { where: { applicationId: In(ids) }, order: { createdAt: 'ASC' } });
    const orgs = await m.find(Organization, { where: { id: In([...new Set(members.map((x) => x.organizationId))]) } });
    const recs = await m.find(ChallengeRecommendation, { where: { applicationId: In(ids) }, order: { createdAt: 'ASC' } });
    return applications.map((a) => ({
      id: a.id,
      challengeId: a.challengeId,
      code: applicationCode(a.seq),
      status: a.status,
      statusLabel: applicationStatusLabel(a.status),
      summary: a.summary,
      indicatorResponses: a.indicatorResponses,
      plan: a.plan,
      organizations: members
        .filter((x) => x.applicationId === a.id)
        .sort((x, y) => (x.role === y.role ? 0 : x.role === 'lead' ? -1 : 1))
        .map((x) => {
          const org = orgs.find((o) => o.id === x.organizationId)!;
          return {
            organizationId: org.id,
            name: org.name,
            creditCode: org.creditCode,
            regionCode: org.regionCode,
            role: x.role,
            status: x.status,
          };
        }),
      formalCheckReason: a.formalCheckReason,
      recommendations: recs
        .filter((r) => r.applicationId === a.id)
        .map((r) => ({ level: r.level, regionCode: r.regionCode, comment: r.comment, createdAt: r.createdAt.toISOString() })),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
    }));
  }
}

/** Window check on the database clock, after the row lock was taken (clock_timestamp, not the transaction start). */
async function assertWindowOpen(m: EntityManager, c: Challenge, what: 'create' | 'update' | 'submit' | 'withdraw'): Promise<void> {
  const [row] = await m.query(
    `SELECT opens_at <= clock_timestamp() AS started, closes_at > clock_timestamp() AS before_deadline FROM challenges WHERE id = $1`,
    [c.id],
  );
  const acceptsDrafts = what === 'create' || what === 'update';
  if (c.status === 'cancelled') throw new ChallengeConflict('榜单已取消');
  if (!['published', 'open'].includes(c.status) || !row.before_deadline) {
    throw new ChallengeConflict(
      `申报已截止（截止时间：${dateTimeText(c.closesAt)}），不能再${what === 'withdraw' ? '撤回' : what === 'submit' ? '提交' : '编辑'}申报`,
    );
  }
  if (!row.started && !acceptsDrafts) throw new ChallengeConflict(`申报尚未开放（开放时间：${dateTimeText(c.opensAt)}），可先保存草稿`);
}

function validateResponses(c: Challenge, responses: Array<{ indicatorIndex: number }>): void {
  for (const r of responses) {
    if (r.indicatorIndex >= c.indicators.length)
      throw new BadRequestException(`指标序号 ${r.indicatorIndex} 不存在（本榜单共 ${c.indicators.length} 项指标）`);
  }
  const indexes = responses.map((r) => r.indicatorIndex);
  if (new Set(indexes).size !== indexes.length) throw new BadRequestException('同一指标只能填写一次响应');
}

export function levelOf(jurisdiction: string): RecommendationLevel {
  const level = findRegion(jurisdiction)?.level;
  return level === 'district' ? 'county' : level === 'city' ? 'city' : 'province';
}

/** The tiers an applicant registered at `regionCode` passes through, bottom up (a city-level registrant skips the county tier). */
export function requiredTiers(regionCode: string): RecommendationLevel[] {
  const levels = regionAncestors(regionCode).map((r) => r.level);
  const tiers: RecommendationLevel[] = [];
  if (levels.includes('district')) tiers.push('county');
  if (levels.includes('city')) tiers.push('city');
  tiers.push('province');
  return tiers;
}
