import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** TypeORM's query(): rows, or [rows, affected] for UPDATE and DELETE. */
async function typeormQuery(c: Pool | PoolClient, sql: string, params: unknown[]): Promise<unknown> {
  const r = await c.query(sql, params);
  return /^\s*(UPDATE|DELETE)\b/i.test(sql) ? [r.rows, r.rowCount ?? 0] : r.rows;
}

interface Runner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * A stand-in for the DataSource the services are built with: runs every statement on a pg pool
 * and records it, so the benchmark knows exactly which SQL an endpoint runs (same text, same
 * parameters) and can time that SQL alone.
 */
export class RecordingDataSource {
  calls: { statements: Statement[]; transaction: boolean }[] = [];
  #current: Statement[] = [];
  #inTransaction = false;

  constructor(private readonly pool: Pool) {}

  /** Records the statements of one service call. */
  async record<T>(fn: () => Promise<T>): Promise<T> {
    this.#current = [];
    this.#inTransaction = false;
    try {
      return await fn();
    } finally {
      this.calls.push({ statements: this.#current, transaction: this.#inTransaction });
    }
  }

  get manager(): Runner {
    return { query: (sql, params = []) => this.query(sql, params) };
  }

  async query(sql: string, params: unknown[] = []): Promise<unknown> {
    this.#current.push({ sql, params });
    return typeormQuery(this.pool, sql, params);
  }

  async transaction<T>(fn: (m: Runner) => Promise<T>): Promise<T> {
    this.#inTransaction = true;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn({
        query: (sql, params = []) => {
          this.#current.push({ sql, params });
          return typeormQuery(client, sql, params);
        },
      });
      await client.query('COMMIT');
      return out;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }

  asDataSource(): DataSource {
    return this as unknown as DataSource;
  }
}
