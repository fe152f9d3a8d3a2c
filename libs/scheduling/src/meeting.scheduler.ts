import { pairCapacityBound } from './pair-capacity.bound';
import { fillGreedily, solveByPriorityGreedy } from './priority-greedy.heuristic';
import { buildScheduleProblem, byPriorityThenId, type ScheduleProblem } from './schedule-problem.model';
import type {
  ScheduledMeeting,
  ScheduleInput,
  ScheduleOptions,
  ScheduleResult,
  ScheduleSolver,
  UnplacedRequest,
} from './schedule.types';
import { solveSlotAssignmentMip } from './slot-assignment.mip';
import type { SlotPlan } from './slot-plan.model';

export const DEFAULT_MIP_TIME_LIMIT_MS = 3000;
const OPTIMALITY_TOLERANCE = 1e-6;

/**
 * Builds the 1:1 meeting schedule of a matchmaking event (场景对接会): maximizes the total priority
 * (see `meetingPriority`) under the hard rules, keeps locked meetings where the organizer put them and
 * explains every request left out. Pure: same input and options → same output, unless HiGHS hits the
 * time limit, whose cut-off point depends on the machine.
 *
 * @throws ScheduleInputError on structurally broken input (duplicate ids, locks pointing nowhere, bad numbers).
 */
export async function scheduleMeetings(input: ScheduleInput, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  const problem = buildScheduleProblem(input);
  const relaxation = pairCapacityBound(problem);
  let bound = relaxation.bound;
  // Two deterministic starts: plain priority order, and the slot-free optimum placed first. Keep the better.
  const byPriority = solveByPriorityGreedy(problem);
  const guided = solveByPriorityGreedy(problem, relaxation.selected);
  const heuristic = guided.exactTotal() > byPriority.exactTotal() + OPTIMALITY_TOLERANCE ? guided : byPriority;
  let plan = heuristic;
  let solver: ScheduleSolver = 'heuristic';
  let fallbackReason: string | undefined;
  let variables = problem.candidates.reduce((n, c) => n + c.slots.length, 0);

  if ((options.solver ?? 'mip') === 'mip' && problem.candidates.length > 0) {
    try {
      const mip = await solveSlotAssignmentMip(problem, heuristic, options.timeLimitMs ?? DEFAULT_MIP_TIME_LIMIT_MS);
      variables = mip.variables;
      bound = Math.min(bound, mip.bound);
      if (mip.plan && mip.plan.exactTotal() >= heuristic.exactTotal() - OPTIMALITY_TOLERANCE) {
        plan = mip.plan;
        solver = 'mip';
        // After a time-out HiGHS' incumbent may still have room; optimal ones never do.
        if (!mip.optimal) fillGreedily(problem, plan);
      } else {
        fallbackReason = `HiGHS 未得到更优解（状态 ${mip.status}），采用启发式结果`;
      }
    } catch (error: unknown) {
      fallbackReason = `HiGHS 求解失败，采用启发式结果：${error instanceof Error ? error.message : String(error)}`;
    }
  }

  const meetings = assignTables(problem, plan);
  const unplaced = explainUnplaced(problem, plan);
  let totalPriority = 0;
  for (const m of meetings) totalPriority += m.priority;
  const lockedPriority = problem.lockedMeetings.reduce((sum, m) => sum + m.priority, 0);
  const freeTotal = plan.exactTotal();
  const upperBound = lockedPriority + Math.max(freeTotal, bound);
  const slack = upperBound - totalPriority;
  const optimal = slack <= OPTIMALITY_TOLERANCE * Math.max(1, upperBound);

  return {
    meetings,
    unplaced,
    warnings: problem.warnings,
    totalPriority,
    upperBound: optimal ? totalPriority : upperBound,
    stats: {
      solver,
      status: optimal ? 'optimal' : 'feasible',
      requests: input.requests.length,
      candidates: problem.candidates.length,
      variables,
      placed: meetings.length,
      lockedPlaced: problem.lockedMeetings.length,
      unplaced: unplaced.length,
      gap: optimal || upperBound <= 0 ? 0 : slack / upperBound,
      ...(fallbackReason ? { fallbackReason } : {}),
    },
  };
}

/**
 * Tables are interchangeable, so they are chosen after the slots. Owners keep the table they had in
 * their previous meeting when it is free, so suppliers move between tables while owners stay put.
 */
function assignTables(problem: ScheduleProblem, plan: SlotPlan): ScheduledMeeting[] {
  const { input, slotCount } = problem;
  const tableCount = input.tables.length;
  const tableIndex = new Map(input.tables.map((t, i) => [t.id, i]));
  const slotIndex = new Map(input.slots.map((s, i) => [s.id, i]));
  const bySlot: { slot: number; table: number; meeting: ScheduledMeeting }[][] = Array.from(
    { length: slotCount },
    () => [],
  );
  for (const m of problem.lockedMeetings) {
    bySlot[slotIndex.get(m.slotId)!].push({
      slot: slotIndex.get(m.slotId)!,
      table: tableIndex.get(m.tableId)!,
      meeting: m,
    });
  }
  const perSlot: number[][] = Array.from({ length: slotCount }, () => []);
  problem.candidates.forEach((_, c) => {
    if (plan.slotOf[c] >= 0) perSlot[plan.slotOf[c]].push(c);
  });

  const ownerTable = new Map<string, number>();
  for (let s = 0; s < slotCount; s++) {
    const taken = new Uint8Array(tableCount);
    for (const entry of bySlot[s]) {
      taken[entry.table] = 1;
      ownerTable.set(entry.meeting.ownerId, entry.table);
    }
    const waiting = perSlot[s].map((c) => problem.candidates[c]).sort(byPriorityThenId);
    const seat = (candidate: (typeof waiting)[number], table: number) => {
      taken[table] = 1;
      const { request, priority } = candidate;
      ownerTable.set(request.ownerId, table);
      bySlot[s].push({
        slot: s,
        table,
        meeting: {
          requestId: request.id,
          ownerId: request.ownerId,
          supplierId: request.supplierId,
          slotId: input.slots[s].id,
          tableId: input.tables[table].id,
          locked: false,
          priority,
        },
      });
    };
    const rest = waiting.filter((candidate) => {
      const previous = ownerTable.get(candidate.request.ownerId);
      if (previous === undefined || taken[previous]) return true;
      seat(candidate, previous);
      return false;
    });
    let next = 0;
    for (const candidate of rest) {
      while (taken[next]) next++;
      seat(candidate, next);
    }
  }
  return bySlot.flatMap((entries) => entries.sort((a, b) => a.table - b.table).map((e) => e.meeting));
}

function explainUnplaced(problem: ScheduleProblem, plan: SlotPlan): UnplacedRequest[] {
  const dynamic = new Map<string, UnplacedRequest>();
  problem.candidates.forEach((c, i) => {
    if (plan.slotOf[i] >= 0) return;
    const { request } = c;
    const sides = [
      [c.owner, '业主方', request.ownerId, 'owner_max_reached'],
      [c.supplier, '供给方', request.supplierId, 'supplier_max_reached'],
    ] as const;
    for (const [p, label, id, reason] of sides) {
      if (plan.load[p] >= problem.capacity[p]) {
        const max = problem.participants[p].maxMeetings;
        dynamic.set(request.id, {
          requestId: request.id,
          reason,
          message: `${label} ${id} 已排满 ${max} 场洽谈（上限），本请求优先级不足`,
        });
        return;
      }
    }
    const commonFree = c.slots.some((s) => plan.occupantOf(c.owner, s) < 0 && plan.occupantOf(c.supplier, s) < 0);
    dynamic.set(
      request.id,
      commonFree
        ? {
            requestId: request.id,
            reason: 'no_table',
            message: '双方共同空闲的时段里洽谈桌已满，被优先级更高的洽谈占用',
          }
        : {
            requestId: request.id,
            reason: 'no_common_free_slot',
            message: '双方共同可参会的时段已被各自优先级更高的洽谈占用',
          },
    );
  });
  const result: UnplacedRequest[] = [];
  for (const r of problem.input.requests) {
    const entry = problem.unplaced.get(r.id) ?? dynamic.get(r.id);
    if (entry) result.push(entry);
  }
  return result;
}
