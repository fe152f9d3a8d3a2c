import { IllegalTransition } from '@app/common';
import { CONTACT_UNLOCKED_STATUSES, MATCH_LIFECYCLE, interestActionFor } from './match.lifecycle';

describe('MATCH_LIFECYCLE', () => {
  it('makes interest mutual only when the other side already said yes', () => {
    expect(interestActionFor('owner', 'suggested')).toBe('ownerInterest');
    expect(interestActionFor('owner', 'interested_supplier')).toBe('ownerConfirm');
    expect(interestActionFor('supplier', 'interested_owner')).toBe('supplierConfirm');
    expect(MATCH_LIFECYCLE.next('suggested', 'ownerInterest')).toBe('interested_owner');
    expect(MATCH_LIFECYCLE.next('interested_owner', 'supplierConfirm')).toBe('mutual');
  });

  it('rejects the same side saying yes twice, and acting on closed matches', () => {
    expect(() => MATCH_LIFECYCLE.next('interested_owner', interestActionFor('owner', 'interested_owner'))).toThrow(IllegalTransition);
    expect(() => MATCH_LIFECYCLE.next('dismissed', 'dismiss')).toThrow(IllegalTransition);
    expect(() => MATCH_LIFECYCLE.next('landed', 'dismiss')).toThrow(IllegalTransition);
    expect(() => MATCH_LIFECYCLE.next('suggested', 'land')).toThrow(IllegalTransition);
  });

  it('lets only the parties express interest or dismiss; organizers may record meetings and outcomes', () => {
    expect(MATCH_LIFECYCLE.roleMayTrigger('ownerInterest', 'organizer')).toBe(false);
    expect(MATCH_LIFECYCLE.roleMayTrigger('supplierInterest', 'owner')).toBe(false);
    expect(MATCH_LIFECYCLE.roleMayTrigger('dismiss', 'organizer')).toBe(false);
    expect(MATCH_LIFECYCLE.roleMayTrigger('land', 'organizer')).toBe(true);
  });

  it('unlocks contacts only after both said yes', () => {
    expect(CONTACT_UNLOCKED_STATUSES).toEqual(['mutual', 'meeting', 'landed']);
  });
});
