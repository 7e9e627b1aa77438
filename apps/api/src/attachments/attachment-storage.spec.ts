import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../platform/config/config';
import { createFieldCipher } from '../platform/crypto/crypto.module';
import { FileAuthenticationError } from '../platform/crypto/crypto-errors';
import { FileCipher } from '../platform/crypto/file-cipher';
import { AttachmentStorage } from './attachment-storage';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts).toString('latin1');
}

describe('attachment storage', () => {
  let dir: string;
  let storage: AttachmentStorage;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ctms-storage-'));
    storage = new AttachmentStorage(
      loadConfig({ NODE_ENV: 'test', ATTACHMENTS_DIR: join(dir, 'files') }),
      new FileCipher(createFieldCipher({}, 'test')),
    );
    await storage.onModuleInit();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its directory private, writes private encrypted files and moves them to <yyyy>/<uuid>', async () => {
    expect(statSync(join(dir, 'files')).mode & 0o777).toBe(0o700);
    const id = randomUUID();
    const key = storage.newKey(id, new Date('2026-12-31T20:00:00Z'));
    expect(key).toBe(`2026/${id}`);
    const dataKey = storage.newDataKey(id);
    expect(dataKey.wrapped).toMatch(/^v1\./);
    const temp = await storage.writeTemp(Buffer.from('%PDF-1.4 x'), id, dataKey.key);
    expect(temp.bytes).toBe(10);
    expect(statSync(temp.path).mode & 0o777).toBe(0o600);
    await storage.place(temp.path, key);
    expect(existsSync(temp.path)).toBe(false);
    const final = join(dir, 'files', key);
    expect(readFileSync(final, 'latin1')).not.toContain('%PDF');
    expect(statSync(final).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'files', '2026')).mode & 0o777).toBe(0o700);
    const opened = await storage.openDecrypted(key, id, storage.dataKey(id, dataKey.wrapped));
    expect(opened.sha256).toBe(temp.sha256);
    expect(await text(opened.stream())).toBe('%PDF-1.4 x');
    // another attachment's row cannot open this file, even with this file's key
    await expect(storage.openDecrypted(key, randomUUID(), dataKey.key)).rejects.toBeInstanceOf(FileAuthenticationError);
    await storage.remove({ key });
    await storage.remove({ key }); // already gone: no error
    expect(existsSync(final)).toBe(false);
  });

  it('refuses any key it did not make: traversal, absolute paths, user file names', () => {
    for (const bad of [
      '../etc/passwd',
      '2026/../../x',
      '/etc/passwd',
      '2026/statement.pdf',
      `2026/${randomUUID()}/x`,
      `26/${randomUUID()}`,
    ]) {
      expect(() => storage.pathOf(bad)).toThrow(/malformed|escapes/);
    }
  });

  it('removes temporary files left over from a crash, but not recent ones', async () => {
    const id = randomUUID();
    const { key } = storage.newDataKey(id);
    const old = (await storage.writeTemp(Buffer.from('old'), id, key)).path;
    const recent = (await storage.writeTemp(Buffer.from('recent'), id, key)).path;
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(await storage.sweepIncoming()).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });
});
