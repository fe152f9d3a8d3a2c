import { meetingPriority } from './meeting-priority.policy';
import { ScheduleInputError } from './schedule-input.error';
import type {
  LockedMeeting,
  MeetingRequest,
  ScheduleInput,
  ScheduledMeeting,
  ScheduleParticipant,
  ScheduleWarning,
  UnplacedRequest,
} from './schedule.types';

/** A request that survived validation and locking and has at least one slot it could take. */
export interface CandidateMeeting {
  readonly request: MeetingRequest;
  readonly owner: number;
  readonly supplier: number;
  readonly priority: number;
  /** Slots where both sides are available and free of locked meetings and a table is left, ascending. */
  readonly slots: readonly number[];
}

/**
 * The input reduced to integer indices, with locked meetings applied: what remains is a pure
 * slot-assignment problem over `candidates`.
 */
export interface ScheduleProblem {
  readonly input: ScheduleInput;
  readonly slotCount: number;
  readonly participants: readonly ScheduleParticipant[];
  /** Meetings each participant may still take after its locked ones. */
  readonly capacity: Int32Array;
  /** `participant * slotCount + slot` → 1 when available and not in a locked meeting. */
  readonly participantFree: Uint8Array;
  /** Tables not taken by locked meetings, per slot. */
  readonly freeTables: Int32Array;
  /** `slot * tableCount + table` → 1 when a locked meeting sits there. */
  readonly lockedTableTaken: Uint8Array;
  readonly lockedMeetings: readonly ScheduledMeeting[];
  /** Sorted by priority descending, then request id, so every consumer breaks ties the same way. */
  readonly candidates: readonly CandidateMeeting[];
  /** Requests already known to be unplaceable, keyed by request id. */
  readonly unplaced: ReadonlyMap<string, UnplacedRequest>;
  readonly warnings: readonly ScheduleWarning[];
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byPriorityThenId(
  a: { priority: number; request: { id: string } },
  b: { priority: number; request: { id: string } },
): number {
  return b.priority - a.priority || compareIds(a.request.id, b.request.id);
}

function indexById<T extends { id: string }>(items: readonly T[], what: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (index.has(item.id)) throw new ScheduleInputError(`${what}编号重复：${item.id}`);
    index.set(item.id, i);
  });
  return index;
}

function assertNumbers(input: ScheduleInput): void {
  for (const p of input.participants) {
    if (p.side !== 'owner' && p.side !== 'supplier') {
      throw new ScheduleInputError(`参会方 ${p.id} 的身份无效：${String(p.side)}`);
    }
    if (!Number.isInteger(p.maxMeetings) || p.maxMeetings < 0) {
      throw new ScheduleInputError(`参会方 ${p.id} 的洽谈上限必须是非负整数`);
    }
  }
  for (const r of input.requests) {
    if (r.kind !== 'mutual' && r.kind !== 'accepted' && r.kind !== 'suggested') {
      throw new ScheduleInputError(`洽谈请求 ${r.id} 的类型无效：${String(r.kind)}`);
    }
    if (r.matchScore !== undefined && !(r.matchScore >= 0 && r.matchScore <= 1)) {
      throw new ScheduleInputError(`洽谈请求 ${r.id} 的匹配度必须在 0 到 1 之间`);
    }
  }
}

export function buildScheduleProblem(input: ScheduleInput): ScheduleProblem {
  const slotIndex = indexById(input.slots, '时段');
  const tableIndex = indexById(input.tables, '洽谈桌');
  const participantIndex = indexById(input.participants, '参会方');
  const requestIndex = indexById(input.requests, '洽谈请求');
  assertNumbers(input);

  const slotCount = input.slots.length;
  const tableCount = input.tables.length;
  const participants = input.participants;
  const available = new Uint8Array(participants.length * slotCount);
  participants.forEach((p, pi) => {
    if (p.availableSlotIds === undefined) {
      available.fill(1, pi * slotCount, (pi + 1) * slotCount);
      return;
    }
    // Availability is often captured before breaks are removed from the slot list, so stale ids are not errors.
    for (const slotId of p.availableSlotIds) {
      const s = slotIndex.get(slotId);
      if (s !== undefined) available[pi * slotCount + s] = 1;
    }
  });

  const unplaced = new Map<string, UnplacedRequest>();
  const warnings: ScheduleWarning[] = [];
  const ends = new Map<string, { owner: number; supplier: number }>();
  for (const r of input.requests) {
    const owner = participantIndex.get(r.ownerId);
    const supplier = participantIndex.get(r.supplierId);
    if (owner === undefined || participants[owner].side !== 'owner') {
      unplaced.set(r.id, {
        requestId: r.id,
        reason: 'invalid_participant',
        message: `业主方 ${r.ownerId} 不存在或不是场景业主方`,
      });
    } else if (supplier === undefined || participants[supplier].side !== 'supplier') {
      unplaced.set(r.id, {
        requestId: r.id,
        reason: 'invalid_participant',
        message: `供给方 ${r.supplierId} 不存在或不是能力供给方`,
      });
    } else {
      ends.set(r.id, { owner, supplier });
    }
  }

  // Locks are applied strongest first so that, when two collide, the organizer keeps the more valuable one.
  const locks = applyLocks(input, { slotIndex, tableIndex, requestIndex, ends, unplaced, warnings });

  const lockedCount = new Int32Array(participants.length);
  const participantFree = available.slice();
  const freeTables = new Int32Array(slotCount).fill(tableCount);
  const lockedTableTaken = new Uint8Array(slotCount * tableCount);
  const lockedPairs = new Set<string>();
  for (const lock of locks) {
    lockedCount[lock.owner]++;
    lockedCount[lock.supplier]++;
    participantFree[lock.owner * slotCount + lock.slot] = 0;
    participantFree[lock.supplier * slotCount + lock.slot] = 0;
    freeTables[lock.slot]--;
    lockedTableTaken[lock.slot * tableCount + lock.table] = 1;
    lockedPairs.add(`${lock.owner}:${lock.supplier}`);
  }
  // Locks come strongest first, so the warning lands on the weakest lock that pushed a participant over.
  const runningCount = new Int32Array(participants.length);
  for (const lock of locks) {
    for (const p of [lock.owner, lock.supplier]) {
      runningCount[p]++;
      if (runningCount[p] === participants[p].maxMeetings + 1) {
        warnings.push({
          requestId: lock.meeting.requestId,
          code: 'locked_over_max',
          message: `参会方 ${participants[p].id} 的锁定洽谈（${lockedCount[p]} 场）超过其上限 ${participants[p].maxMeetings} 场，已保留锁定安排`,
        });
      }
    }
  }
  const capacity = new Int32Array(participants.length);
  participants.forEach((p, pi) => (capacity[pi] = Math.max(0, p.maxMeetings - lockedCount[pi])));

  // One meeting per pair: the strongest request of a pair competes, the rest are reported as duplicates.
  const bestOfPair = new Map<string, { request: MeetingRequest; priority: number }>();
  const lockedRequestIds = new Set(locks.map((l) => l.meeting.requestId));
  const open: { request: MeetingRequest; priority: number; owner: number; supplier: number }[] = [];
  for (const request of input.requests) {
    const e = ends.get(request.id);
    if (!e || unplaced.has(request.id) || lockedRequestIds.has(request.id)) continue;
    const entry = { request, priority: meetingPriority(request), owner: e.owner, supplier: e.supplier };
    open.push(entry);
  }
  open.sort(byPriorityThenId);
  const candidates: CandidateMeeting[] = [];
  for (const { request, priority, owner, supplier } of open) {
    const pair = `${owner}:${supplier}`;
    if (lockedPairs.has(pair)) {
      const lockId = locks.find((l) => l.owner === owner && l.supplier === supplier)?.meeting.requestId;
      unplaced.set(request.id, {
        requestId: request.id,
        reason: 'duplicate_pair',
        message: `该业主方与供给方已有锁定洽谈（请求 ${lockId}），同一对只安排一次`,
      });
      continue;
    }
    const kept = bestOfPair.get(pair);
    if (kept) {
      unplaced.set(request.id, {
        requestId: request.id,
        reason: 'duplicate_pair',
        message: `该业主方与供给方已有优先级更高的请求 ${kept.request.id}，同一对只安排一次`,
      });
      continue;
    }
    bestOfPair.set(pair, { request, priority });
    const reason = staticReason(request, owner, supplier, {
      slotCount,
      participants,
      capacity,
      participantFree,
      available,
    });
    if (reason) {
      unplaced.set(request.id, reason);
      continue;
    }
    const slots: number[] = [];
    for (let s = 0; s < slotCount; s++) {
      if (participantFree[owner * slotCount + s] && participantFree[supplier * slotCount + s] && freeTables[s] > 0) {
        slots.push(s);
      }
    }
    if (slots.length === 0) {
      unplaced.set(request.id, {
        requestId: request.id,
        reason: 'no_table',
        message: '双方共同有空的时段里，洽谈桌已全部被锁定洽谈占用',
      });
      continue;
    }
    candidates.push({ request, owner, supplier, priority, slots });
  }

  return {
    input,
    slotCount,
    participants,
    capacity,
    participantFree,
    freeTables,
    lockedTableTaken,
    lockedMeetings: locks.map((l) => l.meeting),
    candidates,
    unplaced,
    warnings,
  };
}

interface AppliedLock {
  readonly meeting: ScheduledMeeting;
  readonly owner: number;
  readonly supplier: number;
  readonly slot: number;
  readonly table: number;
}

function applyLocks(
  input: ScheduleInput,
  ctx: {
    slotIndex: Map<string, number>;
    tableIndex: Map<string, number>;
    requestIndex: Map<string, number>;
    ends: Map<string, { owner: number; supplier: number }>;
    unplaced: Map<string, UnplacedRequest>;
    warnings: ScheduleWarning[];
  },
): AppliedLock[] {
  const slotCount = input.slots.length;
  const seen = new Set<string>();
  const resolved: { lock: LockedMeeting; request: MeetingRequest; priority: number; slot: number; table: number }[] =
    [];
  for (const lock of input.locked ?? []) {
    if (seen.has(lock.requestId)) throw new ScheduleInputError(`洽谈请求 ${lock.requestId} 被重复锁定`);
    seen.add(lock.requestId);
    const r = ctx.requestIndex.get(lock.requestId);
    const slot = ctx.slotIndex.get(lock.slotId);
    const table = ctx.tableIndex.get(lock.tableId);
    if (r === undefined) throw new ScheduleInputError(`锁定洽谈引用了不存在的请求 ${lock.requestId}`);
    if (slot === undefined)
      throw new ScheduleInputError(`锁定洽谈 ${lock.requestId} 引用了不存在的时段 ${lock.slotId}`);
    if (table === undefined)
      throw new ScheduleInputError(`锁定洽谈 ${lock.requestId} 引用了不存在的洽谈桌 ${lock.tableId}`);
    const request = input.requests[r];
    resolved.push({ lock, request, priority: meetingPriority(request), slot, table });
  }
  resolved.sort(byPriorityThenId);

  const tableHolder = new Map<number, string>();
  const personHolder = new Map<number, string>();
  const pairHolder = new Map<string, string>();
  const applied: AppliedLock[] = [];
  for (const { lock, request, priority, slot, table } of resolved) {
    const e = ctx.ends.get(request.id);
    if (!e) continue; // already reported as invalid_participant
    const conflict = (message: string, reason: 'locked_conflict' | 'duplicate_pair' = 'locked_conflict') =>
      ctx.unplaced.set(request.id, { requestId: request.id, reason, message });
    const tableKey = slot * input.tables.length + table;
    const ownerKey = e.owner * slotCount + slot;
    const supplierKey = e.supplier * slotCount + slot;
    const pair = `${e.owner}:${e.supplier}`;
    if (tableHolder.has(tableKey)) {
      conflict(`锁定冲突：洽谈桌 ${lock.tableId} 在该时段已被锁定洽谈 ${tableHolder.get(tableKey)} 占用`);
    } else if (personHolder.has(ownerKey)) {
      conflict(`锁定冲突：业主方 ${request.ownerId} 在该时段已有锁定洽谈 ${personHolder.get(ownerKey)}`);
    } else if (personHolder.has(supplierKey)) {
      conflict(`锁定冲突：供给方 ${request.supplierId} 在该时段已有锁定洽谈 ${personHolder.get(supplierKey)}`);
    } else if (pairHolder.has(pair)) {
      conflict(`锁定冲突：该业主方与供给方已有锁定洽谈 ${pairHolder.get(pair)}，同一对只安排一次`, 'duplicate_pair');
    } else {
      tableHolder.set(tableKey, request.id);
      personHolder.set(ownerKey, request.id);
      personHolder.set(supplierKey, request.id);
      pairHolder.set(pair, request.id);
      applied.push({
        owner: e.owner,
        supplier: e.supplier,
        slot,
        table,
        meeting: {
          requestId: request.id,
          ownerId: request.ownerId,
          supplierId: request.supplierId,
          slotId: lock.slotId,
          tableId: lock.tableId,
          locked: true,
          priority,
        },
      });
      const p = input.participants;
      for (const [who, label] of [
        [e.owner, '业主方'],
        [e.supplier, '供给方'],
      ] as const) {
        const ids = p[who].availableSlotIds;
        if (ids !== undefined && !ids.includes(lock.slotId)) {
          ctx.warnings.push({
            requestId: request.id,
            code: 'locked_outside_availability',
            message: `${label} ${p[who].id} 未报名时段 ${lock.slotId}，但组织方已锁定该洽谈，予以保留`,
          });
        }
      }
    }
  }
  return applied;
}

function staticReason(
  request: MeetingRequest,
  owner: number,
  supplier: number,
  ctx: {
    slotCount: number;
    participants: readonly ScheduleParticipant[];
    capacity: Int32Array;
    participantFree: Uint8Array;
    available: Uint8Array;
  },
): UnplacedRequest | undefined {
  const { slotCount } = ctx;
  const count = (bits: Uint8Array, p: number) => {
    let n = 0;
    for (let s = 0; s < slotCount; s++) n += bits[p * slotCount + s];
    return n;
  };
  const sides = [
    [owner, '业主方', request.ownerId, 'owner_unavailable', 'owner_max_reached'],
    [supplier, '供给方', request.supplierId, 'supplier_unavailable', 'supplier_max_reached'],
  ] as const;
  for (const [p, label, id, unavailable] of sides) {
    if (count(ctx.available, p) === 0) {
      return { requestId: request.id, reason: unavailable, message: `${label} ${id} 没有可参会的时段` };
    }
    if (count(ctx.participantFree, p) === 0) {
      return { requestId: request.id, reason: unavailable, message: `${label} ${id} 可参会的时段已全部被锁定洽谈占用` };
    }
  }
  for (const [p, label, id, , maxReached] of sides) {
    if (ctx.capacity[p] === 0) {
      const max = ctx.participants[p].maxMeetings;
      const message = max === 0 ? `${label} ${id} 的洽谈上限为 0` : `${label} ${id} 的锁定洽谈已达到其上限 ${max} 场`;
      return { requestId: request.id, reason: maxReached, message };
    }
  }
  for (let s = 0; s < slotCount; s++) {
    if (ctx.participantFree[owner * slotCount + s] && ctx.participantFree[supplier * slotCount + s]) return undefined;
  }
  return { requestId: request.id, reason: 'no_common_free_slot', message: '双方没有共同空闲的时段' };
}
