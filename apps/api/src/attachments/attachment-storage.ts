import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { DataKey, FileCipher, type FileBinding } from '../platform/crypto/file-cipher';

/** Temporary files older than this are left over from a crash and removed at start-up. */
const STALE_INCOMING_MS = 60 * 60 * 1000;
const KEY_RE = /^[0-9]{4}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Attachment files on disk, under the configured directory: `<yyyy>/<uuid>`, a name the server
 * makes (never one a user sent), files 0600 and directories 0700. A file is first written under
 * `.incoming/` and moved into place by `place`, so nothing half-written is ever at its final key.
 * Every file is written encrypted (FileCipher's envelope, its data key wrapped in the row; decision
 * 0013): no plaintext byte of an upload ever reaches the disk.
 */
@Injectable()
export class AttachmentStorage implements OnModuleInit {
  private readonly root: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly files: FileCipher,
  ) {
    this.root = resolve(config.attachmentsDir);
  }

  /** A fresh data key for the attachment row `id` and its wrapped form for `data_key_enc`. */
  newDataKey(id: string): { key: DataKey; wrapped: string } {
    return this.files.newDataKey(attachmentFile(id));
  }

  /** The data key of attachment `id` from its row's `data_key_enc`. */
  dataKey(id: string, wrapped: string): DataKey {
    return this.files.unwrap(wrapped, attachmentFile(id));
  }

  /** Creates the directory (0700) and removes temporary files a crashed upload left behind. */
  async onModuleInit(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    await this.sweepIncoming();
  }

  async sweepIncoming(now = Date.now()): Promise<number> {
    const dir = join(this.root, '.incoming');
    const names = await readdir(dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(dir, name);
      const st = await stat(path).catch(() => null);
      if (st?.isFile() && now - st.mtimeMs > STALE_INCOMING_MS) {
        await this.remove({ path });
        removed++;
      }
    }
    return removed;
  }

  /** A new storage key for a file stored now. */
  newKey(id: string, now = new Date()): string {
    const key = `${now.getUTCFullYear()}/${id}`;
    if (!KEY_RE.test(key)) throw new Error('attachment storage key is malformed');
    return key;
  }

  /**
   * Encrypts `content` (bytes, or a stream of them) for attachment `id` under `key` into a private
   * temporary file (0600, synced) and returns its path and the plaintext's SHA-256.
   */
  async writeTemp(
    content: Buffer | AsyncIterable<Buffer>,
    id: string,
    key: DataKey,
  ): Promise<{ path: string; sha256: string; bytes: number }> {
    const dir = join(this.root, '.incoming');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, randomUUID());
    const writer = this.files.writer(path, key, attachmentFile(id));
    try {
      const parts: AsyncIterable<Buffer> | Buffer[] = Buffer.isBuffer(content) ? [content] : content;
      for await (const part of parts) {
        if (!writer.write(part)) await once(writer, 'drain');
      }
      writer.end();
      await once(writer, 'finish');
    } catch (e) {
      writer.destroy();
      await this.remove({ path }).catch(() => undefined);
      throw e;
    }
    return { path, sha256: writer.sha256, bytes: writer.plaintextBytes };
  }

  /** Moves a temporary file to its key. */
  async place(tempPath: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(resolve(target, '..'), { recursive: true, mode: 0o700 });
    await rename(tempPath, target);
  }

  /** Removes a file if it is there (clean-up after a failed upload). */
  async remove(pathOrKey: { path: string } | { key: string }): Promise<void> {
    const path = 'path' in pathOrKey ? pathOrKey.path : this.pathOf(pathOrKey.key);
    await unlink(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /** Opens the stored file of a key for reading (the caller closes it). */
  async open(key: string): Promise<FileHandle> {
    return open(this.pathOf(key), 'r');
  }

  /**
   * The plaintext of attachment `id` at `key`: the whole file is authenticated (and its SHA-256
   * taken) before the stream is handed out, so a bad file is an error here, never a truncated
   * download. The stream closes the file when it ends or is destroyed.
   */
  async openDecrypted(key: string, id: string, dataKey: DataKey): Promise<DecryptedFile> {
    const fh = await this.open(key);
    try {
      const envelope = await this.files.open(fh, dataKey, attachmentFile(id));
      const { sha256 } = await envelope.verify();
      return {
        sha256,
        bytes: envelope.plaintextBytes,
        stream: () => {
          const s = envelope.stream();
          s.once('close', () => void fh.close().catch(() => undefined));
          return s;
        },
        close: () => fh.close().catch(() => undefined),
      };
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
  }

  /** The absolute path of a key, refusing anything that is not a key this class made. */
  pathOf(key: string): string {
    if (!KEY_RE.test(key)) throw new Error('attachment storage key is malformed');
    const path = resolve(this.root, key);
    const rel = relative(this.root, path);
    if (rel.startsWith('..') || rel.includes(`..${sep}`))
      throw new Error('attachment storage key escapes the directory');
    return path;
  }
}

/** A verified stored file: its plaintext's digest and size, and the plaintext as a stream (once). */
export interface DecryptedFile {
  sha256: string;
  bytes: number;
  /** the plaintext; closes the file when it ends or is destroyed */
  stream(): Readable;
  /** closes the file when the stream is not wanted after all */
  close(): Promise<void>;
}

/** An attachment's file is bound to its row: another row's file does not decrypt here. */
export function attachmentFile(id: string): FileBinding {
  return { table: 'attachment', rowId: id };
}
