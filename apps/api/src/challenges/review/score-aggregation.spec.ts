import { rankApplications, trimmedMean, weightedTotal } from './score-aggregation';

const rubric = [
  { key: 'tech', name: '技术方案', weight: 60 },
  { key: 'team', name: '团队能力', weight: 40 },
];
const sheet = (tech: number, team: number) => [
  { criterionKey: 'tech', score: tech, comment: '' },
  { criterionKey: 'team', score: team, comment: '' },
];

describe('score aggregation', () => {
  it('weights criteria', () => {
    expect(weightedTotal(rubric, sheet(90, 80))).toBe(86);
  });

  it('drops highest and lowest only with five or more experts', () => {
    expect(trimmedMean([80, 90, 70])).toEqual({ mean: 80, droppedExtremes: false });
    expect(trimmedMean([50, 80, 90, 70, 100])).toEqual({ mean: 80, droppedExtremes: true });
  });

  it('ranks by final score, then highest-weight criterion, then earlier submission', () => {
    const ranked = rankApplications(rubric, [
      { applicationId: 'late', submittedAt: new Date('2026-01-02'), sheets: [sheet(80, 80)] },
      { applicationId: 'early', submittedAt: new Date('2026-01-01'), sheets: [sheet(80, 80)] },
      { applicationId: 'tech', submittedAt: new Date('2026-01-03'), sheets: [sheet(90, 65)] }, // 80 as well, but better on tech
      { applicationId: 'best', submittedAt: new Date('2026-01-04'), sheets: [sheet(95, 95)] },
    ]);
    expect(ranked.map((r) => r.applicationId)).toEqual(['best', 'tech', 'early', 'late']);
    expect(ranked[1]).toMatchObject({ finalScore: 80, tieBreakScore: 90, rank: 2 });
  });
});
