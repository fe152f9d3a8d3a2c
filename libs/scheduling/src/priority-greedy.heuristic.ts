import type { ScheduleProblem } from './schedule-problem.model';
import { SlotPlan } from './slot-plan.model';

const EPSILON = 1e-9;
const MAX_IMPROVEMENT_PASSES = 20;

/**
 * Greedy by priority (optionally placing a preferred subset first), then ejection-chain improvement: an unplaced request may take a slot by pushing out
 * the meetings in its way, which are re-placed elsewhere when possible; the move is kept only when the
 * total priority strictly grows. Deterministic: candidates and slots are always scanned in a fixed order.
 */
export function solveByPriorityGreedy(problem: ScheduleProblem, placeFirst?: Uint8Array): SlotPlan {
  const plan = new SlotPlan(problem);
  if (placeFirst) problem.candidates.forEach((_, c) => placeFirst[c] && placeAnywhere(problem, plan, c));
  problem.candidates.forEach((_, c) => plan.isPlaced(c) || placeAnywhere(problem, plan, c));
  for (let pass = 0; pass < MAX_IMPROVEMENT_PASSES; pass++) {
    let improved = false;
    for (let c = 0; c < problem.candidates.length; c++) {
      if (!plan.isPlaced(c) && insertWithEjection(problem, plan, c)) improved = true;
    }
    if (!improved) break;
  }
  fillGreedily(problem, plan);
  return plan;
}

/** Places every candidate that still fits; after it no unplaced candidate fits anywhere. */
export function fillGreedily(problem: ScheduleProblem, plan: SlotPlan): void {
  problem.candidates.forEach((_, c) => {
    if (!plan.isPlaced(c)) placeAnywhere(problem, plan, c);
  });
}

/** Prefers the slot with most tables left, so early choices keep room for later requests. */
function placeAnywhere(problem: ScheduleProblem, plan: SlotPlan, c: number, exceptSlot = -1): boolean {
  let best = -1;
  let bestRoom = -1;
  for (const s of problem.candidates[c].slots) {
    if (s === exceptSlot || !plan.canPlace(c, s)) continue;
    const room = problem.freeTables[s] - plan.used[s];
    if (room > bestRoom) {
      best = s;
      bestRoom = room;
    }
  }
  if (best < 0) return false;
  plan.place(c, best);
  return true;
}

interface Move {
  readonly gain: number;
  readonly slot: number;
  readonly ejected: readonly number[];
}

function insertWithEjection(problem: ScheduleProblem, plan: SlotPlan, c: number): boolean {
  const candidate = problem.candidates[c];
  let best: Move | undefined;
  for (const s of candidate.slots) {
    for (const ejected of ejectionSets(problem, plan, c, s)) {
      const gain = tryMove(problem, plan, c, s, ejected, false);
      if (gain > EPSILON && (!best || gain > best.gain + EPSILON)) best = { gain, slot: s, ejected };
    }
  }
  if (!best) return false;
  tryMove(problem, plan, c, best.slot, best.ejected, true);
  return true;
}

/** Sets of placed meetings whose removal lets `c` take slot `s`. */
function ejectionSets(problem: ScheduleProblem, plan: SlotPlan, c: number, s: number): number[][] {
  const { owner, supplier } = problem.candidates[c];
  const base: number[] = [];
  for (const p of [owner, supplier]) {
    const o = plan.occupantOf(p, s);
    if (o >= 0 && !base.includes(o)) base.push(o);
  }
  const freesLoad = (p: number, set: readonly number[]) =>
    set.some((m) => problem.candidates[m].owner === p || problem.candidates[m].supplier === p);
  // A participant at its limit must also drop one meeting; its weakest is the cheapest choice.
  for (const p of [owner, supplier]) {
    if (plan.load[p] < problem.capacity[p] || freesLoad(p, base)) continue;
    let weakest = -1;
    for (let m = problem.candidates.length - 1; m >= 0; m--) {
      const cm = problem.candidates[m];
      if (plan.isPlaced(m) && (cm.owner === p || cm.supplier === p) && !base.includes(m)) {
        weakest = m;
        break;
      }
    }
    if (weakest < 0) return [];
    base.push(weakest);
  }
  const stillUsed = plan.used[s] - base.filter((m) => plan.slotOf[m] === s).length;
  if (stillUsed < problem.freeTables[s]) return [base];
  // The slot is full: any one of its other meetings can make room, so each is worth a try.
  const sets: number[][] = [];
  for (let m = 0; m < problem.candidates.length; m++) {
    if (plan.slotOf[m] === s && !base.includes(m)) sets.push([...base, m]);
  }
  return sets;
}

/**
 * Ejects, places `c` in `s`, re-places the ejected meetings where they fit, and returns the gain.
 * Undone unless `commit` is set.
 */
function tryMove(
  problem: ScheduleProblem,
  plan: SlotPlan,
  c: number,
  s: number,
  ejected: readonly number[],
  commit: boolean,
): number {
  const before = plan.total;
  const origin = ejected.map((m) => plan.remove(m));
  if (!plan.canPlace(c, s)) {
    ejected.forEach((m, i) => plan.place(m, origin[i]));
    return 0;
  }
  plan.place(c, s);
  const replaced = ejected.map((m) => placeAnywhere(problem, plan, m));
  const gain = plan.total - before;
  if (!commit) {
    ejected.forEach((m, i) => {
      if (replaced[i]) plan.remove(m);
    });
    plan.remove(c);
    ejected.forEach((m, i) => plan.place(m, origin[i]));
    plan.total = before;
  }
  return gain;
}
