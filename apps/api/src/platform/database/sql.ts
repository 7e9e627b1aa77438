import type { DataSource, EntityManager } from 'typeorm';

/**
 * SQL with its parameters, written as a tagged template: every `${value}` becomes a numbered
 * parameter, every `${sql`…`}` fragment is spliced in with its own parameters renumbered. Nobody
 * counts `$n` by hand, so an access predicate (platform/access) can be put into any query.
 *
 *   const q = sql`SELECT c.id FROM case_record c WHERE c.id = ${id}::uuid AND ${access.case(actor, 'c')}`;
 *   const rows = await select<{ id: string }>(m, q);
 *
 * Identifiers (table and column names, aliases) are never values: they go in with `raw()`, and
 * only ever from constants in the code, never from a request.
 */
export class Sql {
  /** `strings.length === values.length + 1`; no value is itself an Sql (those are flattened on construction). */
  private constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  static of(strings: readonly string[], values: readonly unknown[]): Sql {
    const outStrings: string[] = [strings[0] ?? ''];
    const outValues: unknown[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const next = strings[i + 1] ?? '';
      if (v instanceof Sql) {
        outStrings[outStrings.length - 1] += v.strings[0];
        for (let j = 0; j < v.values.length; j++) {
          outValues.push(v.values[j]);
          outStrings.push(v.strings[j + 1]);
        }
        outStrings[outStrings.length - 1] += next;
      } else {
        outValues.push(v);
        outStrings.push(next);
      }
    }
    return new Sql(outStrings, outValues);
  }

  /** The text with `$1`, `$2` … in place of the values. */
  get text(): string {
    let out = this.strings[0];
    for (let i = 1; i < this.strings.length; i++) out += `$${i}${this.strings[i]}`;
    return out;
  }

  get isEmpty(): boolean {
    return this.values.length === 0 && this.strings.every((s) => s.trim() === '');
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return Sql.of(strings, values);
}

/** Trusted text: identifiers and keywords from constants in the code. Never a request's value. */
export function raw(text: string): Sql {
  return Sql.of([text], []);
}

export const EMPTY = raw('');

/** The transaction's clock, for a SET or a VALUES (`{ closed_at: NOW }`). */
export const NOW = raw('now()');

/** Fragments joined by `separator` (a constant), skipping empty ones. */
export function join(parts: readonly Sql[], separator = ', '): Sql {
  const kept = parts.filter((p) => !p.isEmpty);
  if (kept.length === 0) return EMPTY;
  const strings: string[] = [''];
  const values: unknown[] = [];
  kept.forEach((p, i) => {
    if (i > 0) strings[strings.length - 1] += separator;
    strings.push('');
    values.push(p);
  });
  return Sql.of(strings, values);
}

/** `a AND b AND …` of the non-empty conditions, each parenthesised; `true` when there are none. */
export function and(conditions: readonly Sql[]): Sql {
  const kept = conditions.filter((c) => !c.isEmpty);
  return kept.length
    ? join(
        kept.map((c) => sql`(${c})`),
        ' AND ',
      )
    : raw('true');
}

/** `a OR b OR …` of the non-empty conditions, each parenthesised; `false` when there are none. */
export function or(conditions: readonly Sql[]): Sql {
  const kept = conditions.filter((c) => !c.isEmpty);
  return kept.length
    ? join(
        kept.map((c) => sql`(${c})`),
        ' OR ',
      )
    : raw('false');
}

/** Where a statement runs: the caller's transaction (EntityManager) or the pool (DataSource) for reads. */
export type Runner = DataSource | EntityManager;

/** Rows of a SELECT (or of INSERT/UPDATE … RETURNING). */
export async function select<T>(m: Runner, q: Sql): Promise<T[]> {
  const out: unknown = await m.query(q.text, [...q.values]);
  // UPDATE/DELETE … RETURNING through TypeORM answers [rows, affected]
  if (Array.isArray(out) && out.length === 2 && Array.isArray(out[0]) && typeof out[1] === 'number')
    return out[0] as T[];
  return out as T[];
}

/** The first row, or undefined. */
export async function selectOne<T>(m: Runner, q: Sql): Promise<T | undefined> {
  return (await select<T>(m, q))[0];
}

/** Runs an UPDATE or DELETE and returns how many rows it changed. */
export async function exec(m: Runner, q: Sql): Promise<number> {
  const out: unknown = await m.query(q.text, [...q.values]);
  if (Array.isArray(out) && out.length === 2 && typeof out[1] === 'number') return out[1];
  return 0;
}
