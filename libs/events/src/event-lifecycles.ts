import { StateMachine } from '@app/common';
import type { EventStatus, MeetingRequestStatus, UserRole } from '@app/database';

export type EventAction = 'publish' | 'cancel' | 'complete';

/** 活动: drafted, published for registration, then completed (no-shows recorded) or cancelled. */
export const EVENT_LIFECYCLE = new StateMachine<EventStatus, EventAction, UserRole>(
  '活动',
  {
    publish: { from: ['draft'], to: 'published', roles: ['organizer', 'admin'], label: '发布' },
    cancel: { from: ['draft', 'published'], to: 'cancelled', roles: ['organizer', 'admin'], label: '取消' },
    complete: { from: ['published'], to: 'completed', roles: ['organizer', 'admin'], label: '结束活动' },
  },
  { draft: '草稿', published: '已发布', cancelled: '已取消', completed: '已结束' },
);

export type MeetingRequestAction = 'accept' | 'decline' | 'expire' | 'withdraw';

/** 洽谈邀约: the recipient accepts or declines; unanswered ones expire (a job), the sender may withdraw. */
export const MEETING_REQUEST_LIFECYCLE = new StateMachine<MeetingRequestStatus, MeetingRequestAction, UserRole>(
  '洽谈邀约',
  {
    accept: { from: ['pending'], to: 'accepted', roles: ['owner', 'supplier'], label: '接受' },
    decline: { from: ['pending'], to: 'declined', roles: ['owner', 'supplier'], label: '拒绝' },
    expire: { from: ['pending'], to: 'expired', roles: [], label: '过期' },
    withdraw: { from: ['pending', 'accepted'], to: 'cancelled', roles: ['owner', 'supplier'], label: '撤回' },
  },
  { pending: '待回复', accepted: '已接受', declined: '已拒绝', expired: '已过期', cancelled: '已撤回' },
);

export const REGISTRATION_STATUS_LABELS = { registered: '已报名', waitlisted: '候补中', cancelled: '已取消' } as const;
