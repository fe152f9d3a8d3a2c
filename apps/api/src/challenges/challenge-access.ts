import { ResourceNotFound } from '@app/common';
import { Challenge, PUBLIC_CHALLENGE_STATUSES } from '@app/database';
import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { oversees } from '../auth/jurisdiction';

/** Organizers run the calls of their jurisdiction (a provincial organizer also runs its cities' calls); admins run all. */
export function managesChallenge(user: AuthenticatedUser | undefined, challenge: Pick<Challenge, 'regionCode'>): boolean {
  return oversees(user, challenge.regionCode);
}

/** Drafts and cancelled calls are visible only to those who run them; 404 otherwise (no existence leak). */
export function assertChallengeVisible(user: AuthenticatedUser | undefined, challenge: Challenge | null, id: string): Challenge {
  if (!challenge || !(PUBLIC_CHALLENGE_STATUSES.includes(challenge.status) || managesChallenge(user, challenge))) {
    throw new ResourceNotFound('揭榜挂帅榜单', id);
  }
  return challenge;
}

export function assertManages(user: AuthenticatedUser, challenge: Challenge | null, id: string): Challenge {
  const visible = assertChallengeVisible(user, challenge, id);
  if (!managesChallenge(user, visible)) throw new ResourceNotFound('揭榜挂帅榜单', id);
  return visible;
}

/** Row lock on the call: every write that depends on its dates or status serializes here. */
export async function lockChallenge(manager: EntityManager, id: string): Promise<Challenge | null> {
  return manager.getRepository(Challenge).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
}

export class ChallengeConflict extends ConflictException {}

export class IneligibleApplication extends UnprocessableEntityException {
  constructor(message: string, rule: string) {
    super({ message, details: { rule } });
  }
}

/** Maps the database's one-live-application rule to a message the applicant understands. */
export async function translateLiveApplicationConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof QueryFailedError &&
      (error.driverError as { constraint?: string }).constraint === 'uq_challenge_members_live_org'
    ) {
      throw new ChallengeConflict('该单位在本榜单已有在途申报（作为牵头单位或联合体成员），每家单位只能参与一份申报');
    }
    throw error;
  }
}

export function dateTimeText(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
