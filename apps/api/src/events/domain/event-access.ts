import { ExchangeEvent } from '@app/database';
import type { AuthenticatedUser } from '../../auth/current-user';
import { oversees } from '../../auth/jurisdiction';

/** Organizers manage events inside their jurisdiction; admins manage all. */
export function managesRegion(user: AuthenticatedUser | undefined, regionCode: string): boolean {
  return oversees(user, regionCode);
}

export function managesEvent(user: AuthenticatedUser | undefined, event: Pick<ExchangeEvent, 'regionCode'>): boolean {
  return managesRegion(user, event.regionCode);
}

/** Drafts and cancelled events are the organizer's business; the public sees published and completed ones. */
export function isPubliclyVisible(event: Pick<ExchangeEvent, 'status'>): boolean {
  return event.status === 'published' || event.status === 'completed';
}
