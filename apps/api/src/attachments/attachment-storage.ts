import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { APP_CONFIG, AppConfig } from '../platform/config/config';

/** Temporary files older than this are left over from a crash and removed at start-up. */
const STALE_INCOMING_MS = 60 * 60 * 1000;
const KEY_RE = /^[0-9]{4}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Attachment files on disk, under the configured directory: `<yyyy>/<uuid>`, a name the server
 * makes (never one a user sent), files 0600 and directories 0700. A file is first written under
 * `.incoming/` and moved into place by `place`, so nothing half-written is ever at its final key.
 */
@Injectable()
export class AttachmentStorage implements OnModuleInit {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.attachmentsDir);
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

  /** Writes `bytes` to a private temporary file (0600, flushed) and returns its path. */
  async writeTemp(bytes: Buffer): Promise<string> {
    const dir = join(this.root, '.incoming');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, randomUUID());
    const fh = await open(path, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return path;
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

  async read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  /** The absolute path of a key, refusing anything that is not a key this class made. */
  pathOf(key: string): string {
    if (!KEY_RE.test(key)) throw new Error('attachment storage key is malformed');
    const path = resolve(this.root, key);
    const rel = relative(this.root, path);
    if (rel.startsWith('..') || rel.includes(`..${sep}`)) throw new Error('attachment storage key escapes the directory');
    return path;
  }
}
