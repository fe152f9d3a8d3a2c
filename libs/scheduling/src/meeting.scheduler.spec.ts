import { meetingPriority } from './meeting-priority.policy';
import { scheduleMeetings } from './meeting.scheduler';
import { ScheduleInputError } from './schedule-input.error';
import type {
  MeetingRequest,
  ScheduleInput,
  ScheduleParticipant,
  ScheduleResult,
  ScheduleSolver,
  UnplacedReason,
} from './schedule.types';
import { validateSchedule } from './schedule.validator';

function slots(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `s${i + 1}`,
    start: `2026-04-16T09:${String(i * 20).padStart(2, '0')}:00+08:00`,
    end: `2026-04-16T09:${String(i * 20 + 20).padStart(2, '0')}:00+08:00`,
  }));
}

function tables(n: number) {
  return Array.from({ length: n }, (_, i) => ({ id: `t${i + 1}`, name: `${i + 1} 号桌` }));
}

function owner(id: string, maxMeetings = 8, availableSlotIds?: string[]): ScheduleParticipant {
  return { id, side: 'owner', maxMeetings, ...(availableSlotIds ? { availableSlotIds } : {}) };
}

function supplier(id: string, maxMeetings = 8, availableSlotIds?: string[]): ScheduleParticipant {
  return { id, side: 'supplier', maxMeetings, ...(availableSlotIds ? { availableSlotIds } : {}) };
}

function request(
  id: string,
  ownerId: string,
  supplierId: string,
  kind: MeetingRequest['kind'] = 'mutual',
  matchScore?: number,
): MeetingRequest {
  return { id, ownerId, supplierId, kind, ...(matchScore !== undefined ? { matchScore } : {}) };
}

const reasonOf = (result: ScheduleResult, requestId: string): UnplacedReason | undefined =>
  result.unplaced.find((u) => u.requestId === requestId)?.reason;
const placedIds = (result: ScheduleResult) => result.meetings.map((m) => m.requestId).sort();

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEvent(
  seed: number,
  size: { owners: number; suppliers: number; slots: number; tables: number; requests: number; maxMax: number },
): ScheduleInput {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const slotList = slots(size.slots);
  const availability = () => (random() < 0.35 ? slotList.filter(() => random() < 0.6).map((s) => s.id) : undefined);
  const owners = Array.from({ length: size.owners }, (_, i) =>
    owner(`o${i + 1}`, 1 + pick(size.maxMax), availability()),
  );
  const suppliers = Array.from({ length: size.suppliers }, (_, i) =>
    supplier(`p${i + 1}`, 1 + pick(size.maxMax), availability()),
  );
  const requests: MeetingRequest[] = [];
  const kinds = ['mutual', 'accepted', 'suggested'] as const;
  const pairs = new Set<string>();
  for (let attempt = 0; requests.length < size.requests && attempt < 1000; attempt++) {
    const o = owners[pick(owners.length)].id;
    const p = suppliers[pick(suppliers.length)].id;
    if (pairs.has(`${o}|${p}`)) continue;
    pairs.add(`${o}|${p}`);
    requests.push(request(`r${requests.length + 1}`, o, p, kinds[pick(3)], Math.round(random() * 100) / 100));
  }
  return { slots: slotList, tables: tables(size.tables), participants: [...owners, ...suppliers], requests };
}

/** Exhaustive optimum, written without any scheduler code: every request takes one slot or none. */
function bruteForceOptimum(input: ScheduleInput): number {
  const people = new Map(input.participants.map((p) => [p.id, p]));
  const S = input.slots.length;
  const busy = new Set<string>();
  const load = new Map<string, number>();
  const used = new Array<number>(S).fill(0);
  let best = 0;
  const canAttend = (id: string, s: number) => {
    const p = people.get(id)!;
    return (
      (p.availableSlotIds === undefined || p.availableSlotIds.includes(input.slots[s].id)) &&
      !busy.has(`${id}@${s}`) &&
      (load.get(id) ?? 0) < p.maxMeetings
    );
  };
  const visit = (i: number, total: number) => {
    if (i === input.requests.length) {
      best = Math.max(best, total);
      return;
    }
    visit(i + 1, total);
    const r = input.requests[i];
    for (let s = 0; s < S; s++) {
      if (used[s] >= input.tables.length || !canAttend(r.ownerId, s) || !canAttend(r.supplierId, s)) continue;
      for (const id of [r.ownerId, r.supplierId]) {
        busy.add(`${id}@${s}`);
        load.set(id, (load.get(id) ?? 0) + 1);
      }
      used[s]++;
      visit(i + 1, total + meetingPriority(r));
      used[s]--;
      for (const id of [r.ownerId, r.supplierId]) {
        busy.delete(`${id}@${s}`);
        load.set(id, load.get(id)! - 1);
      }
    }
  };
  visit(0, 0);
  return best;
}

describe.each<ScheduleSolver>(['mip', 'heuristic'])('scheduleMeetings (solver: %s)', (solver) => {
  const sut = (input: ScheduleInput) => scheduleMeetings(input, { solver });

  describe('hard rules', () => {
    it('never books a supplier twice in one slot', async () => {
      const input: ScheduleInput = {
        slots: slots(2),
        tables: tables(3),
        participants: [owner('o1'), owner('o2'), owner('o3'), supplier('p1')],
        requests: [request('r1', 'o1', 'p1'), request('r2', 'o2', 'p1'), request('r3', 'o3', 'p1')],
      };

      const result = await sut(input);

      expect(validateSchedule(input, result)).toEqual([]);
      expect(result.meetings).toHaveLength(2);
      expect(new Set(result.meetings.map((m) => m.slotId)).size).toBe(2);
      expect(result.unplaced).toEqual([expect.objectContaining({ reason: 'no_common_free_slot' })]);
    });

    it('schedules only inside both sides’ available slots', async () => {
      const input: ScheduleInput = {
        slots: slots(3),
        tables: tables(1),
        participants: [owner('o1', 8, ['s2', 's3']), supplier('p1', 8, ['s1', 's2'])],
        requests: [request('r1', 'o1', 'p1')],
      };

      const result = await sut(input);

      expect(result.meetings).toEqual([expect.objectContaining({ requestId: 'r1', slotId: 's2', tableId: 't1' })]);
    });

    it('hosts at most one meeting per table and slot, keeping the strongest requests', async () => {
      const input: ScheduleInput = {
        slots: slots(1),
        tables: tables(2),
        participants: [owner('o1'), owner('o2'), owner('o3'), supplier('p1'), supplier('p2'), supplier('p3')],
        requests: [
          request('r1', 'o1', 'p1', 'suggested', 0.9),
          request('r2', 'o2', 'p2', 'accepted'),
          request('r3', 'o3', 'p3', 'mutual'),
        ],
      };

      const result = await sut(input);

      expect(validateSchedule(input, result)).toEqual([]);
      expect(placedIds(result)).toEqual(['r2', 'r3']);
      expect(result.meetings.map((m) => m.tableId).sort()).toEqual(['t1', 't2']);
      expect(reasonOf(result, 'r1')).toBe('no_table');
    });

    it('respects each participant’s maximum', async () => {
      const input: ScheduleInput = {
        slots: slots(3),
        tables: tables(3),
        participants: [owner('o1', 1), supplier('p1'), supplier('p2')],
        requests: [request('r1', 'o1', 'p1', 'accepted'), request('r2', 'o1', 'p2', 'mutual')],
      };

      const result = await sut(input);

      expect(placedIds(result)).toEqual(['r2']);
      expect(reasonOf(result, 'r1')).toBe('owner_max_reached');
    });

    it('lets a pair meet once, reporting the weaker duplicate request', async () => {
      const input: ScheduleInput = {
        slots: slots(3),
        tables: tables(2),
        participants: [owner('o1'), supplier('p1')],
        requests: [request('r1', 'o1', 'p1', 'suggested', 0.4), request('r2', 'o1', 'p1', 'accepted')],
      };

      const result = await sut(input);

      expect(placedIds(result)).toEqual(['r2']);
      expect(reasonOf(result, 'r1')).toBe('duplicate_pair');
    });
  });

  describe('locked meetings', () => {
    const base: ScheduleInput = {
      slots: slots(2),
      tables: tables(1),
      participants: [owner('o1'), owner('o2'), supplier('p1'), supplier('p2')],
      requests: [
        request('r1', 'o1', 'p1', 'suggested', 0.1),
        request('r2', 'o2', 'p2', 'mutual'),
        request('r3', 'o1', 'p2', 'mutual'),
      ],
    };

    it('keeps a locked meeting where it was put and counts it, even against stronger requests', async () => {
      const input: ScheduleInput = { ...base, locked: [{ requestId: 'r1', slotId: 's2', tableId: 't1' }] };

      const result = await sut(input);

      expect(validateSchedule(input, result)).toEqual([]);
      expect(result.meetings).toContainEqual(
        expect.objectContaining({ requestId: 'r1', slotId: 's2', tableId: 't1', locked: true }),
      );
      expect(result.meetings).toHaveLength(2);
      expect(result.totalPriority).toBeCloseTo(meetingPriority({ kind: 'suggested', matchScore: 0.1 }) + 1000);
      expect(result.meetings.filter((m) => !m.locked).every((m) => m.slotId === 's1')).toBe(true);
    });

    it('reports the weaker of two colliding locks instead of dropping it silently', async () => {
      const input: ScheduleInput = {
        ...base,
        locked: [
          { requestId: 'r1', slotId: 's1', tableId: 't1' },
          { requestId: 'r2', slotId: 's1', tableId: 't1' },
        ],
      };

      const result = await sut(input);

      expect(validateSchedule(input, result)).toEqual([]);
      expect(result.meetings).toContainEqual(
        expect.objectContaining({ requestId: 'r2', slotId: 's1', tableId: 't1', locked: true }),
      );
      expect(reasonOf(result, 'r1')).toBe('locked_conflict');
      expect(result.unplaced.find((u) => u.requestId === 'r1')?.message).toContain('r2');
    });

    it('keeps a lock outside a participant’s availability and warns the organizer', async () => {
      const input: ScheduleInput = {
        ...base,
        participants: [owner('o1', 8, ['s1']), owner('o2'), supplier('p1'), supplier('p2')],
        locked: [{ requestId: 'r1', slotId: 's2', tableId: 't1' }],
      };

      const result = await sut(input);

      expect(result.meetings).toContainEqual(expect.objectContaining({ requestId: 'r1', slotId: 's2', locked: true }));
      expect(result.warnings).toEqual([
        expect.objectContaining({ requestId: 'r1', code: 'locked_outside_availability' }),
      ]);
      expect(validateSchedule(input, result)).toEqual([]);
    });
  });

  describe('unplaced reasons', () => {
    it('names the side that is available in no slot, has no meetings left or shares no slot', async () => {
      const input: ScheduleInput = {
        slots: slots(2),
        tables: tables(4),
        participants: [
          owner('o-away', 8, []),
          owner('o1', 8, ['s1']),
          owner('o2'),
          supplier('p-full', 0),
          supplier('p1', 8, ['s2']),
          supplier('p2'),
        ],
        requests: [
          request('r-away', 'o-away', 'p2'),
          request('r-full', 'o2', 'p-full'),
          request('r-apart', 'o1', 'p1'),
          request('r-ghost', 'o2', 'nobody'),
          request('r-ok', 'o2', 'p2'),
        ],
      };

      const result = await sut(input);

      expect(reasonOf(result, 'r-away')).toBe('owner_unavailable');
      expect(reasonOf(result, 'r-full')).toBe('supplier_max_reached');
      expect(reasonOf(result, 'r-apart')).toBe('no_common_free_slot');
      expect(reasonOf(result, 'r-ghost')).toBe('invalid_participant');
      expect(placedIds(result)).toEqual(['r-ok']);
      expect(result.unplaced.map((u) => u.requestId)).toEqual(['r-away', 'r-full', 'r-apart', 'r-ghost']);
      expect(result.unplaced.every((u) => /[\u4e00-\u9fff]/.test(u.message))).toBe(true);
    });
  });

  describe('priority order', () => {
    it('prefers mutual over accepted over suggested when capacity is short', async () => {
      const participants = [owner('o1'), owner('o2'), owner('o3'), supplier('p1'), supplier('p2'), supplier('p3')];
      const requests = [
        request('r-sug', 'o1', 'p1', 'suggested', 1),
        request('r-acc', 'o2', 'p2', 'accepted'),
        request('r-mut', 'o3', 'p3', 'mutual'),
      ];

      const oneTable = await sut({ slots: slots(1), tables: tables(1), participants, requests });
      const twoTables = await sut({ slots: slots(1), tables: tables(2), participants, requests });

      expect(placedIds(oneTable)).toEqual(['r-mut']);
      expect(placedIds(twoTables)).toEqual(['r-acc', 'r-mut']);
    });

    it('prefers the better-scored suggested request', async () => {
      const input: ScheduleInput = {
        slots: slots(1),
        tables: tables(1),
        participants: [owner('o1'), owner('o2'), supplier('p1'), supplier('p2')],
        requests: [request('r-low', 'o1', 'p1', 'suggested', 0.3), request('r-high', 'o2', 'p2', 'suggested', 0.8)],
      };

      expect(placedIds(await sut(input))).toEqual(['r-high']);
    });
  });

  it('keeps an owner at the same table across slots when it is free', async () => {
    const input: ScheduleInput = {
      slots: slots(2),
      tables: tables(2),
      participants: [owner('o1'), owner('o2', 8, ['s1']), supplier('p1'), supplier('p2'), supplier('p3', 8, ['s1'])],
      requests: [
        request('r1', 'o1', 'p1', 'accepted'),
        request('r2', 'o1', 'p2', 'suggested', 0.5),
        request('r3', 'o2', 'p3', 'mutual'),
      ],
    };

    const result = await sut(input);

    const tablesOfO1 = result.meetings.filter((m) => m.ownerId === 'o1').map((m) => m.tableId);
    expect(tablesOfO1).toEqual(['t2', 't2']);
  });

  it('returns identical output for the same input', async () => {
    const input = randomEvent(7, { owners: 25, suppliers: 25, slots: 6, tables: 6, requests: 150, maxMax: 6 });

    const first = await sut(input);
    const second = await sut(input);

    expect(second).toEqual(first);
    expect(validateSchedule(input, first)).toEqual([]);
  });

  it('rejects structurally broken input', async () => {
    const input: ScheduleInput = {
      slots: [...slots(1), ...slots(1)],
      tables: tables(1),
      participants: [],
      requests: [],
    };
    const badLock: ScheduleInput = {
      slots: slots(1),
      tables: tables(1),
      participants: [],
      requests: [],
      locked: [{ requestId: 'x', slotId: 's1', tableId: 't1' }],
    };

    await expect(sut(input)).rejects.toThrow(ScheduleInputError);
    await expect(sut(badLock)).rejects.toThrow(ScheduleInputError);
  });
});

describe('scheduleMeetings against brute force', () => {
  const sut = scheduleMeetings;
  const instances = Array.from({ length: 30 }, (_, i) =>
    randomEvent(100 + i, { owners: 3, suppliers: 3, slots: 3, tables: 1 + (i % 3), requests: 7, maxMax: 3 }),
  );

  it('finds the optimum with the MIP and proves it', async () => {
    for (const input of instances) {
      const optimum = bruteForceOptimum(input);

      const result = await sut(input, { solver: 'mip' });

      expect(validateSchedule(input, result)).toEqual([]);
      expect(result.totalPriority).toBeCloseTo(optimum, 6);
      expect(result.upperBound).toBeCloseTo(optimum, 6);
      expect(result.stats.status).toBe('optimal');
    }
  });

  it('never beats the optimum with the heuristic, and its bound never falls below it', async () => {
    for (const input of instances) {
      const optimum = bruteForceOptimum(input);

      const result = await sut(input, { solver: 'heuristic' });

      expect(validateSchedule(input, result)).toEqual([]);
      expect(result.totalPriority).toBeLessThanOrEqual(optimum + 1e-9);
      expect(result.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9);
    }
  });
});
