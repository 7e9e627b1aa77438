import { Injectable, effect, inject } from '@angular/core';
import { AuthService } from '../core/auth/auth.service';
import type { Draft } from './screening.logic';
import type { ScreeningView } from '@ctms/domain';

/*
 * Where unsaved screening edits wait for the server: encrypted on the device (decision 0017a).
 *
 * - Each entry in localStorage (`ctms.screeningDraft.<userId>.<screening>`) holds only
 *   `{savedAt, iv, data}`: the edits are AES-GCM ciphertext under a key made by WebCrypto in this
 *   browser, NOT extractable (no script, not even ours, can read its bytes), kept in IndexedDB
 *   (`ctms-device` / `keys`) under the user's id. A copy of the browser profile or a look at
 *   localStorage shows no interview text.
 * - Signing out (or the server ending the session) deletes the key and every entry: what was not
 *   yet saved can no longer be read by anyone, this device included.
 * - A reload or an offline restart of the browser keeps the key, so the same user's edits come back.
 * - Entries older than 7 days are dropped unread.
 */
export const DRAFT_KEY_PREFIX = 'ctms.screeningDraft.';
/** Edits older than this are dropped unread: nothing about a victim lingers on a device for long. */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3_600_000;
const KEY_DB = 'ctms-device';
const KEY_STORE = 'keys';

export interface LocalDraft {
  /** the server version the edits were made on (null: the screening is not created yet) */
  baseVersion: number | null;
  /** only the sections edited on this device and not yet acknowledged by the server */
  sections: Partial<Draft>;
  savedAt: number;
  /**
   * The server's copy the edits were made on (decision 0019): while edits wait for the link, a
   * reload with the link down opens the interview from it. Encrypted like the rest, and gone with
   * the entry as soon as the server has the edits.
   */
  view?: ScreeningView;
}

/** What localStorage holds for one draft: ciphertext and when it was written. */
export interface SealedDraft {
  savedAt: number;
  iv: string;
  data: string;
}

/** Minimal storage surface, so that tests can pass a fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function draftKey(userId: string, screening: string): string {
  return `${DRAFT_KEY_PREFIX}${userId}.${screening}`;
}

const b64 = (bytes: ArrayBuffer | Uint8Array): string => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const unb64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** Encrypts a draft; the AAD binds it to the storage key, so an entry cannot be moved to another screening. */
export async function sealDraft(key: CryptoKey, storageKey: string, draft: LocalDraft): Promise<SealedDraft> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(storageKey) },
    key,
    new TextEncoder().encode(JSON.stringify(draft)),
  );
  return { savedAt: draft.savedAt, iv: b64(iv), data: b64(data) };
}

/** Decrypts a sealed draft; null when it does not open (another key, tampered, another entry's). */
export async function openDraft(key: CryptoKey, storageKey: string, sealed: SealedDraft): Promise<LocalDraft | null> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: unb64(sealed.iv), additionalData: new TextEncoder().encode(storageKey) },
      key,
      unb64(sealed.data),
    );
    const d = JSON.parse(new TextDecoder().decode(plain)) as LocalDraft;
    return d && typeof d === 'object' && d.sections && typeof d.sections === 'object' ? d : null;
  } catch {
    return null;
  }
}

/** The sealed entry of a user's screening, or null (missing, malformed or too old: removed). */
export function readDraft(
  storage: KeyValueStorage,
  userId: string,
  screening: string,
  now = Date.now(),
): SealedDraft | null {
  const key = draftKey(userId, screening);
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as SealedDraft;
    if (!d || typeof d.savedAt !== 'number' || typeof d.iv !== 'string' || typeof d.data !== 'string')
      throw new Error('bad');
    if (now - d.savedAt > DRAFT_MAX_AGE_MS) throw new Error('old');
    return d;
  } catch {
    storage.removeItem(key);
    return null;
  }
}

/** Removes every unsaved screening edit on this device (all users): on sign-out. */
export function clearAllDrafts(storage: KeyValueStorage): number {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(DRAFT_KEY_PREFIX)) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
  return keys.length;
}

/** Lists the screenings of a user with edits waiting on this device. */
export function pendingDraftIds(storage: KeyValueStorage, userId: string): string[] {
  const prefix = draftKey(userId, '');
  const out: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(prefix)) out.push(k.slice(prefix.length));
  }
  return out;
}

function storageOrNull(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function keyDb(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      const req = indexedDB.open(KEY_DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(KEY_STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

async function keyOp<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  const db = await keyDb();
  if (!db) return null;
  return new Promise((resolve) => {
    const tx = db.transaction(KEY_STORE, mode);
    const req = op(tx.objectStore(KEY_STORE));
    tx.oncomplete = () => {
      db.close();
      resolve(req.result ?? null);
    };
    tx.onerror = tx.onabort = () => {
      db.close();
      resolve(null);
    };
  });
}

/** The device copy of unsaved edits, encrypted; wiped with its key when the user signs out or the session ends. */
@Injectable({ providedIn: 'root' })
export class DraftStore {
  private readonly auth = inject(AuthService);
  private readonly storage = storageOrNull();
  private signedIn = false;
  private readonly keys = new Map<string, Promise<CryptoKey | null>>();
  /** writes run one after the other, so that an older write never lands after a newer one */
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    effect(() => {
      const user = this.auth.user();
      if (user) this.signedIn = true;
      else if (this.signedIn) {
        this.signedIn = false;
        void this.clearAll();
      }
    });
  }

  /** The user's non-extractable device key, made on first use. */
  private key(userId: string, create: boolean): Promise<CryptoKey | null> {
    const cached = this.keys.get(userId);
    if (cached) return cached;
    const p = (async () => {
      const found = await keyOp<CryptoKey>('readonly', (s) => s.get(userId) as IDBRequest<CryptoKey>);
      if (found) return found;
      if (!create || typeof crypto === 'undefined' || !crypto.subtle) return null;
      const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      await keyOp('readwrite', (s) => s.put(made, userId));
      return made;
    })();
    this.keys.set(userId, p);
    void p.then((k) => {
      if (!k) this.keys.delete(userId);
    });
    return p;
  }

  async read(userId: string, screening: string): Promise<LocalDraft | null> {
    if (!this.storage) return null;
    const sealed = readDraft(this.storage, userId, screening);
    if (!sealed) return null;
    const key = await this.key(userId, false);
    const draft = key ? await openDraft(key, draftKey(userId, screening), sealed) : null;
    if (!draft) this.storage.removeItem(draftKey(userId, screening));
    return draft;
  }

  /** Encrypts and stores (in order with the other writes); resolves false when the device cannot keep it. */
  write(userId: string, screening: string, draft: LocalDraft): Promise<boolean> {
    const run = async () => {
      if (!this.storage) return false;
      const key = await this.key(userId, true);
      if (!key) return false; // no WebCrypto: the edits live in memory and go to the server, never in clear on disk
      const storageKey = draftKey(userId, screening);
      try {
        this.storage.setItem(storageKey, JSON.stringify(await sealDraft(key, storageKey, draft)));
        return true;
      } catch {
        return false;
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p;
    return p;
  }

  clear(userId: string, screening: string): void {
    const run = async () => this.storage?.removeItem(draftKey(userId, screening));
    this.queue = this.queue.then(run, run);
  }

  pending(userId: string): string[] {
    return this.storage ? pendingDraftIds(this.storage, userId) : [];
  }

  /** Sign-out: every entry and every device key goes. */
  async clearAll(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.storage) clearAllDrafts(this.storage);
    this.keys.clear();
    await keyOp('readwrite', (s) => s.clear());
  }
}
