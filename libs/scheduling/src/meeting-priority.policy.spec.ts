import { meetingPriority } from './meeting-priority.policy';

describe('meetingPriority', () => {
  const sut = meetingPriority;

  it('ranks mutual above accepted above any suggested request', () => {
    const mutual = sut({ kind: 'mutual' });
    const accepted = sut({ kind: 'accepted', matchScore: 0 });
    const bestSuggested = sut({ kind: 'suggested', matchScore: 1 });

    expect(mutual).toBe(1000);
    expect(accepted).toBe(100);
    expect(bestSuggested).toBe(10);
    expect(mutual).toBeGreaterThan(accepted);
    expect(accepted).toBeGreaterThan(bestSuggested);
  });

  it('orders suggested requests by match score, treating a missing score as 0', () => {
    expect(sut({ kind: 'suggested', matchScore: 0.5 })).toBeCloseTo(5.5);
    expect(sut({ kind: 'suggested', matchScore: 0.8 })).toBeGreaterThan(sut({ kind: 'suggested', matchScore: 0.7 }));
    expect(sut({ kind: 'suggested' })).toBe(1);
  });

  it('ignores the match score of mutual and accepted requests', () => {
    expect(sut({ kind: 'mutual', matchScore: 0.1 })).toBe(sut({ kind: 'mutual', matchScore: 0.9 }));
    expect(sut({ kind: 'accepted', matchScore: 0.1 })).toBe(sut({ kind: 'accepted', matchScore: 0.9 }));
  });
});
