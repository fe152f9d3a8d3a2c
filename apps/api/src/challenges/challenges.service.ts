import { ActionForbidden, pageOf } from '@app/common';
import {
  Challenge,
  ChallengeAction,
  ChallengeApplication,
  ChallengeApplicationMember,
  CHALLENGE_LIFECYCLE,
  ChallengeMilestone,
  ChallengeObjection,
  ChallengeResult,
  PUBLIC_CHALLENGE_STATUSES,
  recordAudit,
  recordNotifications,
  usersOfOrganization,
} from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { isWithinRegion } from '@app/taxonomy';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import {
  assertChallengeVisible,
  assertManages,
  ChallengeConflict,
  dateTimeText,
  lockChallenge,
  managesChallenge,
} from './challenge-access';
import { ChallengeJobScheduler } from './challenge-job.scheduler';
import {
  ChallengePageDto,
  ChallengeResponseDto,
  ChangeWindowDto,
  CreateChallengeDto,
  ListChallengesQueryDto,
  toChallengeResponse,
  UpdateChallengeDto,
} from './dto/challenge.dto';

const DAY_MS = 86_400_000;

@Injectable()
export class ChallengesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: ChallengeJobScheduler,
    private readonly notifications: NotificationsProducer,
  ) {}

  async create(user: AuthenticatedUser, dto: CreateChallengeDto): Promise<ChallengeResponseDto> {
    const regionCode = dto.regionCode ?? user.jurisdictionRegionCode;
    if (!regionCode) throw new BadRequestException('请指定主办辖区 regionCode');
    if (user.role !== 'admin' && !(user.jurisdictionRegionCode && isWithinRegion(regionCode, user.jurisdictionRegionCode))) {
      throw new ActionForbidden('只能在本人管辖区域内发榜');
    }
    validateContent(dto);
    return this.dataSource.transaction(async (m) => {
      const challenge = m.create(Challenge, {
        organizationId: user.organizationId,
        createdBy: user.id,
        regionCode,
        title: dto.title,
        background: dto.background,
        domains: dto.domains,
        indicators: dto.indicators,
        deliverables: dto.deliverables,
        awardAmount: dto.awardAmount,
        eligibility: dto.eligibility,
        recommendation: dto.recommendation ?? null,
        expertsPerApplication: dto.expertsPerApplication,
        rubric: dto.rubric,
        blindReview: dto.blindReview,
        noticeDays: dto.noticeDays,
        milestoneReminderLeadHours: dto.milestoneReminderLeadHours ?? 72,
        attachments: dto.attachments ?? [],
        opensAt: new Date(dto.opensAt),
        closesAt: new Date(dto.closesAt),
        status: 'draft',
      });
      await m.save(challenge);
      await recordAudit(m, actor(user), {
        action: 'challenge.create',
        entityType: 'challenge',
        entityId: challenge.id,
        regionCode,
        after: { title: challenge.title, status: 'draft' },
      });
      return toChallengeResponse(challenge);
    });
  }

  async update(user: AuthenticatedUser, id: string, dto: UpdateChallengeDto): Promise<ChallengeResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const challenge = assertManages(user, await lockChallenge(m, id), id);
      if (challenge.status !== 'draft')
        throw new ChallengeConflict(`榜单已发布，内容不能再修改（开放/截止时间请通过「调整申报时间」修改）`);
      const { regionCode, opensAt, closesAt, ...rest } = dto;
      if (
        regionCode &&
        user.role !== 'admin' &&
        !(user.jurisdictionRegionCode && isWithinRegion(regionCode, user.jurisdictionRegionCode))
      ) {
        throw new ActionForbidden('只能在本人管辖区域内发榜');
      }
      const before = toChallengeResponse(challenge);
      Object.assign(challenge, rest);
      if (regionCode) challenge.regionCode = regionCode;
      if (opensAt) challenge.opensAt = new Date(opensAt);
      if (closesAt) challenge.closesAt = new Date(closesAt);
      validateContent({ ...challenge, opensAt: challenge.opensAt.toISOString(), closesAt: challenge.closesAt.toISOString() });
      await m.save(challenge);
      await recordAudit(m, actor(user), {
        action: 'challenge.update',
        entityType: 'challenge',
        entityId: id,
        regionCode: challenge.regionCode,
        before,
        after: toChallengeResponse(challenge),
      });
      return toChallengeResponse(challenge);
    });
  }

  async list(user: AuthenticatedUser | undefined, query: ListChallengesQueryDto): Promise<ChallengePageDto> {
    const qb = this.dataSource.getRepository(Challenge).createQueryBuilder('c');
    qb.where(
      new Brackets((w) => {
        w.where('c.status IN (:...publicStatuses)', { publicStatuses: PUBLIC_CHALLENGE_STATUSES });
        if (user?.role === 'admin') w.orWhere('TRUE');
        else if (user?.role === 'organizer' && user.jurisdictionRegionCode) {
          // Drafts of the organizer's jurisdiction: region codes are prefix-nested (330000 ⊃ 330200 ⊃ 330212).
          w.orWhere('c.region_code LIKE :prefix', { prefix: `${user.jurisdictionRegionCode.replace(/0+$/, '')}%` });
        }
      }),
    );
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    qb.orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const visible = rows.filter((c) => PUBLIC_CHALLENGE_STATUSES.includes(c.status) || managesChallenge(user, c));
    return pageOf(visible.map(toChallengeResponse), total, query);
  }

  async get(user: AuthenticatedUser | undefined, id: string): Promise<ChallengeResponseDto> {
    const challenge = await this.dataSource.getRepository(Challenge).findOneBy({ id });
    return toChallengeResponse(assertChallengeVisible(user, challenge, id));
  }

  async publish(user: AuthenticatedUser, id: string): Promise<ChallengeResponseDto> {
    const challenge = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      CHALLENGE_LIFECYCLE.next(c.status, 'publish');
      if (c.closesAt.getTime() <= Date.now()) throw new ChallengeConflict(`截止时间（${dateTimeText(c.closesAt)}）已过，请先调整申报时间`);
      return this.transition(m, c, 'publish', user, { publishedAt: new Date() });
    });
    await this.jobs.safely('schedule window', () => this.jobs.scheduleWindow(challenge.id, challenge.opensAt, challenge.closesAt));
    return toChallengeResponse(challenge);
  }

  /**
   * New dates: the row lock makes a racing submission see either the old or the new deadline; after
   * commit the old delayed jobs are removed and new ones added (ids derive from the dates).
   */
  async changeWindow(user: AuthenticatedUser, id: string, dto: ChangeWindowDto): Promise<ChallengeResponseDto> {
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    if (closesAt <= opensAt) throw new BadRequestException('截止时间必须晚于开放时间');
    const { challenge, old } = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      if (!['draft', 'published', 'open'].includes(c.status)) {
        throw new ChallengeConflict(`榜单当前状态为「${CHALLENGE_LIFECYCLE.stateLabels[c.status]}」，不能再调整申报时间`);
      }
      if (c.status === 'open' && opensAt.getTime() !== c.opensAt.getTime()) throw new ChallengeConflict('申报已开放，只能调整截止时间');
      if (c.status !== 'draft' && closesAt.getTime() <= Date.now()) throw new ChallengeConflict('新的截止时间必须晚于当前时间');
      const before = { opensAt: c.opensAt.toISOString(), closesAt: c.closesAt.toISOString() };
      const previous = { opensAt: c.opensAt, closesAt: c.closesAt };
      await m.update(Challenge, { id }, { opensAt, closesAt });
      Object.assign(c, { opensAt, closesAt });
      await recordAudit(m, actor(user), {
        action: 'challenge.change_window',
        entityType: 'challenge',
        entityId: id,
        regionCode: c.regionCode,
        before,
        after: { opensAt: dto.opensAt, closesAt: dto.closesAt },
      });
      return { challenge: c, old: previous };
    });
    if (challenge.status !== 'draft') {
      await this.jobs.safely('reschedule window', async () => {
        await this.jobs.cancelWindow(id, old.opensAt, old.closesAt);
        await this.jobs.scheduleWindow(id, challenge.opensAt, challenge.closesAt);
      });
    }
    return toChallengeResponse(challenge);
  }

  async cancel(user: AuthenticatedUser, id: string, comment?: string): Promise<ChallengeResponseDto> {
    const challenge = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      return this.transition(m, c, 'cancel', user, {}, comment);
    });
    await this.jobs.safely('cancel jobs', async () => {
      await this.jobs.cancelWindow(id, challenge.opensAt, challenge.closesAt);
      if (challenge.noticeEndsAt) await this.jobs.cancelNoticeEnd(id, challenge.noticeEndsAt);
    });
    return toChallengeResponse(challenge);
  }

  /** 公示: needs the aggregated ranking; the end is a delayed job (award is possible only after it ran). */
  async publishNotice(user: AuthenticatedUser, id: string): Promise<ChallengeResponseDto> {
    const challenge = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      CHALLENGE_LIFECYCLE.next(c.status, 'publishNotice');
      const results = await m.count(ChallengeResult, { where: { challengeId: id } });
      if (results === 0) throw new ChallengeConflict('专家评分尚未全部提交，无法生成排名并公示');
      const now = new Date();
      return this.transition(m, c, 'publishNotice', user, {
        noticeStartedAt: now,
        noticeEndsAt: new Date(now.getTime() + c.noticeDays * DAY_MS),
      });
    });
    await this.jobs.safely('schedule notice end', () => this.jobs.scheduleNoticeEnd(id, challenge.noticeEndsAt!));
    return toChallengeResponse(challenge);
  }

  /** 确定揭榜方: after the notice ended and every objection is answered; the winner's plan becomes milestones. */
  async award(user: AuthenticatedUser, id: string, comment?: string): Promise<ChallengeResponseDto> {
    const notified: string[] = [];
    const { challenge, milestones } = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      CHALLENGE_LIFECYCLE.next(c.status, 'award');
      if (!c.noticeEndedAt)
        throw new ChallengeConflict(`公示期尚未结束（至 ${c.noticeEndsAt ? dateTimeText(c.noticeEndsAt) : '—'}），不能确定揭榜方`);
      const unanswered = await m
        .createQueryBuilder(ChallengeObjection, 'o')
        .where('o.challenge_id = :id AND o.answered_at IS NULL', { id })
        .getCount();
      if (unanswered > 0) throw new ChallengeConflict(`还有 ${unanswered} 条异议未答复，须逐条答复后才能确定揭榜方`);
      const top = await m.findOne(ChallengeResult, { where: { challengeId: id, rank: 1 } });
      if (!top) throw new ChallengeConflict('没有评审结果，不能确定揭榜方');
      const winner = await m.findOneByOrFail(ChallengeApplication, { id: top.applicationId });
      const rows = winner.plan.map((step, i) =>
        m.create(ChallengeMilestone, {
          challengeId: id,
          applicationId: winner.id,
          seq: i + 1,
          title: step.title,
          deliverable: step.deliverable,
          dueAt: new Date(step.dueAt),
          status: 'pending',
        }),
      );
      await m.save(rows);
      const updated = await this.transition(m, c, 'award', user, { winnerApplicationId: winner.id, awardedAt: new Date() }, comment);
      const recipients = await winnerUsers(m, winner.id);
      notified.push(
        ...(await recordNotifications(m, recipients, {
          kind: 'challenge.awarded',
          title: `恭喜揭榜成功：${c.title}`,
          body: `贵单位牵头的申报已确定为揭榜方，请确认挂帅并按计划推进 ${rows.length} 个里程碑。`,
          link: `/challenges/${id}`,
          dedupeKey: `challenge.awarded.${id}`,
        })),
      );
      return { challenge: updated, milestones: rows };
    });
    await this.jobs.safely('schedule milestones', async () => {
      for (const milestone of milestones) await this.jobs.scheduleMilestone(milestone, challenge.milestoneReminderLeadHours);
    });
    await this.notifications.deliverByEmail(notified);
    return toChallengeResponse(challenge);
  }

  /** 挂帅: the winner's lead organization confirms it starts the work. */
  async startWork(user: AuthenticatedUser, id: string): Promise<ChallengeResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, id), id);
      const lead = c.winnerApplicationId ? await m.findOneBy(ChallengeApplication, { id: c.winnerApplicationId }) : null;
      if (!lead || user.organizationId !== lead.leadOrganizationId || user.role !== 'supplier')
        throw new ActionForbidden('只有揭榜方牵头单位可以确认挂帅');
      return toChallengeResponse(await this.transition(m, c, 'startWork', user));
    });
  }

  async transition(
    m: EntityManager,
    c: Challenge,
    action: ChallengeAction,
    user: AuthenticatedUser | null,
    extra: Partial<Challenge> = {},
    comment?: string,
  ): Promise<Challenge> {
    const from = c.status;
    const to = CHALLENGE_LIFECYCLE.next(from, action);
    await m.update(Challenge, { id: c.id }, { status: to, ...extra });
    Object.assign(c, { status: to, ...extra });
    await recordAudit(m, user ? actor(user) : null, {
      action: `challenge.${action}`,
      entityType: 'challenge',
      entityId: c.id,
      regionCode: c.regionCode,
      before: { status: from },
      after: { status: to },
      comment: comment ?? null,
    });
    return c;
  }
}

export function actor(user: AuthenticatedUser) {
  return { userId: user.id, role: user.role };
}

/** Users of every organization in the application (lead and confirmed members), for notifications. */
export async function winnerUsers(m: EntityManager, applicationId: string): Promise<string[]> {
  const members = await m.find(ChallengeApplicationMember, { where: { applicationId, status: In(['confirmed']) } });
  const ids: string[] = [];
  for (const member of members) ids.push(...(await usersOfOrganization(m, member.organizationId, ['supplier', 'owner'])));
  return ids;
}

function validateContent(dto: Pick<CreateChallengeDto, 'rubric' | 'opensAt' | 'closesAt' | 'eligibility'>): void {
  const keys = dto.rubric.map((c) => c.key);
  if (new Set(keys).size !== keys.length) throw new BadRequestException('评分项标识不能重复');
  if (new Date(dto.closesAt) <= new Date(dto.opensAt)) throw new BadRequestException('截止时间必须晚于开放时间');
  if (!dto.eligibility.consortiumAllowed && dto.eligibility.maxMembers > 1) {
    // Not an error: a single organization is simply bounded by 1.
    dto.eligibility.maxMembers = 1;
  }
}
