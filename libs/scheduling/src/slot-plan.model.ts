import type { ScheduleProblem } from './schedule-problem.model';

/** Which slot each candidate meeting takes (or none), with the occupancy counters that make checks O(1). */
export class SlotPlan {
  /** Per candidate: its slot, or -1 when not placed. */
  readonly slotOf: Int32Array;
  /** `participant * slotCount + slot` → candidate placed there, or -1. */
  private readonly occupant: Int32Array;
  readonly load: Int32Array;
  readonly used: Int32Array;
  total = 0;

  constructor(private readonly problem: ScheduleProblem) {
    this.slotOf = new Int32Array(problem.candidates.length).fill(-1);
    this.occupant = new Int32Array(problem.participants.length * problem.slotCount).fill(-1);
    this.load = new Int32Array(problem.participants.length);
    this.used = new Int32Array(problem.slotCount);
  }

  occupantOf(participant: number, slot: number): number {
    return this.occupant[participant * this.problem.slotCount + slot];
  }

  isPlaced(c: number): boolean {
    return this.slotOf[c] >= 0;
  }

  /** Assumes `slot` is one of the candidate's feasible slots. */
  canPlace(c: number, slot: number): boolean {
    const { owner, supplier } = this.problem.candidates[c];
    const S = this.problem.slotCount;
    return (
      this.slotOf[c] < 0 &&
      this.used[slot] < this.problem.freeTables[slot] &&
      this.occupant[owner * S + slot] < 0 &&
      this.occupant[supplier * S + slot] < 0 &&
      this.load[owner] < this.problem.capacity[owner] &&
      this.load[supplier] < this.problem.capacity[supplier]
    );
  }

  place(c: number, slot: number): void {
    const { owner, supplier, priority } = this.problem.candidates[c];
    const S = this.problem.slotCount;
    this.slotOf[c] = slot;
    this.occupant[owner * S + slot] = c;
    this.occupant[supplier * S + slot] = c;
    this.load[owner]++;
    this.load[supplier]++;
    this.used[slot]++;
    this.total += priority;
  }

  remove(c: number): number {
    const slot = this.slotOf[c];
    const { owner, supplier, priority } = this.problem.candidates[c];
    const S = this.problem.slotCount;
    this.slotOf[c] = -1;
    this.occupant[owner * S + slot] = -1;
    this.occupant[supplier * S + slot] = -1;
    this.load[owner]--;
    this.load[supplier]--;
    this.used[slot]--;
    this.total -= priority;
    return slot;
  }

  /** Recomputed from scratch because the running total drifts with floating-point adds and removes. */
  exactTotal(): number {
    let total = 0;
    this.problem.candidates.forEach((c, i) => {
      if (this.slotOf[i] >= 0) total += c.priority;
    });
    return total;
  }
}
