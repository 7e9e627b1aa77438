import { join, raw, sql, Sql } from './sql';

/**
 * A table as the repositories read it: its name and every column with its PostgreSQL type and
 * nullability, declared once next to the SQL that uses it (decision 0018). Row types are derived
 * from it (`RowOf`), so a row interface is never typed by hand, and `table-drift.int-spec.ts` checks
 * every declared table against the migrated database: a column added, dropped, retyped or made
 * nullable by a migration fails that test until the declaration follows.
 *
 *   export const referralTable = table('referral', {
 *     id: col('uuid'),
 *     status: col('varchar').of<ReferralStatus>(),
 *     reason_enc: col('text').nullable(),
 *   });
 *   export type ReferralRow = RowOf<typeof referralTable>;
 */

/** `udt_name` in information_schema.columns: arrays are the element type with a leading `_`. */
export type PgType =
  | 'uuid'
  | 'text'
  | 'varchar'
  | 'bpchar'
  | 'int2'
  | 'int4'
  | 'int8'
  | 'numeric'
  | 'bool'
  | 'date'
  | 'timestamptz'
  | 'jsonb'
  | 'bytea'
  | 'inet'
  | '_text'
  | '_varchar'
  | '_uuid'
  | '_int4';

/** What node-postgres hands back for each type (int8 and numeric stay strings: no precision lost). */
type TsOf<P extends PgType> = P extends 'int2' | 'int4'
  ? number
  : P extends 'bool'
    ? boolean
    : P extends 'timestamptz'
      ? Date
      : P extends 'jsonb'
        ? unknown
        : P extends 'bytea'
          ? Buffer
          : P extends '_text' | '_varchar' | '_uuid'
            ? string[]
            : P extends '_int4'
              ? number[]
              : string;

export class Column<P extends PgType = PgType, T = unknown, N extends boolean = boolean> {
  /** type-only: the TypeScript value of the column */
  declare readonly __value: T;

  constructor(
    readonly pg: P,
    readonly isNullable: N,
  ) {}

  /** The column allows NULL. */
  nullable(): Column<P, T, true> {
    return new Column<P, T, true>(this.pg, true);
  }

  /** A narrower TypeScript type for the value (a code list, a JSON shape). */
  of<U extends T>(): Column<P, U, N> {
    return this as unknown as Column<P, U, N>;
  }
}

export function col<P extends PgType>(pg: P): Column<P, TsOf<P>, false> {
  return new Column<P, TsOf<P>, false>(pg, false);
}

export type Columns = Record<string, Column>;

export class Table<C extends Columns = Columns> {
  readonly sql: Sql;

  constructor(
    readonly name: string,
    readonly columns: C,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`table name ${name} is not a plain identifier`);
    this.sql = raw(name);
  }

  /** `alias.column, alias.column …` for a SELECT list, from the declaration. */
  select(alias: string, only?: readonly (keyof C & string)[]): Sql {
    if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`alias ${alias} is not a plain identifier`);
    const names = only ?? Object.keys(this.columns);
    return raw(names.map((n) => `${alias}.${n}`).join(', '));
  }

  /**
   * `column = value, …` for an UPDATE's SET, from a patch keyed by declared columns; a value that is
   * itself SQL (`sql\`now()\``) goes in as it is. Only declared columns: the keys are checked.
   */
  set(patch: { [K in keyof C]?: ValueOf<C[K]> | Sql }): Sql {
    const parts = Object.entries(patch)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        if (!(k in this.columns)) throw new Error(`${this.name}.${k} is not a declared column`);
        return sql`${raw(k)} = ${v}`;
      });
    if (!parts.length) throw new Error(`an UPDATE of ${this.name} sets nothing`);
    return join(parts);
  }
}

export function table<C extends Columns>(name: string, columns: C): Table<C> {
  return new Table(name, columns);
}

type ValueOf<K> = K extends Column<PgType, infer T, infer N> ? (N extends true ? T | null : T) : never;

/** The row node-postgres returns for `SELECT *` of the table. */
export type RowOf<T extends Table> = T extends Table<infer C> ? { [K in keyof C]: ValueOf<C[K]> } : never;

/** Values for some columns of a table (an UPDATE's SET): the column's value, or SQL such as `now()`. */
export type Patch<T extends Table> = { [K in keyof RowOf<T>]?: RowOf<T>[K] | Sql };

/** Some columns of a row (a SELECT that names them). */
export type PickRow<T extends Table, K extends keyof RowOf<T>> = Pick<RowOf<T>, K>;

/** Whether `x` is a Table (the drift test collects them from the modules that export them). */
export function isTable(x: unknown): x is Table {
  return x instanceof Table;
}
