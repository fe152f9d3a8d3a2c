import { StateMachine } from '@app/common';
import type { MatchStatus } from '@app/database';

/**
 * Who acts on a match: the scenario's owner side, the capability's supplier side, or an organizer
 * (an admin acts as an organizer). The side, not the account role, decides what an action means.
 */
export type MatchActorSide = 'owner' | 'supplier' | 'organizer';

export type MatchAction =
  | 'ownerInterest'
  | 'supplierInterest'
  | 'ownerConfirm'
  | 'supplierConfirm'
  | 'dismiss'
  | 'meet'
  | 'land'
  | 'closeWithoutLanding';

export const MATCH_STATUS_LABELS: Record<MatchStatus, string> = {
  suggested: '系统推荐',
  dismissed: '已忽略',
  interested_owner: '需求方感兴趣',
  interested_supplier: '供给方感兴趣',
  mutual: '双方感兴趣',
  meeting: '已约见',
  landed: '已落地',
};

const OPEN: MatchStatus[] = ['suggested', 'interested_owner', 'interested_supplier', 'mutual', 'meeting'];

/**
 * 场景对接 lifecycle: suggested → interested_owner | interested_supplier → mutual (both) → meeting → landed.
 * Either party may dismiss an open match; a mutual match or meeting that does not land is closed as dismissed
 * with outcome not_landed. Contacts unlock at mutual.
 */
export const MATCH_LIFECYCLE = new StateMachine<MatchStatus, MatchAction, MatchActorSide>(
  '对接推荐',
  {
    ownerInterest: { from: ['suggested'], to: 'interested_owner', roles: ['owner'], label: '需求方表示感兴趣' },
    supplierInterest: { from: ['suggested'], to: 'interested_supplier', roles: ['supplier'], label: '供给方表示感兴趣' },
    ownerConfirm: { from: ['interested_supplier'], to: 'mutual', roles: ['owner'], label: '需求方表示感兴趣（双向）' },
    supplierConfirm: { from: ['interested_owner'], to: 'mutual', roles: ['supplier'], label: '供给方表示感兴趣（双向）' },
    dismiss: { from: OPEN, to: 'dismissed', roles: ['owner', 'supplier'], label: '忽略' },
    meet: { from: ['mutual'], to: 'meeting', roles: ['owner', 'supplier', 'organizer'], label: '登记约见' },
    land: { from: ['mutual', 'meeting'], to: 'landed', roles: ['owner', 'supplier', 'organizer'], label: '登记落地' },
    closeWithoutLanding: { from: ['mutual', 'meeting'], to: 'dismissed', roles: ['owner', 'supplier', 'organizer'], label: '登记未落地' },
  },
  MATCH_STATUS_LABELS,
);

/** Interest from one side: the first one marks interest, the second makes it mutual. */
export function interestActionFor(side: 'owner' | 'supplier', status: MatchStatus): MatchAction {
  if (side === 'owner') return status === 'interested_supplier' ? 'ownerConfirm' : 'ownerInterest';
  return status === 'interested_owner' ? 'supplierConfirm' : 'supplierInterest';
}

/** Statuses in which both parties have said yes, so each may see the other's contact details. */
export const CONTACT_UNLOCKED_STATUSES: readonly MatchStatus[] = ['mutual', 'meeting', 'landed'];
