import type { ScheduledMeeting, ScheduleInput, ScheduleResult } from './schedule.types';
import { validateSchedule } from './schedule.validator';

const input: ScheduleInput = {
  slots: [
    { id: 's1', start: '2026-04-16T09:00:00+08:00', end: '2026-04-16T09:20:00+08:00' },
    { id: 's2', start: '2026-04-16T09:20:00+08:00', end: '2026-04-16T09:40:00+08:00' },
  ],
  tables: [
    { id: 't1', name: '1 号桌' },
    { id: 't2', name: '2 号桌' },
  ],
  participants: [
    { id: 'o1', side: 'owner', maxMeetings: 2 },
    { id: 'o2', side: 'owner', maxMeetings: 1, availableSlotIds: ['s1'] },
    { id: 'p1', side: 'supplier', maxMeetings: 2 },
    { id: 'p2', side: 'supplier', maxMeetings: 2 },
  ],
  requests: [
    { id: 'r1', ownerId: 'o1', supplierId: 'p1', kind: 'mutual' },
    { id: 'r2', ownerId: 'o2', supplierId: 'p2', kind: 'accepted' },
    { id: 'r3', ownerId: 'o1', supplierId: 'p2', kind: 'suggested', matchScore: 0.5 },
    { id: 'r4', ownerId: 'o1', supplierId: 'p1', kind: 'suggested', matchScore: 1 },
  ],
};

function meeting(requestId: string, slotId: string, tableId: string, locked = false): ScheduledMeeting {
  const r = input.requests.find((x) => x.id === requestId)!;
  const priority = { mutual: 1000, accepted: 100, suggested: 1 + 9 * (r.matchScore ?? 0) }[r.kind];
  return { requestId, ownerId: r.ownerId, supplierId: r.supplierId, slotId, tableId, locked, priority };
}

function result(
  meetings: ScheduledMeeting[],
  unplacedIds: string[],
  overrides: Partial<ScheduleResult> = {},
): ScheduleResult {
  const totalPriority = meetings.reduce((s, m) => s + m.priority, 0);
  return {
    meetings,
    unplaced: unplacedIds.map((requestId) => ({ requestId, reason: 'no_table', message: '洽谈桌已满' })),
    warnings: [],
    totalPriority,
    upperBound: totalPriority,
    stats: {
      solver: 'heuristic',
      status: 'optimal',
      requests: 4,
      candidates: 4,
      variables: 0,
      placed: meetings.length,
      lockedPlaced: 0,
      unplaced: unplacedIds.length,
      gap: 0,
    },
    ...overrides,
  };
}

const rulesOf = (inp: ScheduleInput, out: ScheduleResult) => validateSchedule(inp, out).map((v) => v.rule);

describe('validateSchedule', () => {
  const sut = validateSchedule;

  it('accepts a schedule that keeps every rule', () => {
    const out = result([meeting('r1', 's1', 't1'), meeting('r2', 's1', 't2'), meeting('r3', 's2', 't1')], ['r4']);

    expect(sut(input, out)).toEqual([]);
  });

  it('flags a participant in two meetings of the same slot', () => {
    const out = result([meeting('r1', 's1', 't1'), meeting('r3', 's1', 't2')], ['r2', 'r4']);

    expect(rulesOf(input, out)).toEqual(['participant_double_booked']);
  });

  it('flags two meetings at one table in one slot', () => {
    const out = result([meeting('r1', 's1', 't1'), meeting('r2', 's1', 't1')], ['r3', 'r4']);

    expect(rulesOf(input, out)).toEqual(['table_double_booked']);
  });

  it('flags a meeting outside a participant’s available slots', () => {
    const out = result([meeting('r2', 's2', 't1')], ['r1', 'r3', 'r4']);

    expect(rulesOf(input, out)).toEqual(['outside_availability']);
  });

  it('flags more meetings than a participant’s maximum', () => {
    const tight: ScheduleInput = {
      ...input,
      participants: input.participants.map((p) => (p.id === 'o1' ? { ...p, maxMeetings: 1 } : p)),
    };
    const out = result([meeting('r1', 's1', 't1'), meeting('r3', 's2', 't1')], ['r2', 'r4']);

    expect(rulesOf(tight, out)).toEqual(['max_meetings_exceeded']);
  });

  it('flags the same pair meeting twice through two requests', () => {
    const out = result([meeting('r1', 's1', 't1'), meeting('r4', 's2', 't1')], ['r2', 'r3']);

    expect(rulesOf(input, out)).toEqual(['duplicate_pair']);
  });

  it('flags a locked meeting that moved or vanished, but not one that stayed', () => {
    const locked: ScheduleInput = { ...input, locked: [{ requestId: 'r1', slotId: 's2', tableId: 't2' }] };

    expect(rulesOf(locked, result([meeting('r1', 's2', 't2', true)], ['r2', 'r3', 'r4']))).toEqual([]);
    expect(rulesOf(locked, result([meeting('r1', 's1', 't2', true)], ['r2', 'r3', 'r4']))).toEqual(['locked_moved']);
    expect(rulesOf(locked, result([meeting('r1', 's2', 't2', false)], ['r2', 'r3', 'r4']))).toEqual(['locked_moved']);
  });

  it('exempts locked meetings from availability and lets them exceed the maximum alone', () => {
    const locked: ScheduleInput = { ...input, locked: [{ requestId: 'r2', slotId: 's2', tableId: 't1' }] };
    const zeroMax: ScheduleInput = {
      ...locked,
      participants: locked.participants.map((p) => (p.id === 'o2' ? { ...p, maxMeetings: 0 } : p)),
    };

    expect(rulesOf(zeroMax, result([meeting('r2', 's2', 't1', true)], ['r1', 'r3', 'r4']))).toEqual([]);
  });

  it('flags a request that is neither scheduled nor explained', () => {
    const out = result([meeting('r1', 's1', 't1')], ['r2', 'r3']);

    expect(rulesOf(input, out)).toEqual(['request_unaccounted']);
  });

  it('flags a wrong total and a bound below the total', () => {
    const out = result([meeting('r1', 's1', 't1')], ['r2', 'r3', 'r4'], { totalPriority: 5, upperBound: 4 });

    expect(rulesOf(input, out)).toEqual(['priority_mismatch', 'bound_below_total']);
  });

  it('flags an unknown slot, and the request it leaves unexplained', () => {
    const out = result([meeting('r1', 's9', 't1')], ['r2', 'r3', 'r4']);

    expect(rulesOf(input, out)).toEqual(['unknown_reference', 'request_unaccounted']);
  });
});
