import { ExchangeEvent } from '@app/database';
import { isWithinRegion } from '@app/taxonomy';
import type { AuthenticatedUser } from '../../auth/current-user';

/** Organizers manage events inside their jurisdiction; admins manage all. */
export function managesRegion(user: AuthenticatedUser | undefined, regionCode: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'organizer' && !!user.jurisdictionRegionCode && isWithinRegion(regionCode, user.jurisdictionRegionCode);
}

export function managesEvent(user: AuthenticatedUser | undefined, event: Pick<ExchangeEvent, 'regionCode'>): boolean {
  return managesRegion(user, event.regionCode);
}

/** Drafts and cancelled events are the organizer's business; the public sees published and completed ones. */
export function isPubliclyVisible(event: Pick<ExchangeEvent, 'status'>): boolean {
  return event.status === 'published' || event.status === 'completed';
}
