import { EventRegistration } from '@app/database';
import { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../auth/current-user';

/** The caller organization's live (registered or waitlisted) registration for the event, if any. */
export async function callerRegistration(manager: EntityManager, user: AuthenticatedUser, eventId: string, lock = false): Promise<EventRegistration | null> {
  if (user.role !== 'owner' && user.role !== 'supplier') return null;
  const qb = manager
    .createQueryBuilder(EventRegistration, 'r')
    .where('r.event_id = :eventId AND r.organization_id = :org AND r.status <> :cancelled', { eventId, org: user.organizationId, cancelled: 'cancelled' });
  if (lock) qb.setLock('pessimistic_write');
  return qb.getOne();
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 8 characters without look-alikes (0/O, 1/I), easy to type at the door. */
export function newCheckInCode(random: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}
