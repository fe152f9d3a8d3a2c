import { meetingPriority } from './meeting-priority.policy';
import type { ScheduleInput, ScheduleResult } from './schedule.types';

export type ScheduleRule =
  | 'unknown_reference'
  | 'wrong_participants'
  | 'duplicate_request'
  | 'duplicate_pair'
  | 'participant_double_booked'
  | 'table_double_booked'
  | 'outside_availability'
  | 'max_meetings_exceeded'
  | 'locked_moved'
  | 'request_unaccounted'
  | 'priority_mismatch'
  | 'bound_below_total';

export interface ScheduleViolation {
  readonly rule: ScheduleRule;
  readonly message: string;
}

/**
 * Checks a result against the input from scratch, sharing no code with the scheduler, so it can catch
 * the scheduler's own mistakes. Returns every violation found; an empty list means the schedule is valid.
 *
 * Locked meetings are the organizer's decision: they are exempt from availability, and count towards
 * `maxMeetings` without being a violation themselves (only non-locked meetings beyond the limit are).
 */
export function validateSchedule(input: ScheduleInput, output: ScheduleResult): ScheduleViolation[] {
  const violations: ScheduleViolation[] = [];
  const flag = (rule: ScheduleRule, message: string) => violations.push({ rule, message });
  const slots = new Set(input.slots.map((s) => s.id));
  const tables = new Set(input.tables.map((t) => t.id));
  const participants = new Map(input.participants.map((p) => [p.id, p]));
  const requests = new Map(input.requests.map((r) => [r.id, r]));
  const locks = new Map((input.locked ?? []).map((l) => [l.requestId, l]));

  const seenRequests = new Set<string>();
  const pairs = new Set<string>();
  const personSlot = new Map<string, string>();
  const tableSlot = new Map<string, string>();
  const meetingsOf = new Map<string, { locked: number; free: number }>();
  let total = 0;

  for (const m of output.meetings) {
    total += m.priority;
    const request = requests.get(m.requestId);
    if (!request || !slots.has(m.slotId) || !tables.has(m.tableId)) {
      flag('unknown_reference', `洽谈 ${m.requestId} 引用了不存在的请求、时段或洽谈桌`);
      continue;
    }
    const owner = participants.get(request.ownerId);
    const supplier = participants.get(request.supplierId);
    if (
      m.ownerId !== request.ownerId ||
      m.supplierId !== request.supplierId ||
      owner?.side !== 'owner' ||
      supplier?.side !== 'supplier'
    ) {
      flag('wrong_participants', `洽谈 ${m.requestId} 的双方与请求不符，或身份无效`);
      continue;
    }
    if (Math.abs(m.priority - meetingPriority(request)) > 1e-9) {
      flag('priority_mismatch', `洽谈 ${m.requestId} 的优先级与请求不符`);
    }
    if (seenRequests.has(m.requestId)) flag('duplicate_request', `请求 ${m.requestId} 被安排了多次`);
    seenRequests.add(m.requestId);
    const pair = `${m.ownerId}\u0000${m.supplierId}`;
    if (pairs.has(pair)) flag('duplicate_pair', `${m.ownerId} 与 ${m.supplierId} 被安排了不止一次洽谈`);
    pairs.add(pair);

    for (const person of [m.ownerId, m.supplierId]) {
      const key = `${person}\u0000${m.slotId}`;
      const other = personSlot.get(key);
      if (other !== undefined)
        flag('participant_double_booked', `${person} 在时段 ${m.slotId} 同时有洽谈 ${other} 和 ${m.requestId}`);
      personSlot.set(key, m.requestId);
      const counts = meetingsOf.get(person) ?? { locked: 0, free: 0 };
      if (m.locked) counts.locked++;
      else counts.free++;
      meetingsOf.set(person, counts);
    }
    const tableKey = `${m.tableId}\u0000${m.slotId}`;
    const atTable = tableSlot.get(tableKey);
    if (atTable !== undefined)
      flag('table_double_booked', `洽谈桌 ${m.tableId} 在时段 ${m.slotId} 同时安排了 ${atTable} 和 ${m.requestId}`);
    tableSlot.set(tableKey, m.requestId);

    const lock = locks.get(m.requestId);
    if (m.locked) {
      if (!lock || lock.slotId !== m.slotId || lock.tableId !== m.tableId) {
        flag('locked_moved', `锁定洽谈 ${m.requestId} 不在组织方指定的时段和洽谈桌`);
      }
    } else {
      if (lock) flag('locked_moved', `请求 ${m.requestId} 已被锁定，却作为普通洽谈输出`);
      for (const p of [owner, supplier]) {
        if (p.availableSlotIds !== undefined && !p.availableSlotIds.includes(m.slotId)) {
          flag('outside_availability', `${p.id} 未报名时段 ${m.slotId}，却被安排了洽谈 ${m.requestId}`);
        }
      }
    }
  }

  for (const [id, counts] of meetingsOf) {
    const p = participants.get(id)!;
    if (counts.free > 0 && counts.locked + counts.free > Math.max(p.maxMeetings, counts.locked)) {
      flag('max_meetings_exceeded', `${id} 被安排 ${counts.locked + counts.free} 场洽谈，超过上限 ${p.maxMeetings} 场`);
    }
  }

  const unplacedIds = new Set<string>();
  for (const u of output.unplaced) {
    if (!requests.has(u.requestId)) flag('unknown_reference', `未安排列表引用了不存在的请求 ${u.requestId}`);
    if (seenRequests.has(u.requestId) || unplacedIds.has(u.requestId)) {
      flag('request_unaccounted', `请求 ${u.requestId} 重复出现在结果中`);
    }
    unplacedIds.add(u.requestId);
  }
  for (const r of input.requests) {
    if (!seenRequests.has(r.id) && !unplacedIds.has(r.id))
      flag('request_unaccounted', `请求 ${r.id} 既未安排也未说明原因`);
  }
  for (const lock of locks.values()) {
    if (!seenRequests.has(lock.requestId) && !unplacedIds.has(lock.requestId)) {
      flag('locked_moved', `锁定洽谈 ${lock.requestId} 被静默丢弃`);
    }
  }

  const tolerance = 1e-6 * Math.max(1, Math.abs(total));
  if (Math.abs(total - output.totalPriority) > tolerance) flag('priority_mismatch', '总优先级与各洽谈优先级之和不符');
  if (output.upperBound + tolerance < output.totalPriority) flag('bound_below_total', '上界低于实际总优先级');
  return violations;
}
