import { IllegalTransition } from '@app/common';
import { CHALLENGE_APPLICATION_LIFECYCLE, CHALLENGE_LIFECYCLE } from './challenge.lifecycle';

describe('CHALLENGE_LIFECYCLE', () => {
  it('walks the whole call in order', () => {
    const path = ['publish', 'open', 'close', 'startReview', 'publishNotice', 'award', 'startWork'] as const;
    let state = CHALLENGE_LIFECYCLE.next('draft', path[0]);
    for (const action of path.slice(1)) state = CHALLENGE_LIFECYCLE.next(state, action);
    expect(state).toBe('in_progress');
    expect(CHALLENGE_LIFECYCLE.next(state, 'accept')).toBe('accepted');
    expect(CHALLENGE_LIFECYCLE.next(state, 'fail')).toBe('failed');
  });

  it('refuses to award while still reviewing, naming what is allowed', () => {
    try {
      CHALLENGE_LIFECYCLE.next('reviewing', 'award');
      throw new Error('expected IllegalTransition');
    } catch (error) {
      expect(error).toBeInstanceOf(IllegalTransition);
      expect((error as IllegalTransition).allowed).toEqual(['publishNotice（发布公示）', 'cancel（取消榜单）']);
    }
  });

  it('cannot cancel after the award', () => {
    expect(CHALLENGE_LIFECYCLE.canTransition('awarded', 'cancel')).toBe(false);
    expect(CHALLENGE_LIFECYCLE.roleMayTrigger('open', 'organizer')).toBe(false);
  });

  it('lets an application be withdrawn only before the formal check', () => {
    expect(CHALLENGE_APPLICATION_LIFECYCLE.next('submitted', 'withdraw')).toBe('withdrawn');
    expect(() => CHALLENGE_APPLICATION_LIFECYCLE.next('passed', 'withdraw')).toThrow(IllegalTransition);
  });
});
