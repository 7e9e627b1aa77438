/**
 * The release rule for aggregate statistics (decision 0014): which counts of a calendar year may be
 * shown so that no withheld count can be worked out from everything shown, across every period of
 * the year (months, quarters, the year) and every breakdown (status, province, …) and total.
 *
 * The model. Within one year the counts of one population (cases, or referrals) obey linear
 * relations that anyone can write down: a quarter is the sum of its months and the year the sum of
 * its quarters, cell by cell and for the total; in a `partition` breakdown the cells of a period add
 * up to its total; in a `multi` breakdown each cell is at most the total. Every count is ≥ 0. An
 * attacker knows these relations, every released number, and the public keys of each breakdown; a
 * key missing from a release may be empty or withheld. Years are not related to each other (no
 * period spans two years), so each year is a problem of its own.
 *
 * These relations are flow conservation on a small directed graph (a "network"): for one partition
 * breakdown with keys c, the nodes are the year (s), the quarters (Q), the months (M), one node per
 * quarter and key (Q,c), one per key (c) and a sink (t); the counts are the edges
 *   T_year: t→s   T_quarter: s→Q   T_month: Q→M   month cell: M→(Q,c)   quarter cell: (Q,c)→c   year cell: c→t
 * and conservation at s, Q, M, (Q,c), c and t is exactly "year = Σ quarters", "quarter = Σ months",
 * "month total = Σ its cells", "quarter cell = Σ month cells", "year cell = Σ quarter cells" and
 * "year total = Σ year cells" (a quarter's row sum follows from these). A multi breakdown is one such
 * tree per key hung on a ground node, with each edge capped by its period's total; the totals alone
 * are the tree of periods hung on a ground node.
 *
 * In a network a withheld count is determined by the released ones exactly when no cycle of
 * unreleased edges passes through it along which one unit can be pushed (a unit more on edges
 * travelled forwards, a unit less on edges travelled backwards, staying ≥ 0 and under the caps):
 * if such a cycle exists, the table with that unit moved agrees with every released number, so the
 * count has at least two possible values (x and x ± 1); if none exists, linear programming duality
 * pins it. So the rule is: withhold every count in 1..k−1 (primary suppression); then, for every
 * withheld count through which no such cycle exists, withhold the cheapest released counts that
 * close one (complementary suppression: a shortest path, where a month cell costs its count, a
 * quarter cell far more and a year cell more still, so the annual figures survive).
 *
 * Consistency over time. Periods are released only once they are over, and a period's cells are
 * decided when it ends, from the counts of the months that have ended by then, and never revised:
 * the year is decided month by month (January; February; March with Q1; …; December with Q4 and the
 * year) and every complementary cell is taken from the periods ending at that step. So the release
 * of March read in April is the release of March read in December: what someone collects over the
 * year is one consistent release, and that release is protected.
 *
 * Linked breakdowns. The breakdowns of one population share its totals. Totals are decided first,
 * on their own tree, where every withheld total gets a cycle of hidden totals (kept while it holds).
 * Every such cycle passes once through the tree's ground, which in a partition breakdown is the
 * months and the sink: the unit enters the cells at one of them and leaves at another. Each
 * partition breakdown is made to *carry* each cycle — a path of hidden cells, each ≥ 1 so that it
 * can move either way, from where the unit enters to where it leaves, withholding the cheapest new
 * cells where there is none — and a multi breakdown of a period whose total is withheld is withheld
 * whole (its caps move with the totals). Then a unit moved around a cycle of totals can be moved in
 * every breakdown at once, so a breakdown may use a cycle of totals (as one arc, leave → enter, at
 * most one per cycle) to protect its own cells, and otherwise never touches the totals: the
 * breakdowns are protected one at a time.
 */
import { SMALL_CELL_K, type StatCell, type StatDimension, type StatPeriod } from './statistics';

/** One calendar month's counts: the records of the month and, per breakdown, the count of each key. */
export interface MonthCounts {
  readonly total: number;
  /** per breakdown name, per key; keys outside the breakdown's keys are counted but never released */
  readonly cells: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** What may be shown of one period: the total (null when withheld) and the released cells of each breakdown, in key order. */
export interface PeriodRelease {
  readonly period: StatPeriod;
  readonly total: number | null;
  readonly cells: Readonly<Record<string, StatCell[]>>;
}

// Periods of one year by index: 0–11 the months, 12–15 the quarters, 16 the year.
const PERIODS = 17;
const YEAR = 16;
const quarterOfMonth = (m: number): number => Math.floor(m / 3);
const levelOf = (p: number): 0 | 1 | 2 => (p < 12 ? 0 : p < YEAR ? 1 : 2);
/** the step (0 = January … 11 = December) at which a period ends and its cells are decided */
const endStepOf = (p: number): number => (p < 12 ? p : p < YEAR ? (p - 12) * 3 + 2 : 11);
const monthsOf = (p: number): number[] =>
  p < 12 ? [p] : p < YEAR ? [0, 1, 2].map((i) => (p - 12) * 3 + i) : [...Array(12).keys()];

function periodOf(year: number, p: number): StatPeriod {
  if (p < 12) return { kind: 'MONTH', year, index: p + 1 };
  if (p < YEAR) return { kind: 'QUARTER', year, index: p - 11 };
  return { kind: 'YEAR', year, index: 0 };
}

// what is known of a count
const PENDING = 0; // its period has not ended at this step: not released yet
const RELEASED = 1;
const WITHHELD = 2;
const EMPTY = 3; // zero and not shown: a public key may be empty or withheld, so only an unlisted key is known to be empty

/** Counts of a partition breakdown outside its keys: never released, and not a key an attacker would know of. */
const OTHER = '\u0000other';

/** What complementary suppression costs: the lower the level, the cheaper (annual figures matter most). */
const LEVEL_COST = [1, 1e9, 1e13] as const;

interface Edge {
  readonly from: number;
  readonly to: number;
  readonly p: number;
  /** key index; -1: the period's total (an edge of the totals table seen from a partition breakdown) */
  readonly c: number;
}

interface Arc {
  readonly to: number;
  /** the edge moved; negative: a cycle of totals carried by every breakdown (see `carry`) */
  readonly edge: number;
  readonly cost: number;
}

/** One edge moved by one unit, up (+1) or down (−1). */
interface Move {
  readonly edge: number;
  readonly up: boolean;
}

/** A cycle of withheld totals and where it enters and leaves the months in a partition network. */
interface TotalsCycle {
  readonly moves: readonly Move[];
  /** partition-network node where the unit arrives from the totals (a month, or the sink) */
  readonly enter: number;
  /** partition-network node where it leaves for the totals */
  readonly leave: number;
}

/** One table of counts over the periods of the year (the totals, or one breakdown) and its network. */
class Table {
  readonly status: Uint8Array[];
  readonly value: number[][];
  readonly edges: Edge[] = [];
  nodes = 0;

  constructor(
    readonly kind: 'total' | 'partition' | 'multi',
    readonly keys: readonly string[],
    /** per key: known to an attacker (a public key) */
    readonly isPublic: readonly boolean[],
    /** [month][key] */
    readonly monthly: readonly (readonly number[])[],
  ) {
    this.status = Array.from({ length: PERIODS }, () => new Uint8Array(keys.length).fill(PENDING));
    this.value = Array.from({ length: PERIODS }, () => new Array<number>(keys.length).fill(0));
  }

  /** The counts as they stand after the months 0..step (a period that has not ended holds its months so far). */
  setStep(step: number): void {
    for (let p = 0; p < PERIODS; p++) {
      const row = this.value[p];
      row.fill(0);
      for (const m of monthsOf(p)) {
        if (m > step || m >= this.monthly.length) continue;
        const counts = this.monthly[m];
        for (let c = 0; c < row.length; c++) row[c] += counts[c];
      }
    }
  }
}

/** The counts a network sees at one step: state, value and cap of each edge. */
interface StepView {
  readonly step: number;
  readonly totals: Table;
}

/**
 * The released cells of every period of `year` that has ended, given the counts of its ended months
 * (`months[0]` is January; at most 12). Deterministic, and a period's cells depend only on the
 * months up to its end: the answer for March is the same whether two or twelve months are given.
 */
export function releaseYear(
  year: number,
  months: readonly MonthCounts[],
  dimensions: readonly StatDimension[],
  k = SMALL_CELL_K,
): PeriodRelease[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`k must be an integer ≥ 2 (got ${k})`);
  if (months.length > 12) throw new Error('a year has 12 months');
  if (months.length === 0) return [];
  const lastStep = months.length - 1;

  const totals = new Table(
    'total',
    ['total'],
    [true],
    months.map((m) => [count(m.total, 'total')]),
  );
  buildTotalsNetwork(totals);
  const tables = dimensions.map((d) => {
    const keys = [...d.keys, OTHER];
    const index = new Map(keys.map((key, i) => [key, i]));
    const monthly = months.map((m) => {
      const row = new Array<number>(keys.length).fill(0);
      for (const [key, n] of Object.entries(m.cells[d.name] ?? {})) {
        const c = index.get(key);
        // a key outside the list: in a partition it still counts towards the total; a multi cell relates to nothing else
        if (c !== undefined || d.kind === 'partition') row[c ?? keys.length - 1] += count(n, `${d.name}.${key}`);
      }
      if (d.kind === 'partition') {
        const rest = m.total - row.reduce((a, b) => a + b, 0);
        if (rest < 0) throw new Error(`the cells of ${d.name} add up to more than the total`);
        row[keys.length - 1] += rest; // records without a public key (none, when the data are sound)
      } else if (row.some((n) => n > m.total)) {
        throw new Error(`a cell of ${d.name} is above the total`);
      }
      return row;
    });
    const t = new Table(d.kind, keys, [...d.keys.map(() => true), false], monthly);
    if (d.kind === 'partition') buildPartitionNetwork(t);
    else buildMultiNetwork(t);
    return t;
  });

  const cycles = new Map<number, TotalsCycle>();
  for (let step = 0; step <= lastStep; step++) {
    const fresh = [...Array(PERIODS).keys()].filter((p) => endStepOf(p) === step);
    totals.setStep(step);
    for (const t of tables) t.setStep(step);
    const view: StepView = { step, totals };
    for (const p of fresh) {
      const n = totals.value[p][0];
      totals.status[p][0] = n > 0 && n < k ? WITHHELD : RELEASED; // a zero total is shown as 0
    }
    protect(totals, view, []);
    const carried = totalsCycles(totals, view, cycles);
    for (const t of tables) {
      for (const p of fresh) {
        // a multi breakdown of a period whose total is withheld is withheld whole (see the file comment)
        const whole = t.kind === 'multi' && totals.status[p][0] === WITHHELD;
        for (let c = 0; c < t.keys.length; c++) {
          const n = t.value[p][c];
          t.status[p][c] = n === 0 ? EMPTY : whole || n < k || !t.isPublic[c] ? WITHHELD : RELEASED;
        }
      }
      if (t.kind === 'partition') carry(t, view, carried);
      protect(t, view, t.kind === 'partition' ? carried : []);
    }
  }

  const out: PeriodRelease[] = [];
  for (let p = 0; p < PERIODS; p++) {
    if (endStepOf(p) > lastStep) continue;
    const cells: Record<string, StatCell[]> = {};
    dimensions.forEach((d, i) => {
      const t = tables[i];
      cells[d.name] = t.keys.flatMap((key, c) => (t.status[p][c] === RELEASED ? [{ key, n: t.value[p][c] }] : []));
    });
    out.push({ period: periodOf(year, p), total: totals.status[p][0] === RELEASED ? totals.value[p][0] : null, cells });
  }
  return out;
}

function count(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what}: a count must be an integer ≥ 0 (got ${n})`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// The networks
// ---------------------------------------------------------------------------------------------

/** Totals: ground g, year s, quarters Q. T_year: g→s, T_quarter: s→Q, T_month: Q→g. */
function buildTotalsNetwork(t: Table): void {
  const s = 0;
  const q = (i: number) => 1 + i;
  const g = 5;
  t.nodes = 6;
  for (let m = 0; m < 12; m++) t.edges.push({ from: q(quarterOfMonth(m)), to: g, p: m, c: 0 });
  for (let i = 0; i < 4; i++) t.edges.push({ from: s, to: q(i), p: 12 + i, c: 0 });
  t.edges.push({ from: g, to: s, p: YEAR, c: 0 });
}

/** A partition breakdown with its totals (see the file comment). */
function buildPartitionNetwork(t: Table): void {
  const K = t.keys.length;
  const s = 0;
  const q = (i: number) => 1 + i;
  const mo = (m: number) => 5 + m;
  const sink = 17;
  const qc = (i: number, c: number) => 18 + i * K + c;
  const kc = (c: number) => 18 + 4 * K + c;
  t.nodes = 18 + 5 * K;
  for (let m = 0; m < 12; m++)
    for (let c = 0; c < K; c++) t.edges.push({ from: mo(m), to: qc(quarterOfMonth(m), c), p: m, c });
  for (let i = 0; i < 4; i++) for (let c = 0; c < K; c++) t.edges.push({ from: qc(i, c), to: kc(c), p: 12 + i, c });
  for (let c = 0; c < K; c++) t.edges.push({ from: kc(c), to: sink, p: YEAR, c });
  for (let m = 0; m < 12; m++) t.edges.push({ from: q(quarterOfMonth(m)), to: mo(m), p: m, c: -1 });
  for (let i = 0; i < 4; i++) t.edges.push({ from: s, to: q(i), p: 12 + i, c: -1 });
  t.edges.push({ from: sink, to: s, p: YEAR, c: -1 });
}

/** A multi breakdown: one tree per key on a ground node z; each cell capped by its period's total. */
function buildMultiNetwork(t: Table): void {
  const K = t.keys.length;
  const z = 0;
  const qc = (i: number, c: number) => 1 + i * K + c;
  const kc = (c: number) => 1 + 4 * K + c;
  t.nodes = 1 + 5 * K;
  for (let m = 0; m < 12; m++)
    for (let c = 0; c < K; c++) t.edges.push({ from: z, to: qc(quarterOfMonth(m), c), p: m, c });
  for (let i = 0; i < 4; i++) for (let c = 0; c < K; c++) t.edges.push({ from: qc(i, c), to: kc(c), p: 12 + i, c });
  for (let c = 0; c < K; c++) t.edges.push({ from: kc(c), to: z, p: YEAR, c });
}

// ---------------------------------------------------------------------------------------------
// Protection: every withheld count on a cycle along which a unit can move
// ---------------------------------------------------------------------------------------------

/** Is the edge's count hidden from an attacker at this step? */
function unknown(t: Table, e: Edge, v: StepView): boolean {
  if (e.c < 0) return endStepOf(e.p) > v.step || v.totals.status[e.p][0] !== RELEASED;
  if (endStepOf(e.p) > v.step) return true; // not released yet
  const st = t.status[e.p][e.c];
  return st === WITHHELD || (st === EMPTY && t.isPublic[e.c]);
}

function valueOf(t: Table, e: Edge, v: StepView): number {
  return e.c < 0 ? v.totals.value[e.p][0] : t.value[e.p][e.c];
}

/** The most an edge can carry: a multi cell is at most its period's total, once that period has ended. */
function capOf(t: Table, e: Edge, v: StepView): number {
  return t.kind === 'multi' && endStepOf(e.p) <= v.step ? v.totals.value[e.p][0] : Infinity;
}

/** May this released count be withheld now as a complement? Only cells of the periods ending at this step. */
function candidate(t: Table, e: Edge, v: StepView): boolean {
  return e.c >= 0 && endStepOf(e.p) === v.step && t.status[e.p][e.c] === RELEASED && t.value[e.p][e.c] > 0;
}

/**
 * Residual arcs: cost 0 for hidden counts, the complement's cost for candidates. The totals in a
 * partition network are never moved on their own: only along the cycles of totals that every
 * breakdown carries (`virtual`, each an arc leave → enter), at most one per cycle (a second layer of
 * nodes, entered through a virtual arc, has none).
 */
function residualArcs(
  t: Table,
  v: StepView,
  withCandidates: boolean,
  virtual: readonly TotalsCycle[] = [],
  twoWay = false,
): Arc[][] {
  const layers = virtual.length > 0 ? 2 : 1;
  const adj: Arc[][] = Array.from({ length: t.nodes * layers }, () => []);
  virtual.forEach((cy, i) => adj[cy.leave].push({ to: t.nodes + cy.enter, edge: -2 - i, cost: 0 }));
  t.edges.forEach((e, i) => {
    if (e.c < 0) return;
    let cost: number;
    if (unknown(t, e, v)) cost = 0;
    else if (withCandidates && candidate(t, e, v)) cost = LEVEL_COST[levelOf(e.p)] + valueOf(t, e, v);
    else return;
    const x = valueOf(t, e, v);
    if (twoWay && !(x >= 1 && x + 1 <= capOf(t, e, v))) return;
    for (let l = 0; l < layers; l++) {
      const o = l * t.nodes;
      if (x + 1 <= capOf(t, e, v)) adj[o + e.from].push({ to: o + e.to, edge: i, cost });
      if (x >= 1) adj[o + e.to].push({ to: o + e.from, edge: i, cost });
    }
  });
  return adj;
}

/** The cheapest path src ⇝ dst (in either layer) avoiding one edge: the edges it uses, or null. Dijkstra (the graphs have a few hundred nodes). */
function cheapestPath(
  adj: Arc[][],
  src: number,
  dst: number,
  avoid: number,
  nodes = adj.length,
): { cost: number; edges: number[] } | null {
  const n = adj.length;
  const dist = new Array<number>(n).fill(Infinity);
  const via = new Array<Arc | null>(n).fill(null);
  const from = new Array<number>(n).fill(-1);
  const done = new Uint8Array(n);
  dist[src] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i;
    if (u < 0) return null;
    if (u % nodes === dst) {
      dst = u;
      break;
    }
    done[u] = 1;
    for (const a of adj[u]) {
      if (a.edge === avoid || done[a.to]) continue;
      const d = dist[u] + a.cost;
      if (d < dist[a.to]) {
        dist[a.to] = d;
        via[a.to] = a;
        from[a.to] = u;
      }
    }
  }
  const edges: number[] = [];
  for (let x = dst; x !== src; x = from[x]) edges.push((via[x] as Arc).edge);
  return { cost: dist[dst], edges };
}

/** Is dst (in either layer) reachable from src over the arcs, without using one edge? Breadth-first. */
function reaches(adj: Arc[][], src: number, dst: number, avoid: number, nodes = adj.length): boolean {
  const seen = new Uint8Array(adj.length);
  const queue = [src];
  seen[src] = 1;
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    if (u % nodes === dst) return true;
    for (const a of adj[u]) {
      if (a.edge === avoid || seen[a.to]) continue;
      seen[a.to] = 1;
      queue.push(a.to);
    }
  }
  return false;
}

/** Can one unit move through edge i (up, or down) along a cycle of hidden counts? */
function movable(adj: Arc[][], t: Table, i: number, v: StepView): boolean {
  const e = t.edges[i];
  const up = valueOf(t, e, v) + 1 <= capOf(t, e, v);
  return (up && reaches(adj, e.to, e.from, i, t.nodes)) || reaches(adj, e.from, e.to, i, t.nodes);
}

/**
 * Makes every withheld, non-zero count of the table movable, withholding complements from the
 * periods that end at this step. One pass suffices: withholding more never pins a count that could
 * move, and the complements lie on the cycle they were withheld for.
 */
function protect(t: Table, v: StepView, virtual: readonly TotalsCycle[]): void {
  let hidden = residualArcs(t, v, false, virtual);
  for (let i = 0; i < t.edges.length; i++) {
    const e = t.edges[i];
    if (e.c < 0 || endStepOf(e.p) > v.step || t.status[e.p][e.c] !== WITHHELD || t.value[e.p][e.c] === 0) continue;
    if (movable(hidden, t, i, v)) continue;
    const all = residualArcs(t, v, true, virtual);
    const up = valueOf(t, e, v) + 1 <= capOf(t, e, v) ? cheapestPath(all, e.to, e.from, i, t.nodes) : null;
    const down = cheapestPath(all, e.from, e.to, i, t.nodes);
    const best = up && (!down || up.cost <= down.cost) ? up : down;
    withholdPath(t, v, best);
    hidden = residualArcs(t, v, false, virtual);
    if (!movable(hidden, t, i, v)) throw new Error('statistics: a withheld count cannot be protected');
  }
}

/** Withholds the released counts on a path; no path: every count of the periods ending now (not expected: they can always close one). */
function withholdPath(t: Table, v: StepView, path: { edges: number[] } | null): void {
  if (path) {
    for (const j of path.edges) if (j >= 0 && !unknown(t, t.edges[j], v)) withhold(t, t.edges[j]);
  } else {
    t.edges.forEach((f) => candidate(t, f, v) && withhold(t, f));
  }
}

// ---------------------------------------------------------------------------------------------
// Totals shared by the breakdowns
// ---------------------------------------------------------------------------------------------

const TOTALS_GROUND = 5;
const PARTITION_SINK = 17;
/** the partition-network node a month total or the year total touches where the totals network has its ground */
const groundSide = (e: Edge): number => (e.p < 12 ? 5 + e.p : PARTITION_SINK);

/** The path src ⇝ dst over the arcs avoiding one edge, as moves, or null (breadth-first). */
function movesOf(t: Table, adj: Arc[][], src: number, dst: number, avoid: number): Move[] | null {
  const via = new Map<number, { from: number; arc: Arc }>();
  const queue = [src];
  const seen = new Set([src]);
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    if (u === dst) {
      const moves: Move[] = [];
      for (let x = dst; x !== src; ) {
        const step = via.get(x) as { from: number; arc: Arc };
        moves.push({ edge: step.arc.edge, up: t.edges[step.arc.edge].from === step.from });
        x = step.from;
      }
      return moves.reverse();
    }
    for (const a of adj[u]) {
      if (a.edge === avoid || seen.has(a.to)) continue;
      seen.add(a.to);
      via.set(a.to, { from: u, arc: a });
      queue.push(a.to);
    }
  }
  return null;
}

/**
 * For every withheld total, a cycle of hidden totals through it (kept from the step before while it
 * still holds, so that what the breakdowns did to carry it stays enough). Every such cycle passes
 * once through the ground of the totals network, which in a partition network is the months and the
 * sink: the cycle enters there at one node and leaves at another.
 */
function totalsCycles(totals: Table, v: StepView, cycles: Map<number, TotalsCycle>): TotalsCycle[] {
  const hidden = residualArcs(totals, v, false);
  const out: TotalsCycle[] = [];
  totals.edges.forEach((e, i) => {
    if (endStepOf(e.p) > v.step || totals.status[e.p][0] !== WITHHELD || totals.value[e.p][0] === 0) return;
    const kept = cycles.get(i);
    if (kept && kept.moves.every((m) => unknown(totals, totals.edges[m.edge], v))) {
      out.push(kept);
      return;
    }
    const path = movesOf(totals, hidden, e.to, e.from, i);
    const moves = path
      ? [{ edge: i, up: true }, ...path]
      : [{ edge: i, up: false }, ...(movesOf(totals, hidden, e.from, e.to, i) ?? [])];
    let enter = -1;
    let leave = -1;
    for (const m of moves) {
      const f = totals.edges[m.edge];
      const [a, b] = m.up ? [f.from, f.to] : [f.to, f.from];
      if (b === TOTALS_GROUND) enter = groundSide(f);
      if (a === TOTALS_GROUND) leave = groundSide(f);
    }
    if (enter < 0 || leave < 0) throw new Error('statistics: a withheld total is not on a cycle');
    const cycle = { moves, enter, leave };
    cycles.set(i, cycle);
    out.push(cycle);
  });
  return out;
}

/**
 * Makes a partition breakdown able to carry every cycle of withheld totals: a path of hidden cells
 * from where the cycle enters to where it leaves, withholding the cheapest cells of the periods
 * ending now where there is none. Then a unit moved around the cycle of totals moves along that path
 * in this breakdown, whatever the other breakdowns show. The path uses only cells that can move
 * both ways (≥ 1), so that when a later step has to protect the same total with another cycle, the
 * cells withheld for this one still lead from its months towards the year's keys, in either direction.
 */
function carry(t: Table, v: StepView, cycles: readonly TotalsCycle[]): void {
  for (const cy of cycles) {
    if (reaches(residualArcs(t, v, false, [], true), cy.enter, cy.leave, -1)) continue;
    withholdPath(t, v, cheapestPath(residualArcs(t, v, true, [], true), cy.enter, cy.leave, -1));
    if (!reaches(residualArcs(t, v, false, [], true), cy.enter, cy.leave, -1))
      throw new Error('statistics: a breakdown cannot carry a withheld total');
  }
}

function withhold(t: Table, e: Edge): void {
  t.status[e.p][e.c] = WITHHELD;
}
