import type { ScheduleProblem } from './schedule-problem.model';

/**
 * Upper bound on the free (non-locked) part of the objective, ignoring which slot each meeting takes.
 *
 * Any schedule picks a set of candidates in which every participant appears at most
 * min(remaining capacity, slots it could still use) times and whose size is at most the number of free
 * table-slots. The best such set is a maximum-weight bipartite b-matching, solved exactly here as a
 * min-cost flow (owners → suppliers) by successive shortest paths, stopping when the next path no longer
 * adds weight. Every augmenting path crosses an owner→supplier arc of capacity 1, so each adds one unit.
 */
export interface PairCapacityBound {
  readonly bound: number;
  /** Per candidate: 1 when the optimal b-matching picks it, a strong hint for which requests to place first. */
  readonly selected: Uint8Array;
}

export function pairCapacityBound(problem: ScheduleProblem): PairCapacityBound {
  const { candidates, participants, slotCount } = problem;
  const P = participants.length;
  const selected = new Uint8Array(candidates.length);
  if (candidates.length === 0) return { bound: 0, selected };
  const usableSlots = new Int32Array(P);
  const seen = new Uint8Array(P * slotCount);
  for (const c of candidates) {
    for (const s of c.slots) {
      for (const p of [c.owner, c.supplier]) {
        if (!seen[p * slotCount + s]) {
          seen[p * slotCount + s] = 1;
          usableSlots[p]++;
        }
      }
    }
  }
  let tableSlots = 0;
  for (let s = 0; s < slotCount; s++) tableSlots += Math.max(0, problem.freeTables[s]);

  const source = P;
  const sink = P + 1;
  const graph = new ResidualGraph(P + 2);
  participants.forEach((p, i) => {
    const b = Math.min(problem.capacity[i], usableSlots[i]);
    if (b <= 0) return;
    if (p.side === 'owner') graph.addArc(source, i, b, 0);
    else graph.addArc(i, sink, b, 0);
  });
  const firstPairArc = graph.arcCount;
  for (const c of candidates) graph.addArc(c.owner, c.supplier, 1, -c.priority);

  let weight = 0;
  const potential = initialPotential(graph, source);
  for (let flow = 0; flow < tableSlots; flow++) {
    const pathCost = graph.augmentShortestPath(source, sink, potential);
    if (pathCost === undefined || pathCost >= 0) break;
    weight -= pathCost;
  }
  candidates.forEach((_, i) => (selected[i] = graph.cap[firstPairArc + 2 * i] === 0 ? 1 : 0));
  return { bound: weight, selected };
}

/** Shortest distances from the source on the initial, acyclic network (source → owners → suppliers → sink). */
function initialPotential(graph: ResidualGraph, source: number): Float64Array {
  const dist = new Float64Array(graph.nodeCount).fill(Infinity);
  dist[source] = 0;
  // Three relaxation rounds reach every node of a three-layer DAG.
  for (let round = 0; round < 3; round++) {
    for (let e = 0; e < graph.arcCount; e += 2) {
      const u = graph.from[e];
      if (dist[u] !== Infinity && dist[u] + graph.cost[e] < dist[graph.to[e]])
        dist[graph.to[e]] = dist[u] + graph.cost[e];
    }
  }
  return dist;
}

class ResidualGraph {
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly cap: number[] = [];
  readonly cost: number[] = [];
  private readonly out: number[][];

  constructor(readonly nodeCount: number) {
    this.out = Array.from({ length: nodeCount }, () => []);
  }

  get arcCount(): number {
    return this.to.length;
  }

  /** Arcs come in pairs: `e` forward, `e ^ 1` its reverse. */
  addArc(u: number, v: number, capacity: number, cost: number): void {
    this.out[u].push(this.to.length);
    this.from.push(u);
    this.to.push(v);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.out[v].push(this.to.length);
    this.from.push(v);
    this.to.push(u);
    this.cap.push(0);
    this.cost.push(-cost);
  }

  /** Dijkstra on reduced costs (dense O(V²), V is a few hundred); pushes one unit and returns the path's cost. */
  augmentShortestPath(source: number, sink: number, potential: Float64Array): number | undefined {
    const n = this.nodeCount;
    const dist = new Float64Array(n).fill(Infinity);
    const via = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    dist[source] = 0;
    for (;;) {
      let u = -1;
      for (let v = 0; v < n; v++) if (!done[v] && dist[v] !== Infinity && (u < 0 || dist[v] < dist[u])) u = v;
      if (u < 0) break;
      done[u] = 1;
      for (const e of this.out[u]) {
        if (this.cap[e] <= 0) continue;
        const v = this.to[e];
        // Reduced costs are non-negative up to rounding; clamping keeps Dijkstra's invariant.
        const reduced = Math.max(0, this.cost[e] + potential[u] - potential[v]);
        if (dist[u] + reduced < dist[v]) {
          dist[v] = dist[u] + reduced;
          via[v] = e;
        }
      }
    }
    if (dist[sink] === Infinity) return undefined;
    for (let v = 0; v < n; v++) if (dist[v] !== Infinity) potential[v] += dist[v];
    let cost = 0;
    for (let v = sink; v !== source; v = this.from[via[v]]) cost += this.cost[via[v]];
    if (cost >= 0) return cost;
    for (let v = sink; v !== source; v = this.from[via[v]]) {
      this.cap[via[v]]--;
      this.cap[via[v] ^ 1]++;
    }
    return cost;
  }
}
