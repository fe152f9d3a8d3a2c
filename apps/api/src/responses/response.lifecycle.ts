import { StateMachine } from '@app/common';
import { ScenarioResponseStatus, UserRole } from '@app/database';

export type ResponseAction = 'shortlist' | 'reject' | 'accept' | 'withdraw';

export const RESPONSE_STATUS_LABELS: Record<ScenarioResponseStatus, string> = {
  submitted: '已提交',
  shortlisted: '已入围',
  accepted: '已采纳',
  rejected: '未采纳',
  withdrawn: '已撤回',
};

/**
 * 场景响应 lifecycle: submitted → shortlisted → accepted | rejected; submitted/shortlisted → withdrawn.
 * The owner decides (a response may also be rejected without being shortlisted); the supplier withdraws.
 * Editing is allowed only while submitted (see RESPONSE_EDITABLE_STATUSES).
 */
export const RESPONSE_LIFECYCLE = new StateMachine<ScenarioResponseStatus, ResponseAction, UserRole>(
  '场景响应',
  {
    shortlist: { from: ['submitted'], to: 'shortlisted', roles: ['owner'], label: '入围' },
    reject: { from: ['submitted', 'shortlisted'], to: 'rejected', roles: ['owner'], label: '不予采纳' },
    accept: { from: ['shortlisted'], to: 'accepted', roles: ['owner'], label: '采纳' },
    withdraw: { from: ['submitted', 'shortlisted'], to: 'withdrawn', roles: ['supplier'], label: '撤回' },
  },
  RESPONSE_STATUS_LABELS,
);

export const RESPONSE_EDITABLE_STATUSES: readonly ScenarioResponseStatus[] = ['submitted'];
