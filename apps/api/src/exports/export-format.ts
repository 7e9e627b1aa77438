import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stream as excelStream } from 'exceljs';

/**
 * Formula injection: a spreadsheet treats a cell that starts with = + - @ (or a tab or carriage
 * return before one) as a formula. Such a cell gets a leading apostrophe, so it stays text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field: neutralised, then quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | null): string {
  if (value === null || value === '') return '';
  const v = neutralise(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(cells: readonly (string | null)[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** A sink that takes rows batch by batch and honours back-pressure. */
export interface RowSink {
  writeRows(rows: readonly (readonly (string | null)[])[]): Promise<void>;
  finish(): Promise<void>;
}

async function write(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** CSV in UTF-8 with a byte-order mark (so spreadsheet programs read Lao correctly), CRLF lines. */
export async function csvSink(out: Writable, header: readonly string[]): Promise<RowSink> {
  await write(out, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvLine(header), 'utf8')]));
  return {
    async writeRows(rows) {
      if (rows.length) await write(out, rows.map(csvLine).join(''));
    },
    async finish() {
      out.end();
      await once(out, 'finish');
    },
  };
}

/** XLSX through exceljs' streaming writer: each row is committed (and leaves memory) as it is written. */
export async function xlsxSink(out: Writable, sheetName: string, header: readonly string[]): Promise<RowSink> {
  const wb = new excelStream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet(sheetName);
  ws.addRow([...header]).commit();
  return {
    async writeRows(rows) {
      for (const r of rows) ws.addRow(r.map((c) => (c === null ? null : neutralise(c)))).commit();
      // let the zip stream flush before the next batch is read
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async finish() {
      ws.commit();
      await wb.commit();
    },
  };
}
