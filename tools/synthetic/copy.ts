import type { ClientBase } from 'pg';

/**
 * `COPY … FROM STDIN` over the `pg` client's own connection, without pg-copy-streams: a
 * "submittable" (the interface pg's Client.query accepts besides Query objects) that sends the
 * COPY statement, answers the server's CopyInResponse with the whole payload in CopyData messages
 * and resolves on ReadyForQuery. Row triggers fire as for INSERT; the rows arrive in one statement.
 */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
}

const CHUNK = 1 << 20;

class CopyFromStdin {
  callback: ((err: Error | null) => void) | undefined;
  #error: Error | null = null;
  rowCount = 0;

  constructor(
    readonly text: string,
    readonly data: Buffer,
  ) {}

  submit(connection: PgConnection): null {
    connection.query(this.text);
    return null;
  }

  handleCopyInResponse(connection: PgConnection): void {
    for (let off = 0; off < this.data.length; off += CHUNK)
      connection.sendCopyFromChunk(this.data.subarray(off, Math.min(this.data.length, off + CHUNK)));
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    const m = /COPY (\d+)/.exec(msg.text ?? '');
    if (m) this.rowCount = Number(m[1]);
  }

  handleError(err: Error): void {
    this.#error = err;
    this.callback?.(err);
    this.callback = undefined;
  }

  handleReadyForQuery(): void {
    this.callback?.(this.#error);
    this.callback = undefined;
  }

  // messages a COPY FROM never gets; present because pg may call them on any active query
  handleRowDescription(): void {
    // nothing to do for COPY FROM
  }
  handleDataRow(): void {
    // nothing to do for COPY FROM
  }
  handleEmptyQuery(): void {
    // nothing to do for COPY FROM
  }
  handlePortalSuspended(): void {
    // nothing to do for COPY FROM
  }
  handleCopyData(): void {
    // nothing to do for COPY FROM
  }
}

/** Runs `COPY <table> (<columns>) FROM STDIN` with `data` in PostgreSQL's text format; resolves to the row count. */
export function copyFrom(
  client: ClientBase,
  table: string,
  columns: readonly string[],
  data: string | Buffer,
): Promise<number> {
  const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  const q = new CopyFromStdin(sql, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  return new Promise((resolve, reject) => {
    q.callback = (err) => (err ? reject(err) : resolve(q.rowCount));
    (client as unknown as { query(q: CopyFromStdin): void }).query(q);
  });
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value as a COPY text-format field. */
export function copyText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPES, (c) => ESCAPED[c] ?? c) : s;
}

const ARRAY_PLAIN = /^[A-Za-z0-9_.:+-]+$/;

/** A PostgreSQL array literal: elements quoted unless plainly safe (numbers, codes, UUIDs, hex). */
export function arrayLiteral(values: readonly (string | number)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (typeof v === 'number') out += String(v);
    else if (v !== undefined && v !== '' && ARRAY_PLAIN.test(v) && v.toUpperCase() !== 'NULL') out += v;
    else out += `"${(v ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
  return out + '}';
}
