import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { inspect } from 'node:util';
import { FileAuthenticationError, FileFormatError, FieldCryptoUsageError } from './crypto-errors';
import { FieldCipher } from './field-cipher';
import { KEY_BYTES } from './keyring';

/**
 * Files at rest (attachments, exports): a streamed AES-256-GCM envelope. See
 * docs/decisions/0013-files-and-free-text-at-rest.md.
 *
 * - Every file has its own random 32-byte data key. The row that owns the file keeps the key
 *   wrapped by the versioned keyring: `FieldCipher.encrypt(base64url(key), {table, 'data_key_enc',
 *   rowId})`, so the key version is the ciphertext's `v<n>.` prefix and rotating the keyring re-wraps
 *   32 bytes per file, never the file.
 * - The file is the STREAM construction (Hoang-Reyhanitabar-Rogaway-Vizár 2015; the segment layout of
 *   Tink's AES-GCM-HKDF streaming AEAD): a 16-byte header, then segments of 64 KiB plaintext, each
 *   sealed with AES-256-GCM under the data key with the nonce `prefix(7) || index(4, BE) || last(1)`
 *   and the additional data `header || "ctms-file|<table>|<rowId>"`.
 *
 *     header  = "CTMSFE" (6) | format 0x01 (1) | log2 segment size (1) | nonce prefix (7, random) | 0x00 (1)
 *     segment = AES-GCM ciphertext || 16-byte tag; every segment but the last holds exactly 2^log2
 *               plaintext bytes, the last holds 0 .. 2^log2 - 1 (an empty last segment when the
 *               plaintext is a multiple of the size), so a file always ends with exactly one segment
 *               marked last and its length alone says where the segments are.
 *
 * A reader authenticates each segment before it hands out a byte of it: a changed byte, swapped or
 * reordered segments, a truncated or extended file, or another record's file fail with
 * FileAuthenticationError. `verify()` authenticates the whole file (and returns its SHA-256) before
 * anything is sent, so a bad file is a clean error, not a truncated download.
 */

const MAGIC = Buffer.from('CTMSFE', 'ascii');
const FORMAT = 0x01;
export const FILE_HEADER_BYTES = 16;
const PREFIX_BYTES = 7;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
export const DEFAULT_SEGMENT_LOG2 = 16;
const MIN_SEGMENT_LOG2 = 10;
const MAX_SEGMENT_LOG2 = 24;
const MAX_SEGMENTS = 0xffff_ffff;
const IDENTIFIER_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/** Which record a file belongs to: the table and id of the row that holds its wrapped key. */
export interface FileBinding {
  table: string;
  rowId: string;
}

/** A file's data key, unwrapped. Never logged or serialised. */
export class DataKey {
  readonly #key: Buffer;
  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES)
      throw new FieldCryptoUsageError(`a data key is exactly ${KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }
  /** @internal the raw key, for this module only */
  get bytes(): Buffer {
    return this.#key;
  }
  [inspect.custom](): string {
    return 'DataKey { <hidden> }';
  }
  toJSON(): string {
    return '<hidden>';
  }
}

function checkBinding(b: FileBinding): void {
  if (!b || typeof b.table !== 'string' || !IDENTIFIER_RE.test(b.table))
    throw new FieldCryptoUsageError('file binding.table must be a lower-case SQL identifier');
  if (typeof b.rowId !== 'string' || b.rowId === '' || b.rowId.length > 200)
    throw new FieldCryptoUsageError('file binding.rowId must be a non-empty string of at most 200 characters');
}

function wrapBinding(b: FileBinding) {
  return { table: b.table, column: 'data_key_enc', rowId: b.rowId };
}

function additionalData(header: Buffer, b: FileBinding): Buffer {
  return Buffer.concat([header, Buffer.from(`ctms-file|${b.table}|${b.rowId}`, 'utf8')]);
}

function nonce(prefix: Buffer, index: number, last: boolean): Buffer {
  if (index > MAX_SEGMENTS) throw new FieldCryptoUsageError('file too large for one envelope');
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

function sealSegment(key: DataKey, prefix: Buffer, aad: Buffer, index: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv(ALGORITHM, key.bytes, nonce(prefix, index, last), {
    authTagLength: TAG_BYTES,
  });
  c.setAAD(aad);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function openSegment(key: DataKey, prefix: Buffer, aad: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  const d = createDecipheriv(ALGORITHM, key.bytes, nonce(prefix, index, last), {
    authTagLength: TAG_BYTES,
  });
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    // update() output is released only after final() has checked the tag
    const plain = d.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    d.final();
    return plain;
  } catch {
    throw new FileAuthenticationError();
  }
}

/** The envelope's size for a plaintext of `plainBytes` (segment size 2^log2). */
export function envelopeSize(plainBytes: number, log2 = DEFAULT_SEGMENT_LOG2): number {
  const segments = Math.floor(plainBytes / 2 ** log2) + 1;
  return FILE_HEADER_BYTES + plainBytes + segments * TAG_BYTES;
}

/** True when the first bytes are an envelope header (a legacy plaintext file is not). */
export function looksLikeEnvelope(head: Buffer): boolean {
  return head.length >= FILE_HEADER_BYTES && head.subarray(0, MAGIC.length).equals(MAGIC) && head[6] === FORMAT;
}

/**
 * A Writable that encrypts what is written to it into a new file (created 0600, never over an
 * existing one). 'finish' is emitted only when the last segment is written, synced and the file
 * closed, so `await once(writer, 'finish')` means the file is complete. On error or destroy the
 * file is closed; the caller removes it.
 */
export class EncryptingFileWriter extends Writable {
  /** plaintext bytes written so far (the whole plaintext once finished) */
  plaintextBytes = 0;
  readonly #path: string;
  readonly #key: DataKey;
  readonly #binding: FileBinding;
  readonly #segment: number;
  readonly #log2: number;
  readonly #hash = createHash('sha256');
  #fh: FileHandle | null = null;
  #header: Buffer = Buffer.alloc(0);
  #prefix: Buffer = Buffer.alloc(0);
  #aad: Buffer = Buffer.alloc(0);
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #index = 0;
  #position = 0;
  #digest: string | null = null;

  constructor(path: string, key: DataKey, binding: FileBinding, log2 = DEFAULT_SEGMENT_LOG2) {
    super({ highWaterMark: 1 << 16 });
    checkBinding(binding);
    if (!Number.isInteger(log2) || log2 < MIN_SEGMENT_LOG2 || log2 > MAX_SEGMENT_LOG2)
      throw new FieldCryptoUsageError('segment size out of range');
    this.#path = path;
    this.#key = key;
    this.#binding = binding;
    this.#log2 = log2;
    this.#segment = 2 ** log2;
  }

  /** SHA-256 (hex) of the plaintext, once finished. */
  get sha256(): string {
    if (this.#digest === null) throw new FieldCryptoUsageError('the file is not finished');
    return this.#digest;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    this.#start().then(() => callback(), callback);
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding);
    this.#hash.update(buf);
    this.plaintextBytes += buf.length;
    this.#pending.push(buf);
    this.#pendingBytes += buf.length;
    if (this.#pendingBytes < this.#segment) return callback();
    this.#flush(false).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const fh = this.#fh;
    this.#fh = null;
    if (!fh) return callback(error);
    fh.close().then(
      () => callback(error),
      () => callback(error),
    );
  }

  async #start(): Promise<void> {
    this.#prefix = randomBytes(PREFIX_BYTES);
    this.#header = Buffer.concat([MAGIC, Buffer.from([FORMAT, this.#log2]), this.#prefix, Buffer.from([0])]);
    this.#aad = additionalData(this.#header, this.#binding);
    this.#fh = await open(this.#path, 'wx', 0o600);
    await this.#out([this.#header]);
  }

  /** Seals every whole segment pending (never the last: the last is sealed by #finish). */
  async #flush(final: boolean): Promise<void> {
    const all = this.#pending.length === 1 ? this.#pending[0] : Buffer.concat(this.#pending, this.#pendingBytes);
    const out: Buffer[] = [];
    let at = 0;
    while (all.length - at >= this.#segment) {
      out.push(
        sealSegment(this.#key, this.#prefix, this.#aad, this.#index++, false, all.subarray(at, at + this.#segment)),
      );
      at += this.#segment;
    }
    const rest = all.subarray(at);
    if (final) {
      out.push(sealSegment(this.#key, this.#prefix, this.#aad, this.#index++, true, rest));
      this.#pending = [];
      this.#pendingBytes = 0;
    } else {
      this.#pending = rest.length ? [Buffer.from(rest)] : [];
      this.#pendingBytes = rest.length;
    }
    if (out.length) await this.#out(out);
  }

  async #finish(): Promise<void> {
    await this.#flush(true);
    const fh = this.#fh;
    if (!fh) throw new FieldCryptoUsageError('file closed early');
    await fh.sync();
    this.#fh = null;
    await fh.close();
    this.#digest = this.#hash.digest('hex');
  }

  async #out(buffers: Buffer[]): Promise<void> {
    const fh = this.#fh;
    if (!fh) throw new FieldCryptoUsageError('file closed early');
    let bytes = buffers.reduce((n, b) => n + b.length, 0);
    let { bytesWritten } = await fh.writev(buffers, this.#position);
    this.#position += bytesWritten;
    // a short write (rare, on a full disk) continues where it stopped
    while (bytesWritten < bytes) {
      const rest = Buffer.concat(buffers).subarray(bytesWritten);
      bytes = rest.length;
      buffers = [rest];
      ({ bytesWritten } = await fh.write(rest, 0, rest.length, this.#position));
      this.#position += bytesWritten;
    }
  }
}

/** An opened envelope: its plaintext size, a full check, and the plaintext as a stream. */
export interface EnvelopeReader {
  /** the plaintext's length (from the file's length; authenticated by reading it) */
  readonly plaintextBytes: number;
  /** authenticates every segment without handing out plaintext; returns the plaintext's SHA-256 (hex) */
  verify(): Promise<{ sha256: string }>;
  /** the plaintext, segment by segment, each authenticated before it is handed out; errors with FileAuthenticationError */
  stream(): Readable;
}

async function readExactly(fh: FileHandle, length: number, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) throw new FileAuthenticationError();
    got += bytesRead;
  }
  return buf;
}

/**
 * Opens the envelope in `fh` (which the caller owns and closes; reads are positional, so the file
 * may already be unlinked and may be read more than once). Throws FileFormatError when the file is
 * not an envelope (a legacy plaintext file) and FileAuthenticationError when its length cannot be
 * that of an envelope.
 */
export async function openEnvelope(fh: FileHandle, key: DataKey, binding: FileBinding): Promise<EnvelopeReader> {
  checkBinding(binding);
  const { size } = await fh.stat();
  if (size < FILE_HEADER_BYTES) throw new FileFormatError();
  const header = await readExactly(fh, FILE_HEADER_BYTES, 0);
  if (!looksLikeEnvelope(header) || header[15] !== 0) throw new FileFormatError();
  const log2 = header[7];
  if (log2 < MIN_SEGMENT_LOG2 || log2 > MAX_SEGMENT_LOG2) throw new FileFormatError();
  const prefix = header.subarray(8, 8 + PREFIX_BYTES);
  const aad = additionalData(header, binding);
  const sealedSegment = 2 ** log2 + TAG_BYTES;
  const body = size - FILE_HEADER_BYTES;
  const segments = Math.floor(body / sealedSegment) + 1;
  const lastLength = body % sealedSegment;
  // the last segment holds fewer than 2^log2 bytes plus its tag: anything else was cut or extended
  if (lastLength < TAG_BYTES || segments - 1 > MAX_SEGMENTS) throw new FileAuthenticationError();
  const plaintextBytes = body - segments * TAG_BYTES;

  async function* plaintext(): AsyncGenerator<Buffer> {
    let position = FILE_HEADER_BYTES;
    for (let i = 0; i < segments; i++) {
      const last = i === segments - 1;
      const sealed = await readExactly(fh, last ? lastLength : sealedSegment, position);
      position += sealed.length;
      yield openSegment(key, prefix, aad, i, last, sealed);
    }
  }

  return {
    plaintextBytes,
    async verify() {
      const hash = createHash('sha256');
      for await (const part of plaintext()) hash.update(part);
      return { sha256: hash.digest('hex') };
    },
    stream() {
      return Readable.from(plaintext(), { objectMode: false });
    },
  };
}

/**
 * The envelope primitives bound to the keyring: data keys are made here and wrapped/unwrapped by
 * FieldCipher (so their key version and row binding follow decision 0002).
 */
export class FileCipher {
  constructor(private readonly fields: FieldCipher) {}

  /** A fresh random data key for one new file, and its wrapped form for the row's `data_key_enc`. */
  newDataKey(binding: FileBinding): { key: DataKey; wrapped: string } {
    checkBinding(binding);
    const raw = randomBytes(KEY_BYTES);
    return {
      key: new DataKey(raw),
      wrapped: this.fields.encrypt(raw.toString('base64url'), wrapBinding(binding)),
    };
  }

  /** The data key from a row's `data_key_enc` (authenticated against the row's binding). */
  unwrap(wrapped: string, binding: FileBinding): DataKey {
    checkBinding(binding);
    const raw = Buffer.from(this.fields.decrypt(wrapped, wrapBinding(binding)), 'base64url');
    return new DataKey(raw);
  }

  /** The FieldCipher binding of a file's wrapped key (for the rotation job). */
  wrapBinding(binding: FileBinding): {
    table: string;
    column: string;
    rowId: string;
  } {
    checkBinding(binding);
    return wrapBinding(binding);
  }

  /** A writer that encrypts into a new file at `path`. */
  writer(path: string, key: DataKey, binding: FileBinding): EncryptingFileWriter {
    return new EncryptingFileWriter(path, key, binding);
  }

  open(fh: FileHandle, key: DataKey, binding: FileBinding): Promise<EnvelopeReader> {
    return openEnvelope(fh, key, binding);
  }

  [inspect.custom](): string {
    return 'FileCipher {}';
  }
}
