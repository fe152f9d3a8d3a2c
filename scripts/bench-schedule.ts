/**
 * Benchmark of the 1:1 meeting scheduler on seeded, realistic matchmaking events.
 * Every schedule is re-checked by the independent validator; any hard-rule violation exits non-zero.
 *
 *   npm run bench:schedule            # small, medium, large
 *   npm run bench:schedule -- --stress  # adds a denser event where the MIP may hit its time limit
 */
import {
  type LockedMeeting,
  type MeetingRequest,
  type MeetingRequestKind,
  type ScheduleInput,
  type ScheduleParticipant,
  type ScheduleSolver,
  scheduleMeetings,
  validateSchedule,
} from '@app/scheduling';

interface EventSize {
  readonly name: string;
  readonly participants: number;
  readonly slots: number;
  readonly tables: number;
  readonly requests: number;
  readonly seed: number;
}

const SIZES: readonly EventSize[] = [
  { name: 'small', participants: 40, slots: 8, tables: 6, requests: 150, seed: 11 },
  { name: 'medium', participants: 120, slots: 10, tables: 12, requests: 800, seed: 22 },
  { name: 'large', participants: 300, slots: 12, tables: 20, requests: 2000, seed: 33 },
];
const STRESS: EventSize = { name: 'stress', participants: 300, slots: 12, tables: 80, requests: 4000, seed: 44 };

/** mulberry32: tiny, seedable, good enough for test data. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

export function generateEvent(size: EventSize): ScheduleInput {
  const random = seededRandom(size.seed);
  const pick = (n: number) => Math.floor(random() * n);

  // Morning and afternoon halves with a lunch break between them, which the slot list already omits.
  const slots = Array.from({ length: size.slots }, (_, i) => {
    const morning = i < Math.ceil(size.slots / 2);
    const minutes = morning ? 9 * 60 + i * 20 : 14 * 60 + (i - Math.ceil(size.slots / 2)) * 20;
    const at = (m: number) =>
      `2026-04-16T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+08:00`;
    return { id: `slot-${pad(i + 1)}`, start: at(minutes), end: at(minutes + 20) };
  });
  const half = Math.ceil(size.slots / 2);
  const tables = Array.from({ length: size.tables }, (_, i) => ({
    id: `table-${pad(i + 1)}`,
    name: `${i + 1} 号洽谈桌`,
  }));

  const participants: ScheduleParticipant[] = [];
  for (let i = 0; i < size.participants; i++) {
    const side = i < size.participants / 2 ? 'owner' : 'supplier';
    const u = random();
    let availableSlotIds: string[] | undefined;
    if (u < 0.12) availableSlotIds = slots.slice(0, half).map((s) => s.id);
    else if (u < 0.22) availableSlotIds = slots.slice(half).map((s) => s.id);
    else if (u < 0.29) availableSlotIds = slots.filter(() => random() < 0.6).map((s) => s.id);
    else if (u < 0.3) availableSlotIds = [];
    const id = side === 'owner' ? `owner-${pad(i + 1)}` : `supplier-${pad(i + 1 - size.participants / 2)}`;
    participants.push({ id, side, maxMeetings: 4 + pick(5), ...(availableSlotIds ? { availableSlotIds } : {}) });
  }
  const owners = participants.filter((p) => p.side === 'owner');
  const suppliers = participants.filter((p) => p.side === 'supplier');

  const requests: MeetingRequest[] = [];
  const pairs = new Set<string>();
  while (requests.length < size.requests) {
    const owner = owners[pick(owners.length)];
    // A few suppliers draw most of the interest, as in real events.
    const supplier = suppliers[Math.floor(random() ** 1.6 * suppliers.length)];
    const pair = `${owner.id}|${supplier.id}`;
    const duplicate = pairs.has(pair);
    if (duplicate && random() > 0.02) continue;
    pairs.add(pair);
    const u = random();
    const kind: MeetingRequestKind = u < 0.15 ? 'mutual' : u < 0.5 ? 'accepted' : 'suggested';
    requests.push({
      id: `req-${String(requests.length + 1).padStart(5, '0')}`,
      ownerId: owner.id,
      supplierId: supplier.id,
      kind,
      matchScore: Math.round((0.3 + 0.7 * random()) * 1000) / 1000,
    });
  }

  const locked: LockedMeeting[] = [];
  const busy = new Set<string>();
  const byId = new Map(participants.map((p) => [p.id, p]));
  const lockTarget = Math.max(2, Math.round(size.requests * 0.005));
  for (let attempt = 0; attempt < 200 && locked.length < lockTarget; attempt++) {
    const request = requests[pick(requests.length)];
    const slot = slots[pick(slots.length)];
    const table = tables[pick(tables.length)];
    const canAttend = (id: string) => {
      const ids = byId.get(id)!.availableSlotIds;
      return (ids === undefined || ids.includes(slot.id)) && !busy.has(`${id}|${slot.id}`);
    };
    const samePair = locked.some((l) => {
      const r = requests.find((x) => x.id === l.requestId)!;
      return r.ownerId === request.ownerId && r.supplierId === request.supplierId;
    });
    if (
      samePair ||
      !canAttend(request.ownerId) ||
      !canAttend(request.supplierId) ||
      busy.has(`${table.id}|${slot.id}`)
    ) {
      continue;
    }
    for (const key of [request.ownerId, request.supplierId, table.id]) busy.add(`${key}|${slot.id}`);
    locked.push({ requestId: request.id, slotId: slot.id, tableId: table.id });
  }
  return { slots, tables, participants, requests, locked };
}

interface BenchRow {
  size: string;
  solver: ScheduleSolver;
  participants: number;
  slots: number;
  tables: number;
  requests: number;
  placed: number;
  locked: number;
  'solve ms': number;
  'total priority': number;
  'upper bound': number;
  ratio: string;
  status: string;
}

async function main(): Promise<void> {
  const sizes = process.argv.includes('--stress') ? [...SIZES, STRESS] : SIZES;
  // The first HiGHS call instantiates the WASM runtime; timing it separately keeps the rows comparable.
  const warmStart = performance.now();
  await scheduleMeetings(generateEvent({ ...SIZES[0], requests: 10 }));
  console.log(`HiGHS 运行时加载与预热：${(performance.now() - warmStart).toFixed(0)} ms`);

  const rows: BenchRow[] = [];
  let violationCount = 0;
  for (const size of sizes) {
    const input = generateEvent(size);
    for (const solver of ['mip', 'heuristic'] as const) {
      const started = performance.now();
      const result = await scheduleMeetings(input, { solver });
      const elapsed = performance.now() - started;
      const violations = validateSchedule(input, result);
      for (const v of violations) console.error(`[${size.name}/${solver}] ${v.rule}: ${v.message}`);
      violationCount += violations.length;
      rows.push({
        size: size.name,
        solver: result.stats.solver,
        participants: size.participants,
        slots: size.slots,
        tables: size.tables,
        requests: size.requests,
        placed: result.stats.placed,
        locked: result.stats.lockedPlaced,
        'solve ms': Math.round(elapsed),
        'total priority': Math.round(result.totalPriority * 100) / 100,
        'upper bound': Math.round(result.upperBound * 100) / 100,
        ratio: `${((result.upperBound > 0 ? result.totalPriority / result.upperBound : 1) * 100).toFixed(2)}%`,
        status: result.stats.fallbackReason
          ? `${result.stats.status} (${result.stats.fallbackReason})`
          : result.stats.status,
      });
      if (solver === 'mip') {
        const reasons = new Map<string, number>();
        for (const u of result.unplaced) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
        console.log(
          `[${size.name}] 未安排原因：${[...reasons].map(([r, n]) => `${r}=${n}`).join(', ')}；警告 ${result.warnings.length} 条`,
        );
      }
    }
  }
  console.table(rows);
  if (violationCount > 0) {
    console.error(`发现 ${violationCount} 处违反硬性规则`);
    process.exitCode = 1;
  } else {
    console.log('所有排期均通过独立校验（硬性规则无违反）');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
