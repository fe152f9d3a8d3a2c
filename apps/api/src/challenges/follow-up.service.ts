import { ActionForbidden, pageOf, ResourceNotFound } from '@app/common';
import {
  Challenge,
  ChallengeAcceptanceReview,
  ChallengeApplicationMember,
  ChallengeExpertConflict,
  ChallengeMilestone,
  ChallengeObjection,
  ExpertProfile,
  PUBLIC_CHALLENGE_STATUSES,
  recordAudit,
  recordNotifications,
  User,
} from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { assertChallengeVisible, assertManages, ChallengeConflict, lockChallenge, managesChallenge } from './challenge-access';
import { ChallengeJobScheduler } from './challenge-job.scheduler';
import { ListChallengesQueryDto, toChallengeResponse } from './dto/challenge.dto';
import { actor, ChallengesService } from './challenges.service';
import {
  AcceptanceResponseDto,
  AcceptanceReviewDto,
  AcceptanceVerdictDto,
  AnswerObjectionDto,
  FileObjectionDto,
  MilestoneListDto,
  MilestoneResponseDto,
  MyAcceptanceReviewPageDto,
  ObjectionListDto,
  ObjectionResponseDto,
  ReportProgressDto,
  RescheduleMilestoneDto,
} from './dto/follow-up.dto';
import { applicationOrganizations } from './reviews.service';
import { assignExperts } from './review/expert-assignment';

@Injectable()
export class FollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly challenges: ChallengesService,
    private readonly jobs: ChallengeJobScheduler,
    private readonly notifications: NotificationsProducer,
  ) {}

  // ── 异议 ────────────────────────────────────────────────────────────────

  async fileObjection(user: AuthenticatedUser, id: string, dto: FileObjectionDto): Promise<ObjectionResponseDto> {
    const notified: string[] = [];
    const result = await this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, id), id);
      if (c.status !== 'notice' || c.noticeEndedAt || (c.noticeEndsAt && c.noticeEndsAt.getTime() <= Date.now())) {
        throw new ChallengeConflict('只能在公示期内提出异议');
      }
      const objection = await m.save(m.create(ChallengeObjection, { challengeId: id, filedBy: user.id, content: dto.content }));
      await recordAudit(m, actor(user), {
        action: 'challenge.objection_file',
        entityType: 'challenge_objection',
        entityId: objection.id,
        regionCode: c.regionCode,
        after: { challengeId: id },
      });
      if (c.createdBy) {
        notified.push(
          ...(await recordNotifications(m, [c.createdBy], {
            kind: 'challenge.objection',
            title: `公示异议：${c.title}`,
            body: '收到一条新的公示异议，确定揭榜方前须逐条答复。',
            link: `/challenges/${id}/objections`,
          })),
        );
      }
      return toObjection(objection, user);
    });
    await this.notifications.deliverByEmail(notified);
    return result;
  }

  async listObjections(user: AuthenticatedUser, id: string): Promise<ObjectionListDto> {
    const m = this.dataSource.manager;
    const c = assertChallengeVisible(user, await m.findOneBy(Challenge, { id }), id);
    const all = await m.find(ChallengeObjection, { where: { challengeId: id }, order: { createdAt: 'ASC' } });
    const visible = managesChallenge(user, c) ? all : all.filter((o) => o.filedBy === user.id);
    return { items: visible.map((o) => toObjection(o, user)), unanswered: visible.filter((o) => !o.answeredAt).length };
  }

  async answerObjection(user: AuthenticatedUser, id: string, objectionId: string, dto: AnswerObjectionDto): Promise<ObjectionResponseDto> {
    const notified: string[] = [];
    const result = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      const objection = await m.findOneBy(ChallengeObjection, { id: objectionId, challengeId: id });
      if (!objection) throw new ResourceNotFound('异议', objectionId);
      if (objection.answeredAt) throw new ChallengeConflict('该异议已答复');
      Object.assign(objection, { answer: dto.answer, answeredBy: user.id, answeredAt: new Date() });
      await m.save(objection);
      await recordAudit(m, actor(user), {
        action: 'challenge.objection_answer',
        entityType: 'challenge_objection',
        entityId: objection.id,
        regionCode: c.regionCode,
        comment: dto.answer,
      });
      if (objection.filedBy) {
        notified.push(
          ...(await recordNotifications(m, [objection.filedBy], {
            kind: 'challenge.objection_answered',
            title: `异议已答复：${c.title}`,
            body: dto.answer,
            link: `/challenges/${id}/objections`,
          })),
        );
      }
      return toObjection(objection, user);
    });
    await this.notifications.deliverByEmail(notified);
    return result;
  }

  // ── 里程碑 ──────────────────────────────────────────────────────────────

  async listMilestones(user: AuthenticatedUser, id: string): Promise<MilestoneListDto> {
    const m = this.dataSource.manager;
    const c = assertChallengeVisible(user, await m.findOneBy(Challenge, { id }), id);
    await this.assertFollowUpReader(m, user, c);
    const rows = await m.find(ChallengeMilestone, { where: { challengeId: id }, order: { seq: 'ASC' } });
    return { items: rows.map(toMilestone) };
  }

  async reportProgress(user: AuthenticatedUser, id: string, milestoneId: string, dto: ReportProgressDto): Promise<MilestoneResponseDto> {
    return this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, id), id);
      if (!(await this.isWinnerUser(m, user, c))) throw new ResourceNotFound('里程碑', milestoneId);
      const milestone = await m.findOne(ChallengeMilestone, {
        where: { id: milestoneId, challengeId: id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!milestone) throw new ResourceNotFound('里程碑', milestoneId);
      if (c.status !== 'in_progress') throw new ChallengeConflict('请先确认挂帅（启动攻关）后再报告进展');
      if (milestone.status === 'done') throw new ChallengeConflict('该里程碑已完成');
      const now = new Date();
      milestone.reports = [...milestone.reports, { at: now.toISOString(), userId: user.id, percent: dto.percent, note: dto.note }];
      milestone.progressPercent = dto.percent;
      if (dto.percent === 100) Object.assign(milestone, { status: 'done', completedAt: now });
      await m.save(milestone);
      await recordAudit(m, actor(user), {
        action: 'challenge.milestone_progress',
        entityType: 'challenge_milestone',
        entityId: milestone.id,
        regionCode: c.regionCode,
        after: { percent: dto.percent, status: milestone.status },
        comment: dto.note,
      });
      return toMilestone(milestone);
    });
  }

  /** A new due date replaces the reminder and overdue jobs (ids carry the date, so the old ones are removed). */
  async rescheduleMilestone(
    user: AuthenticatedUser,
    id: string,
    milestoneId: string,
    dto: RescheduleMilestoneDto,
  ): Promise<MilestoneResponseDto> {
    const { milestone, oldDueAt, challenge } = await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      if (!['awarded', 'in_progress'].includes(c.status)) throw new ChallengeConflict('只有实施阶段的里程碑可以调整');
      const row = await m.findOne(ChallengeMilestone, { where: { id: milestoneId, challengeId: id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new ResourceNotFound('里程碑', milestoneId);
      if (row.status === 'done') throw new ChallengeConflict('该里程碑已完成');
      const old = row.dueAt;
      Object.assign(row, { dueAt: new Date(dto.dueAt), remindedAt: null, escalatedAt: null });
      await m.save(row);
      await recordAudit(m, actor(user), {
        action: 'challenge.milestone_reschedule',
        entityType: 'challenge_milestone',
        entityId: row.id,
        regionCode: c.regionCode,
        before: { dueAt: old.toISOString() },
        after: { dueAt: row.dueAt.toISOString() },
      });
      return { milestone: row, oldDueAt: old, challenge: c };
    });
    await this.jobs.safely('reschedule milestone', async () => {
      await this.jobs.cancelMilestone(milestone.id, oldDueAt);
      await this.jobs.scheduleMilestone(milestone, challenge.milestoneReminderLeadHours);
    });
    return toMilestone(milestone);
  }

  // ── 验收 ────────────────────────────────────────────────────────────────

  /** Seats acceptance experts (same conflict rules as the review) once every milestone is done. */
  async startAcceptance(user: AuthenticatedUser, id: string): Promise<AcceptanceResponseDto> {
    const notified: string[] = [];
    await this.dataSource.transaction(async (m) => {
      const c = assertManages(user, await lockChallenge(m, id), id);
      if (c.status !== 'in_progress') throw new ChallengeConflict('只有攻关实施中的榜单可以组织验收');
      const open = await m.countBy(ChallengeMilestone, { challengeId: id, status: 'pending' });
      if (open > 0) throw new ChallengeConflict(`还有 ${open} 个里程碑未完成，不能组织验收`);
      if (await m.existsBy(ChallengeAcceptanceReview, { challengeId: id })) throw new ChallengeConflict('验收专家已分配');
      const orgs = (await applicationOrganizations(m, [c.winnerApplicationId!])).get(c.winnerApplicationId!) ?? [];
      const pool = await m
        .createQueryBuilder(ExpertProfile, 'p')
        .innerJoin(User, 'u', 'u.id = p.user_id')
        .select(['p.user_id AS "userId"', 'u.organization_id AS "organizationId"', 'p.domains AS domains'])
        .where(`p.active AND u.role = 'expert'`)
        .getRawMany();
      const conflicts = await m.findBy(ChallengeExpertConflict, { challengeId: id });
      const { added, unfilled } = assignExperts(
        [{ id: c.winnerApplicationId!, organizationIds: orgs }],
        pool,
        conflicts,
        [],
        c.expertsPerApplication,
        c.domains,
      );
      if (unfilled.length) throw new ChallengeConflict(`无利益冲突的验收专家不足（${unfilled[0].assigned}/${unfilled[0].needed}）`);
      await m.save(added.map((p) => m.create(ChallengeAcceptanceReview, { challengeId: id, expertUserId: p.expertUserId })));
      await recordAudit(m, actor(user), {
        action: 'challenge.acceptance_start',
        entityType: 'challenge',
        entityId: id,
        regionCode: c.regionCode,
        after: { experts: added.map((p) => p.expertUserId) },
      });
      notified.push(
        ...(await recordNotifications(
          m,
          added.map((p) => p.expertUserId),
          {
            kind: 'challenge.acceptance_assigned',
            title: `验收任务：${c.title}`,
            body: '请审阅揭榜方成果并给出验收结论。',
            link: `/challenges/${id}/acceptance`,
          },
        )),
      );
    });
    await this.notifications.deliverByEmail(notified);
    return this.getAcceptance(user, id);
  }

  /** When the last verdict is in: more than half passing → accepted, otherwise failed. */
  async submitVerdict(user: AuthenticatedUser, id: string, dto: AcceptanceVerdictDto): Promise<AcceptanceResponseDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有验收专家可以给出验收结论');
    await this.dataSource.transaction(async (m) => {
      const c = assertChallengeVisible(user, await lockChallenge(m, id), id);
      const review = await m.findOneBy(ChallengeAcceptanceReview, { challengeId: id, expertUserId: user.id });
      if (!review) throw new ResourceNotFound('验收任务');
      if (c.status !== 'in_progress') throw new ChallengeConflict('榜单不在验收阶段');
      if (review.submittedAt) throw new ChallengeConflict('验收结论已提交');
      Object.assign(review, { passed: dto.passed, comment: dto.comment ?? null, submittedAt: new Date() });
      await m.save(review);
      await recordAudit(m, actor(user), {
        action: 'challenge.acceptance_verdict',
        entityType: 'challenge',
        entityId: id,
        regionCode: c.regionCode,
        after: { passed: dto.passed },
        comment: dto.comment ?? null,
      });
      const all = await m.findBy(ChallengeAcceptanceReview, { challengeId: id });
      if (all.every((r) => r.submittedAt)) {
        const passes = all.filter((r) => r.passed).length;
        await this.challenges.transition(
          m,
          c,
          passes * 2 > all.length ? 'accept' : 'fail',
          null,
          {},
          `验收专家 ${all.length} 人，通过 ${passes} 人`,
        );
      }
    });
    return this.getAcceptance(user, id);
  }

  async getAcceptance(user: AuthenticatedUser, id: string): Promise<AcceptanceResponseDto> {
    const m = this.dataSource.manager;
    const c = assertChallengeVisible(user, await m.findOneBy(Challenge, { id }), id);
    await this.assertFollowUpReader(m, user, c);
    const reviews = await m.find(ChallengeAcceptanceReview, { where: { challengeId: id }, order: { createdAt: 'ASC' } });
    const outcome = c.status === 'accepted' ? true : c.status === 'failed' ? false : null;
    return {
      reviews: reviews.map(toAcceptanceReview),
      challengeStatus: c.status,
      outcome,
    };
  }

  /** The calls whose acceptance I review as an expert, with my verdict so far: one request for the expert workspace. */
  async myAcceptanceReviews(user: AuthenticatedUser, query: ListChallengesQueryDto): Promise<MyAcceptanceReviewPageDto> {
    if (user.role !== 'expert') throw new ActionForbidden('只有验收专家可以查看验收任务');
    const m = this.dataSource.manager;
    const qb = m
      .createQueryBuilder(Challenge, 'c')
      .where('c.status IN (:...visible)', { visible: [...PUBLIC_CHALLENGE_STATUSES] })
      .andWhere('EXISTS (SELECT 1 FROM challenge_acceptance_reviews r WHERE r.challenge_id = c.id AND r.expert_user_id = :me)', { me: user.id });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    const [calls, total] = await qb
      .orderBy('c.closes_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    if (!calls.length) return pageOf([], total, query);
    const reviews = await m.find(ChallengeAcceptanceReview, { where: { challengeId: In(calls.map((c) => c.id)), expertUserId: user.id } });
    return pageOf(
      calls.map((c) => ({ challenge: toChallengeResponse(c), review: toAcceptanceReview(reviews.find((r) => r.challengeId === c.id)!) })),
      total,
      query,
    );
  }

  private async isWinnerUser(m: EntityManager, user: AuthenticatedUser, c: Challenge): Promise<boolean> {
    if (!c.winnerApplicationId || (user.role !== 'supplier' && user.role !== 'owner')) return false;
    return m.existsBy(ChallengeApplicationMember, {
      applicationId: c.winnerApplicationId,
      organizationId: user.organizationId,
      status: 'confirmed',
    });
  }

  private async assertFollowUpReader(m: EntityManager, user: AuthenticatedUser, c: Challenge): Promise<void> {
    if (managesChallenge(user, c) || (await this.isWinnerUser(m, user, c))) return;
    if (user.role === 'expert' && (await m.existsBy(ChallengeAcceptanceReview, { challengeId: c.id, expertUserId: user.id }))) return;
    throw new ResourceNotFound('里程碑与验收信息');
  }
}

function toAcceptanceReview(r: ChallengeAcceptanceReview): AcceptanceReviewDto {
  return { expertUserId: r.expertUserId, passed: r.passed, comment: r.comment, submittedAt: r.submittedAt?.toISOString() ?? null };
}

function toObjection(o: ChallengeObjection, user: AuthenticatedUser): ObjectionResponseDto {
  return {
    id: o.id,
    challengeId: o.challengeId,
    content: o.content,
    answer: o.answer,
    answeredAt: o.answeredAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    mine: o.filedBy === user.id,
  };
}

export function toMilestone(x: ChallengeMilestone): MilestoneResponseDto {
  return {
    id: x.id,
    seq: x.seq,
    title: x.title,
    deliverable: x.deliverable,
    dueAt: x.dueAt.toISOString(),
    status: x.status,
    progressPercent: x.progressPercent,
    overdue: x.status === 'pending' && x.dueAt.getTime() < Date.now(),
    reports: x.reports.map((r) => ({ at: r.at, percent: r.percent, note: r.note })),
    remindedAt: x.remindedAt?.toISOString() ?? null,
    escalatedAt: x.escalatedAt?.toISOString() ?? null,
    completedAt: x.completedAt?.toISOString() ?? null,
  };
}
