import {
  Challenge,
  ChallengeAction,
  ChallengeApplicationMember,
  CHALLENGE_LIFECYCLE,
  ChallengeMilestone,
  recordAudit,
  recordNotifications,
  usersOfOrganization,
} from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type JobOutcome = { done: true; action: string } | { skipped: string };

/**
 * What the delayed challenge jobs do. Each re-reads the record under a row lock and acts only when the
 * job still matches it (same date, expected state, not yet done), so a stale job — dates changed, job
 * run twice, worker restarted mid-way — is a harmless no-op.
 */
@Injectable()
export class ChallengeJobsService {
  private readonly logger = new Logger(ChallengeJobsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsProducer,
  ) {}

  async openWindow(challengeId: string, opensAt: string): Promise<JobOutcome> {
    return this.dataSource.transaction(async (m) => {
      const c = await lock(m, challengeId);
      if (!c) return { skipped: 'challenge gone' };
      if (c.opensAt.getTime() !== Date.parse(opensAt)) return { skipped: 'opening date changed' };
      if (c.status !== 'published') return { skipped: `status ${c.status}` };
      await transition(m, c, 'open');
      return { done: true, action: 'open' };
    });
  }

  /** Also opens first when the open job was lost, so the call never stays "published" past its deadline. */
  async closeWindow(challengeId: string, closesAt: string): Promise<JobOutcome> {
    return this.dataSource.transaction(async (m) => {
      const c = await lock(m, challengeId);
      if (!c) return { skipped: 'challenge gone' };
      if (c.closesAt.getTime() !== Date.parse(closesAt)) return { skipped: 'deadline changed' };
      if (c.status === 'published') await transition(m, c, 'open');
      if (c.status !== 'open') return { skipped: `status ${c.status}` };
      await transition(m, c, 'close');
      return { done: true, action: 'close' };
    });
  }

  async endNotice(challengeId: string, endsAt: string): Promise<JobOutcome> {
    const notified: string[] = [];
    const outcome = await this.dataSource.transaction(async (m): Promise<JobOutcome> => {
      const c = await lock(m, challengeId);
      if (!c) return { skipped: 'challenge gone' };
      if (c.status !== 'notice' || c.noticeEndedAt) return { skipped: `status ${c.status}` };
      if (c.noticeEndsAt?.getTime() !== Date.parse(endsAt)) return { skipped: 'notice end changed' };
      await m.update(Challenge, { id: c.id }, { noticeEndedAt: new Date() });
      await recordAudit(m, null, {
        action: 'challenge.notice_end',
        entityType: 'challenge',
        entityId: c.id,
        regionCode: c.regionCode,
        after: { noticeEndsAt: endsAt },
      });
      if (c.createdBy) {
        notified.push(
          ...(await recordNotifications(m, [c.createdBy], {
            kind: 'challenge.notice_ended',
            title: `公示期满：${c.title}`,
            body: '公示期已结束；全部异议答复后即可确定揭榜方。',
            link: `/challenges/${c.id}`,
            dedupeKey: `challenge.notice_ended.${c.id}`,
          })),
        );
      }
      return { done: true, action: 'notice-end' };
    });
    await this.notifications.deliverByEmail(notified);
    return outcome;
  }

  async milestoneReminder(milestoneId: string, dueAt: string): Promise<JobOutcome> {
    return this.milestoneJob(milestoneId, dueAt, 'reminder');
  }

  async milestoneOverdue(milestoneId: string, dueAt: string): Promise<JobOutcome> {
    return this.milestoneJob(milestoneId, dueAt, 'overdue');
  }

  /** Reminder → the winner's organizations; overdue → escalated to the organizer who runs the call (and the winner is told). */
  private async milestoneJob(milestoneId: string, dueAt: string, kind: 'reminder' | 'overdue'): Promise<JobOutcome> {
    const notified: string[] = [];
    const outcome = await this.dataSource.transaction(async (m): Promise<JobOutcome> => {
      const milestone = await m.findOne(ChallengeMilestone, { where: { id: milestoneId }, lock: { mode: 'pessimistic_write' } });
      if (!milestone) return { skipped: 'milestone gone' };
      if (milestone.dueAt.getTime() !== Date.parse(dueAt)) return { skipped: 'due date changed' };
      if (milestone.status === 'done') return { skipped: 'already done' };
      if ((kind === 'reminder' ? milestone.remindedAt : milestone.escalatedAt) !== null) return { skipped: 'already sent' };
      const c = await m.findOneBy(Challenge, { id: milestone.challengeId });
      if (!c || !['awarded', 'in_progress'].includes(c.status)) return { skipped: `challenge ${c?.status ?? 'gone'}` };
      await m.update(
        ChallengeMilestone,
        { id: milestone.id },
        kind === 'reminder' ? { remindedAt: new Date() } : { escalatedAt: new Date() },
      );
      const members = await m.find(ChallengeApplicationMember, { where: { applicationId: milestone.applicationId, status: 'confirmed' } });
      const winners: string[] = [];
      for (const x of members) winners.push(...(await usersOfOrganization(m, x.organizationId, ['supplier', 'owner'])));
      const due = milestone.dueAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
      const key = `challenge.milestone.${kind}.${milestone.id}.${milestone.dueAt.getTime()}`;
      if (kind === 'reminder') {
        notified.push(
          ...(await recordNotifications(m, winners, {
            kind: 'challenge.milestone_reminder',
            title: `里程碑即将到期：${milestone.title}`,
            body: `「${c.title}」第 ${milestone.seq} 个里程碑将于 ${due} 到期，交付物：${milestone.deliverable}。`,
            link: `/challenges/${c.id}/milestones`,
            dedupeKey: key,
          })),
        );
      } else {
        const organizers = c.createdBy ? [c.createdBy] : [];
        notified.push(
          ...(await recordNotifications(m, organizers, {
            kind: 'challenge.milestone_overdue',
            title: `里程碑逾期督办：${milestone.title}`,
            body: `「${c.title}」第 ${milestone.seq} 个里程碑已于 ${due} 到期仍未完成，请督办。`,
            link: `/challenges/${c.id}/milestones`,
            dedupeKey: key,
          })),
        );
        notified.push(
          ...(await recordNotifications(m, winners, {
            kind: 'challenge.milestone_overdue',
            title: `里程碑已逾期：${milestone.title}`,
            body: `「${c.title}」第 ${milestone.seq} 个里程碑已逾期，已通报主办方。`,
            link: `/challenges/${c.id}/milestones`,
            dedupeKey: key,
          })),
        );
      }
      await recordAudit(m, null, {
        action: `challenge.milestone_${kind}`,
        entityType: 'challenge_milestone',
        entityId: milestone.id,
        regionCode: c.regionCode,
        after: { dueAt },
      });
      return { done: true, action: kind };
    });
    await this.notifications.deliverByEmail(notified);
    if ('done' in outcome) this.logger.log({ milestoneId, kind }, 'Milestone job fired');
    return outcome;
  }
}

async function lock(m: EntityManager, id: string): Promise<Challenge | null> {
  return m.getRepository(Challenge).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

async function transition(m: EntityManager, c: Challenge, action: ChallengeAction): Promise<void> {
  const from = c.status;
  const to = CHALLENGE_LIFECYCLE.next(from, action);
  await m.update(Challenge, { id: c.id }, { status: to });
  c.status = to;
  await recordAudit(m, null, {
    action: `challenge.${action}`,
    entityType: 'challenge',
    entityId: c.id,
    regionCode: c.regionCode,
    before: { status: from },
    after: { status: to },
    comment: '定时任务',
  });
}
