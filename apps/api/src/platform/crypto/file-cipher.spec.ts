import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { CiphertextBindingError, FileAuthenticationError, FileFormatError } from './crypto-errors';
import { FieldCipher } from './field-cipher';
import {
  DataKey,
  EncryptingFileWriter,
  envelopeSize,
  FILE_HEADER_BYTES,
  FileCipher,
  looksLikeEnvelope,
  openEnvelope,
  type FileBinding,
} from './file-cipher';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const BLIND = randomBytes(32);
const v1 = new FileCipher(new FieldCipher({ currentVersion: 1, keys: { 1: K1 } }, BLIND));
const v2 = new FileCipher(new FieldCipher({ currentVersion: 2, keys: { 1: K1, 2: K2 } }, BLIND));
const at: FileBinding = {
  table: 'attachment',
  rowId: '0b7e6f4c-3c1a-4f0e-9a59-2d4b7c8e9f10',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ctms-file-cipher-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function encryptTo(
  plain: Buffer,
  key: DataKey,
  binding = at,
  log2?: number,
  pieces = 7,
): Promise<{ path: string; writer: EncryptingFileWriter }> {
  const path = join(dir, `f${n++}`);
  const writer = new EncryptingFileWriter(path, key, binding, log2);
  // written in uneven pieces, as a zip or PDF stream does
  const step = Math.max(1, Math.ceil(plain.length / pieces));
  for (let i = 0; i < plain.length; i += step) {
    if (!writer.write(plain.subarray(i, i + step))) await once(writer, 'drain');
  }
  writer.end();
  await once(writer, 'finish');
  return { path, writer };
}

async function decrypt(
  path: string,
  key: DataKey,
  binding = at,
): Promise<{ plain: Buffer; sha256: string; size: number }> {
  const fh = await open(path, 'r');
  try {
    const r = await openEnvelope(fh, key, binding);
    const { sha256 } = await r.verify();
    const parts: Buffer[] = [];
    for await (const p of r.stream()) parts.push(p as Buffer);
    return { plain: Buffer.concat(parts), sha256, size: r.plaintextBytes };
  } finally {
    await fh.close();
  }
}

async function streamUntilError(
  path: string,
  key: DataKey,
  binding = at,
): Promise<{ handedOut: number; error: unknown }> {
  const fh = await open(path, 'r');
  let handedOut = 0;
  try {
    const r = await openEnvelope(fh, key, binding);
    for await (const p of r.stream()) handedOut += (p as Buffer).length;
    return { handedOut, error: null };
  } catch (e) {
    return { handedOut, error: e };
  } finally {
    await fh.close();
  }
}

describe('FileCipher: streamed envelope', () => {
  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['one segment minus one', 1023],
    ['exactly one segment', 1024],
    ['exactly three segments', 3072],
    ['many segments and a rest', 10_000],
  ])('round-trips %s (1 KiB segments), with the size and digest of the plaintext', async (_label, length) => {
    const plain = randomBytes(length);
    const { key } = v1.newDataKey(at);
    const { path, writer } = await encryptTo(plain, key, at, 10);
    expect(writer.plaintextBytes).toBe(length);
    const onDisk = readFileSync(path);
    expect(onDisk.length).toBe(envelopeSize(length, 10));
    expect(looksLikeEnvelope(onDisk)).toBe(true);
    const out = await decrypt(path, key);
    expect(out.plain.equals(plain)).toBe(true);
    expect(out.size).toBe(length);
    expect(out.sha256).toBe(writer.sha256);
  });

  it('round-trips 3 MB with the default 64 KiB segments, and no plaintext is on disk', async () => {
    const marker = Buffer.from('ນາງ ບົວພັນ ສີສະຫວັດ +856 20 5555 1234 ', 'utf8');
    const plain = Buffer.concat([randomBytes(1_500_000), marker, Buffer.alloc(1_500_000, marker)]);
    const { key } = v1.newDataKey(at);
    const { path } = await encryptTo(plain, key);
    const onDisk = readFileSync(path);
    expect(onDisk.includes(marker)).toBe(false);
    expect(onDisk.includes(Buffer.from('ບົວພັນ', 'utf8'))).toBe(false);
    expect((await decrypt(path, key)).plain.equals(plain)).toBe(true);
  });

  it('refuses a new file over an existing one and writes it 0600', async () => {
    const { key } = v1.newDataKey(at);
    const { path } = await encryptTo(Buffer.from('x'), key);
    const fh = await open(path, 'r');
    expect((await fh.stat()).mode & 0o777).toBe(0o600);
    await fh.close();
    const again = new EncryptingFileWriter(path, key, at);
    const err = await once(again, 'error').then(([e]) => e as NodeJS.ErrnoException);
    expect(err.code).toBe('EEXIST');
  });

  describe('authentication: never a byte of a bad segment, a clean error', () => {
    const plain = randomBytes(5000);
    let key: DataKey;
    let good: string;
    beforeAll(async () => {
      key = v1.newDataKey(at).key;
      good = (await encryptTo(plain, key, at, 10)).path;
    });

    function variant(edit: (b: Buffer) => Buffer): string {
      const path = join(dir, `v${n++}`);
      writeFileSync(path, edit(Buffer.from(readFileSync(good))));
      return path;
    }
    const seg = 1024 + 16;

    it.each([
      ['a flipped byte in the third segment', (b: Buffer) => ((b[FILE_HEADER_BYTES + 2 * seg + 5] ^= 1), b), 2048],
      ['a flipped tag byte of the last segment', (b: Buffer) => ((b[b.length - 1] ^= 1), b), 4096],
      [
        'two segments swapped',
        (b: Buffer) =>
          Buffer.concat([
            b.subarray(0, FILE_HEADER_BYTES),
            b.subarray(FILE_HEADER_BYTES + seg, FILE_HEADER_BYTES + 2 * seg),
            b.subarray(FILE_HEADER_BYTES, FILE_HEADER_BYTES + seg),
            b.subarray(FILE_HEADER_BYTES + 2 * seg),
          ]),
        0,
      ],
      [
        'the last segment cut off (a whole number of segments left)',
        (b: Buffer) => b.subarray(0, FILE_HEADER_BYTES + 4 * seg),
        null,
      ],
      [
        'cut inside a segment (a short piece taken for the last)',
        (b: Buffer) => b.subarray(0, FILE_HEADER_BYTES + 3 * seg + 100),
        3072,
      ],
      ['bytes appended', (b: Buffer) => Buffer.concat([b, Buffer.alloc(20)]), 4096],
      ['a changed nonce prefix in the header', (b: Buffer) => ((b[9] ^= 1), b), 0],
    ])('%s', async (_label, edit, maxHandedOut) => {
      const path = variant(edit);
      const fh = await open(path, 'r');
      try {
        const opened = openEnvelope(fh, key, at);
        if (maxHandedOut === null) {
          // the length alone gives it away, before any segment is read
          await expect(opened).rejects.toBeInstanceOf(FileAuthenticationError);
          return;
        }
        await expect((await opened).verify()).rejects.toBeInstanceOf(FileAuthenticationError);
      } finally {
        await fh.close();
      }
      const streamed = await streamUntilError(path, key);
      expect(streamed.error).toBeInstanceOf(FileAuthenticationError);
      // only whole segments before the bad one were handed out
      expect(streamed.handedOut).toBeLessThanOrEqual(maxHandedOut);
    });

    it("another record's file (same key, other binding) fails at the first segment", async () => {
      const other = {
        table: 'attachment',
        rowId: '11111111-2222-4333-8444-555555555555',
      };
      const streamed = await streamUntilError(good, key, other);
      expect(streamed.error).toBeInstanceOf(FileAuthenticationError);
      expect(streamed.handedOut).toBe(0);
      const asExport = await streamUntilError(good, key, {
        table: 'export_job',
        rowId: at.rowId,
      });
      expect(asExport.error).toBeInstanceOf(FileAuthenticationError);
    });

    it("another file's data key fails", async () => {
      const streamed = await streamUntilError(good, v1.newDataKey(at).key);
      expect(streamed.error).toBeInstanceOf(FileAuthenticationError);
      expect(streamed.handedOut).toBe(0);
    });

    it('a plaintext file is not an envelope', async () => {
      const path = join(dir, `plain${n++}`);
      writeFileSync(path, Buffer.from('%PDF-1.7 plaintext from before encryption ...'));
      const fh = await open(path, 'r');
      await expect(openEnvelope(fh, key, at)).rejects.toBeInstanceOf(FileFormatError);
      await fh.close();
    });
  });

  describe('data keys', () => {
    it('are wrapped under the current key version, bound to the row, and rotate by re-wrapping only', async () => {
      const { key, wrapped } = v1.newDataKey(at);
      expect(wrapped.startsWith('v1.')).toBe(true);
      const { path } = await encryptTo(Buffer.from('contents'), key);
      const fields2 = new FieldCipher({ currentVersion: 2, keys: { 1: K1, 2: K2 } }, BLIND);
      const rewrapped = fields2.reencrypt(wrapped, v2.wrapBinding(at));
      expect(rewrapped.startsWith('v2.')).toBe(true);
      // the file is unchanged and opens with the re-wrapped key
      expect((await decrypt(path, v2.unwrap(rewrapped, at))).plain.toString()).toBe('contents');
      expect(() => v2.unwrap(rewrapped, { table: 'attachment', rowId: 'another-row' })).toThrow(CiphertextBindingError);
    });

    it('every file gets its own key', () => {
      const a = v1.newDataKey(at);
      const b = v1.newDataKey(at);
      expect(a.key.bytes.equals(b.key.bytes)).toBe(false);
      expect(a.wrapped).not.toBe(b.wrapped);
    });

    it('never show key material', () => {
      const { key } = v1.newDataKey(at);
      const hex = key.bytes.toString('hex');
      expect(inspect(key)).not.toContain(hex);
      expect(JSON.stringify({ key })).not.toContain(key.bytes.toString('base64'));
      expect(inspect(v1)).toBe('FileCipher {}');
    });
  });
});
