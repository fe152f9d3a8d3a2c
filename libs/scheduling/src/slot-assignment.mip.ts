import highsLoader, { type Highs } from 'highs';
import type { ScheduleProblem } from './schedule-problem.model';
import { SlotPlan } from './slot-plan.model';

let highsRuntime: Promise<Highs> | undefined;

/** HiGHS is compiled to WASM; instantiating it costs ~100 ms, so one runtime serves the whole process. */
function loadHighs(): Promise<Highs> {
  highsRuntime ??= highsLoader().catch((error: unknown) => {
    highsRuntime = undefined;
    throw error;
  });
  return highsRuntime;
}

export interface MipOutcome {
  /** Best schedule HiGHS found, or undefined when it found none. */
  readonly plan?: SlotPlan;
  /** Proven bound on the free part of the objective. */
  readonly bound: number;
  readonly optimal: boolean;
  readonly variables: number;
  readonly status: string;
}

/**
 * Exact model: x[c,s] = 1 when candidate c meets in slot s.
 *   each candidate at most once; each participant at most once per slot and at most its capacity;
 *   each slot at most its free tables. Maximize Σ priority·x.
 * Rows that cannot bind are left out; HiGHS presolve would drop them too, but building them costs time.
 */
export async function solveSlotAssignmentMip(
  problem: ScheduleProblem,
  start: SlotPlan,
  timeLimitMs: number,
): Promise<MipOutcome> {
  const highs = await loadHighs();
  const { candidates, slotCount, participants } = problem;
  const P = participants.length;

  const colCandidate: number[] = [];
  const colSlot: number[] = [];
  for (let c = 0; c < candidates.length; c++) {
    for (const s of candidates[c].slots) {
      colCandidate.push(c);
      colSlot.push(s);
    }
  }
  const numCols = colCandidate.length;
  if (numCols === 0) return { plan: new SlotPlan(problem), bound: 0, optimal: true, variables: 0, status: 'empty' };

  const rowIndices: number[][] = [];
  const rowUpper: number[] = [];
  const addRow = (cols: number[], upper: number) => {
    if (cols.length > upper) {
      rowIndices.push(cols);
      rowUpper.push(upper);
    }
  };
  const byCandidate: number[][] = candidates.map(() => []);
  const byParticipantSlot = new Map<number, number[]>();
  const byParticipant: number[][] = Array.from({ length: P }, () => []);
  const bySlot: number[][] = Array.from({ length: slotCount }, () => []);
  for (let j = 0; j < numCols; j++) {
    const c = candidates[colCandidate[j]];
    const s = colSlot[j];
    byCandidate[colCandidate[j]].push(j);
    for (const p of [c.owner, c.supplier]) {
      const key = p * slotCount + s;
      const list = byParticipantSlot.get(key);
      if (list) list.push(j);
      else byParticipantSlot.set(key, [j]);
      byParticipant[p].push(j);
    }
    bySlot[s].push(j);
  }
  byCandidate.forEach((cols) => addRow(cols, 1));
  [...byParticipantSlot.keys()].sort((a, b) => a - b).forEach((key) => addRow(byParticipantSlot.get(key)!, 1));
  byParticipant.forEach((cols, p) => addRow(cols, problem.capacity[p]));
  bySlot.forEach((cols, s) => addRow(cols, problem.freeTables[s]));

  // CSR: the rows are what we built naturally.
  const starts = new Int32Array(rowIndices.length + 1);
  let nnz = 0;
  rowIndices.forEach((cols, i) => {
    nnz += cols.length;
    starts[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  rowIndices.forEach((cols, i) => indices.set(cols, starts[i]));
  const numRows = rowIndices.length;

  const colCost = new Float64Array(numCols);
  for (let j = 0; j < numCols; j++) colCost[j] = candidates[colCandidate[j]].priority;

  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower: new Float64Array(numRows),
    rowUpper: Float64Array.from(rowUpper),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values: new Float64Array(nnz).fill(1) },
    integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, timeLimitMs / 1000),
      // Priorities are not integers, so only an absolute gap below any real difference proves optimality.
      mip_rel_gap: 0,
      mip_abs_gap: 1e-6,
      random_seed: 0,
    });
    const warm = new Float64Array(numCols);
    for (let j = 0; j < numCols; j++) if (start.slotOf[colCandidate[j]] === colSlot[j]) warm[j] = 1;
    model.setSolution({ colValue: warm });
    model.run();

    const statusCode = model.getModelStatus();
    const statuses = highs.constants.modelStatus;
    const status =
      Object.keys(statuses).find((k) => statuses[k as keyof typeof statuses] === statusCode) ?? String(statusCode);
    const dualBound = Number(model.info.get('mip_dual_bound'));
    const optimal = statusCode === statuses.optimal;
    const solution = model.getSolution();
    let plan: SlotPlan | undefined;
    if (solution.colValue && solution.colValue.length === numCols && (optimal || statusCode === statuses.timeLimit)) {
      plan = new SlotPlan(problem);
      for (let j = 0; j < numCols && plan; j++) {
        if (solution.colValue[j] <= 0.5) continue;
        // Re-checked rather than trusted: a solution within HiGHS' tolerances must still obey every hard rule.
        if (plan.canPlace(colCandidate[j], colSlot[j])) plan.place(colCandidate[j], colSlot[j]);
        else plan = undefined;
      }
    }
    const bound = Number.isFinite(dualBound) ? dualBound : Infinity;
    return { plan, bound, optimal, variables: numCols, status };
  } finally {
    model.dispose();
  }
}
