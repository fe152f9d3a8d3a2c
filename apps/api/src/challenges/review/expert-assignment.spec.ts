import { assignExperts, AssignmentExpert, domainFit } from './expert-assignment';

const experts: AssignmentExpert[] = [
  { userId: 'e1', organizationId: 'o-e1', domains: ['具身智能'] },
  { userId: 'e2', organizationId: 'o-e2', domains: ['具身智能'] },
  { userId: 'e3', organizationId: 'o-e3', domains: ['量子科技'] },
  { userId: 'e4', organizationId: 'lead-a', domains: ['具身智能'] },
  { userId: 'e5', organizationId: 'o-e5', domains: ['具身智能'] },
];

describe('assignExperts', () => {
  it('never seats an expert from an applicant or consortium member organization, nor a declared conflict', () => {
    const apps = [
      { id: 'a', organizationIds: ['lead-a'] },
      { id: 'b', organizationIds: ['lead-b', 'o-e2'] },
    ];
    const { added, unfilled } = assignExperts(apps, experts, [{ expertUserId: 'e1', applicationId: 'b' }], [], 3, ['具身智能']);
    const on = (id: string) => added.filter((p) => p.applicationId === id).map((p) => p.expertUserId);
    expect(on('a')).not.toContain('e4');
    expect(on('b')).not.toEqual(expect.arrayContaining(['e1']));
    expect(on('b')).not.toContain('e2');
    expect(on('a')).toHaveLength(3);
    expect(on('b')).toHaveLength(3);
    expect(unfilled).toEqual([]);
  });

  it('balances load and prefers domain fit', () => {
    const apps = ['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, organizationIds: [`lead-${id}`] }));
    const pool = experts.filter((e) => e.userId !== 'e4');
    const { added } = assignExperts(apps, pool, [], [], 2, ['具身智能']);
    const loads = pool.map((e) => added.filter((p) => p.expertUserId === e.userId).length);
    // 8 seats: the three fitting experts share them evenly before the unrelated one gets more than one extra.
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(2);
    expect(added.filter((p) => p.expertUserId === 'e3').length).toBeLessThan(added.filter((p) => p.expertUserId === 'e1').length);
  });

  it('tops up existing assignments and reports applications it cannot fill', () => {
    const apps = [{ id: 'a', organizationIds: ['lead-a'] }];
    const { added, unfilled } = assignExperts(apps, experts, [], [{ applicationId: 'a', expertUserId: 'e1' }], 5, []);
    expect(added.map((p) => p.expertUserId).sort()).toEqual(['e2', 'e3', 'e5']);
    expect(unfilled).toEqual([{ applicationId: 'a', assigned: 4, needed: 5 }]);
  });

  it('scores domain fit with related domains', () => {
    expect(domainFit(['具身智能'], ['具身智能'])).toBe(2);
    expect(domainFit(['量子科技'], ['具身智能'])).toBe(0);
  });
});
