import { StateMachine } from '@app/common';
import type { ChallengeApplicationStatus } from '../entities/challenge-application.entity';
import type { ChallengeStatus } from '../entities/challenge.entity';
import type { UserRole } from '../entities/user.entity';

export type ChallengeAction =
  'publish' | 'open' | 'close' | 'startReview' | 'publishNotice' | 'award' | 'startWork' | 'accept' | 'fail' | 'cancel';

export const CHALLENGE_STATUS_LABELS: Record<ChallengeStatus, string> = {
  draft: '草稿',
  published: '已发榜（待开放申报）',
  open: '申报中',
  closed: '申报已截止',
  reviewing: '专家评审中',
  notice: '公示中',
  awarded: '已确定揭榜方',
  in_progress: '攻关实施中',
  accepted: '验收通过',
  failed: '验收未通过',
  cancelled: '已取消',
};

/**
 * 揭榜挂帅 lifecycle. Transitions with no roles are taken only by the system: the window jobs
 * (open/close) and the acceptance verdicts (accept/fail).
 */
export const CHALLENGE_LIFECYCLE = new StateMachine<ChallengeStatus, ChallengeAction, UserRole>(
  '揭榜挂帅榜单',
  {
    publish: { from: ['draft'], to: 'published', roles: ['organizer'], label: '发榜' },
    open: { from: ['published'], to: 'open', roles: [], label: '开放申报' },
    close: { from: ['open'], to: 'closed', roles: [], label: '截止申报' },
    startReview: { from: ['closed'], to: 'reviewing', roles: ['organizer'], label: '启动专家评审' },
    publishNotice: { from: ['reviewing'], to: 'notice', roles: ['organizer'], label: '发布公示' },
    award: { from: ['notice'], to: 'awarded', roles: ['organizer'], label: '确定揭榜方' },
    startWork: { from: ['awarded'], to: 'in_progress', roles: ['supplier'], label: '挂帅启动攻关' },
    accept: { from: ['in_progress'], to: 'accepted', roles: [], label: '验收通过' },
    fail: { from: ['in_progress'], to: 'failed', roles: [], label: '验收不通过' },
    cancel: {
      from: ['draft', 'published', 'open', 'closed', 'reviewing', 'notice'],
      to: 'cancelled',
      roles: ['organizer'],
      label: '取消榜单',
    },
  },
  CHALLENGE_STATUS_LABELS,
);

export type ChallengeApplicationAction = 'submit' | 'withdraw' | 'passFormalCheck' | 'failFormalCheck';

export const CHALLENGE_APPLICATION_STATUS_LABELS: Record<ChallengeApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
  passed: '形式审查通过',
  rejected: '形式审查未通过',
};

export const CHALLENGE_APPLICATION_LIFECYCLE = new StateMachine<ChallengeApplicationStatus, ChallengeApplicationAction, UserRole>(
  '揭榜申报',
  {
    submit: { from: ['draft'], to: 'submitted', roles: ['supplier'], label: '提交申报' },
    withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', roles: ['supplier'], label: '撤回申报' },
    passFormalCheck: { from: ['submitted'], to: 'passed', roles: ['organizer'], label: '形式审查通过' },
    failFormalCheck: { from: ['submitted'], to: 'rejected', roles: ['organizer'], label: '形式审查不通过' },
  },
  CHALLENGE_APPLICATION_STATUS_LABELS,
);

/** Statuses in which the public (any logged-in user) may read the call. */
export const PUBLIC_CHALLENGE_STATUSES: readonly ChallengeStatus[] = [
  'published',
  'open',
  'closed',
  'reviewing',
  'notice',
  'awarded',
  'in_progress',
  'accepted',
  'failed',
];
