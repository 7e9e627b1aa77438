/**
 * The attacker of the statistics release rule, for tests (domain unit tests and the API's
 * integration test): given everything released about one year (what `GET /stats/summary` answered
 * for each of its months, quarters and the year), it writes down every relation an outsider knows —
 * a quarter is the sum of its months and the year of its quarters, cell by cell and for the total;
 * the cells of a partition breakdown add up to the total; a multi cell is at most the total; all
 * counts are whole numbers ≥ 0 — and asks an exact solver (HiGHS, mixed-integer) for the least and
 * the greatest value of every count that was not released. A count is derived when the two agree.
 *
 * It knows nothing of how the release was made: only the released numbers and the public keys.
 */
import highsLoader from 'highs';
import type { PeriodRelease, StatDimension, StatPeriod } from '../index';
import { formatStatPeriod, statPeriodMonths } from '../index';

/** One unknown of the attacker: a withheld total, or a cell not listed (empty or withheld). */
export interface Unknown {
  readonly period: string;
  /** null: the period's total */
  readonly dimension: string | null;
  readonly key: string | null;
  readonly min: number;
  /** Infinity when nothing bounds it */
  readonly max: number;
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solver: Promise<Highs> | null = null;

/** Months of a quarter or year present in the releases: its children, if all of them are there. */
function children(p: StatPeriod, byName: Map<string, PeriodRelease>): PeriodRelease[] | null {
  if (p.kind === 'MONTH') return null;
  const names =
    p.kind === 'YEAR'
      ? [1, 2, 3, 4].map((q) => `${p.year}-Q${q}`)
      : (() => {
          const { first, last } = statPeriodMonths(p);
          return Array.from({ length: last - first + 1 }, (_, i) =>
            formatStatPeriod({ kind: 'MONTH', year: p.year, index: first + i }),
          );
        })();
  const found = names.map((n) => byName.get(n));
  return found.every((f): f is PeriodRelease => f !== undefined) ? found : null;
}

/**
 * The least and greatest value consistent with the releases of every count not released. The
 * releases may mix years (each is its own problem: no relation crosses a year).
 */
export async function attackReleases(
  releases: readonly PeriodRelease[],
  dimensions: readonly StatDimension[],
  /** which unknowns to solve for (default: all) */
  which: (u: { period: string; dimension: string | null; key: string | null }) => boolean = () => true,
): Promise<Unknown[]> {
  const byName = new Map(releases.map((r) => [formatStatPeriod(r.period), r]));
  const vars: { name: string; period: string; dimension: string | null; key: string | null }[] = [];
  // a count: a known number, or a variable
  const term = new Map<string, number | string>();
  const id = (period: string, dimension: string | null, key: string | null) =>
    `${period}|${dimension ?? ''}|${key ?? ''}`;
  for (const [period, r] of byName) {
    const add = (dimension: string | null, key: string | null, known: number | null) => {
      if (known !== null) term.set(id(period, dimension, key), known);
      else {
        const name = `x${vars.length}`;
        vars.push({ name, period, dimension, key });
        term.set(id(period, dimension, key), name);
      }
    };
    add(null, null, r.total);
    for (const d of dimensions) {
      const shown = new Map((r.cells[d.name] ?? []).map((c) => [c.key, c.n]));
      for (const key of d.keys) add(d.name, key, shown.get(key) ?? null);
    }
  }

  // linear relations: Σ coef·term = 0
  const rows: { coef: number; t: number | string }[][] = [];
  const at = (period: string, dimension: string | null, key: string | null) =>
    term.get(id(period, dimension, key)) as number | string;
  for (const [period, r] of byName) {
    const parts = children(r.period, byName);
    if (parts) {
      const names = parts.map((c) => formatStatPeriod(c.period));
      rows.push([{ coef: 1, t: at(period, null, null) }, ...names.map((n) => ({ coef: -1, t: at(n, null, null) }))]);
      for (const d of dimensions)
        for (const key of d.keys)
          rows.push([
            { coef: 1, t: at(period, d.name, key) },
            ...names.map((n) => ({ coef: -1, t: at(n, d.name, key) })),
          ]);
    }
    for (const d of dimensions)
      if (d.kind === 'partition')
        rows.push([
          { coef: 1, t: at(period, null, null) },
          ...d.keys.map((key) => ({ coef: -1, t: at(period, d.name, key) })),
        ]);
  }
  // multi cells: cell − total ≤ 0
  const caps: { cell: number | string; total: number | string }[] = [];
  for (const [period] of byName)
    for (const d of dimensions)
      if (d.kind === 'multi')
        for (const key of d.keys) caps.push({ cell: at(period, d.name, key), total: at(period, null, null) });

  const lines: string[] = [];
  const linear = (row: { coef: number; t: number | string }[]): { lhs: string; rhs: number } | null => {
    const coef = new Map<string, number>();
    let rhs = 0;
    for (const { coef: c, t } of row) {
      if (typeof t === 'number') rhs -= c * t;
      else coef.set(t, (coef.get(t) ?? 0) + c);
    }
    const parts = [...coef].filter(([, c]) => c !== 0).map(([v, c]) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v}`);
    return parts.length ? { lhs: parts.join(' '), rhs } : null;
  };
  rows.forEach((row, i) => {
    const l = linear(row);
    if (!l) {
      const known = row.reduce((s, { coef, t }) => s + coef * (t as number), 0);
      if (known !== 0) throw new Error('the releases contradict each other');
      return;
    }
    lines.push(` r${i}: ${l.lhs} = ${l.rhs}`);
  });
  caps.forEach(({ cell, total }, i) => {
    const l = linear([
      { coef: 1, t: cell },
      { coef: -1, t: total },
    ]);
    if (l) lines.push(` c${i}: ${l.lhs} <= ${l.rhs}`);
  });
  if (vars.length === 0) return [];
  const constraints = [
    'Subject To',
    ...(lines.length ? lines : [` z: ${vars[0].name} >= 0`]),
    'Bounds',
    ...vars.map((v) => ` ${v.name} >= 0`),
  ];
  const continuous = [...constraints, 'End'].join('\n');
  const integer = [...constraints, 'General', ` ${vars.map((v) => v.name).join(' ')}`, 'End'].join('\n');

  solver ??= highsLoader();
  const highs = await solver;
  const { objectiveSense, modelStatus } = highs.constants;
  // one persistent model of the linear relaxation: each bound changes only the objective, and the solver starts from the last basis
  const model = highs.createModel({ format: 'lp', data: `Minimize\n obj: 0 ${vars[0].name}\n${continuous}` });
  try {
    model.options.set({ output_flag: false });
    const cols = vars.map((v) => model.getColByName(v.name));
    let current = -1;
    const relaxed = (sense: 'min' | 'max', col: number): number => {
      if (current !== col) {
        if (current >= 0) model.changeColCost(current, 0);
        model.changeColCost(col, 1);
        current = col;
      }
      model.changeObjectiveSense(sense === 'min' ? objectiveSense.minimize : objectiveSense.maximize);
      model.run();
      const status = model.getModelStatus();
      if (status === modelStatus.unbounded || status === modelStatus.unboundedOrInfeasible)
        return sense === 'max' ? Infinity : -Infinity;
      if (status !== modelStatus.optimal) throw new Error(`solver: model status ${status}`);
      return model.getObjectiveValue();
    };
    const exact = (sense: 'Minimize' | 'Maximize', v: string): number => {
      const res = highs.solve(`${sense}\n obj: ${v}\n${integer}`, { presolve: 'on' });
      if (/unbounded/i.test(res.Status)) return sense === 'Maximize' ? Infinity : -Infinity;
      if (res.Status !== 'Optimal') throw new Error(`solver: ${res.Status}`);
      return Math.round(res.ObjectiveValue);
    };
    // the linear relaxation first; where it leaves less than two units of room, the exact integer answer
    return vars.filter(which).map((v, i) => {
      const col = cols[vars.indexOf(v)] ?? i;
      const lo = relaxed('min', col);
      const hi = relaxed('max', col);
      const bounds =
        hi - lo >= 2
          ? { min: Math.ceil(lo - 1e-6), max: hi === Infinity ? Infinity : Math.floor(hi + 1e-6) }
          : { min: exact('Minimize', v.name), max: exact('Maximize', v.name) };
      return { period: v.period, dimension: v.dimension, key: v.key, ...bounds };
    });
  } finally {
    model.dispose();
  }
}
