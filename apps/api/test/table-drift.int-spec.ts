import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { isTable, type Table } from '../src/platform/database/table';
import { adminUrl, TEMPLATE_DB } from './db';

/** Every module that may declare tables: repositories and `*.table.ts` files under src/. */
function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return declarationFiles(p);
    return /\.(repository|table)\.ts$/.test(e.name) ? [p] : [];
  });
}

function declaredTables(): Table[] {
  const byName = new Map<string, Table>();
  for (const file of declarationFiles(join(__dirname, '../src'))) {
    const mod = require(file) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (!isTable(value)) continue;
      const seen = byName.get(value.name);
      if (seen && seen !== value) throw new Error(`table ${value.name} is declared twice (${file})`);
      byName.set(value.name, value);
    }
  }
  return [...byName.values()];
}

/**
 * Fails when a table declaration (platform/database/table.ts) and the migrated schema disagree: a
 * migration added, dropped, retyped or changed the nullability of a column and the declaration, from
 * which the repositories' row types are derived, did not follow.
 */
describe('table declarations against the migrated schema', () => {
  it('every declared table has exactly the declared columns, types and nullability', async () => {
    const tables = declaredTables();
    const c = new Client({ connectionString: adminUrl(TEMPLATE_DB) });
    await c.connect();
    try {
      const problems: string[] = [];
      for (const t of tables) {
        const { rows } = await c.query<{ column_name: string; udt_name: string; is_nullable: 'YES' | 'NO' }>(
          `SELECT column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
          [t.name],
        );
        if (rows.length === 0) {
          problems.push(`${t.name}: no such table`);
          continue;
        }
        const actual = new Map(rows.map((r) => [r.column_name, r]));
        for (const [name, column] of Object.entries(t.columns)) {
          const a = actual.get(name);
          if (!a) problems.push(`${t.name}.${name}: declared, not in the database`);
          else {
            if (a.udt_name !== column.pg)
              problems.push(`${t.name}.${name}: declared ${column.pg}, database ${a.udt_name}`);
            if ((a.is_nullable === 'YES') !== column.isNullable)
              problems.push(
                `${t.name}.${name}: declared ${column.isNullable ? 'nullable' : 'not null'}, database ${a.is_nullable === 'YES' ? 'nullable' : 'not null'}`,
              );
          }
        }
        for (const name of actual.keys())
          if (!(name in t.columns)) problems.push(`${t.name}.${name}: in the database, not declared`);
      }
      expect(problems).toEqual([]);
    } finally {
      await c.end();
    }
  });

  it('finds the declarations (the walk is not empty)', () => {
    expect(declaredTables().length).toBeGreaterThan(0);
  });
});
