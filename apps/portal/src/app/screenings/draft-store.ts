import { Injectable, effect, inject } from '@angular/core';
import { AuthService } from '../core/auth/auth.service';
import type { Draft } from './screening.logic';

/** Where unsaved screening edits wait for the server (see the decision in autosave.service.ts). */
export const DRAFT_KEY_PREFIX = 'ctms.screeningDraft.';
/** Edits older than this are dropped unread: nothing about a victim lingers on a device for long. */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3_600_000;

export interface LocalDraft {
  /** the server version the edits were made on (null: the screening is not created yet) */
  baseVersion: number | null;
  /** only the sections edited on this device and not yet acknowledged by the server */
  sections: Partial<Draft>;
  savedAt: number;
}

/** Minimal storage surface, so that tests can pass a fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function draftKey(userId: string, screening: string): string {
  return `${DRAFT_KEY_PREFIX}${userId}.${screening}`;
}

export function readDraft(storage: KeyValueStorage, userId: string, screening: string, now = Date.now()): LocalDraft | null {
  const key = draftKey(userId, screening);
  const raw = storage.getItem(key);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as LocalDraft;
    if (!d || typeof d !== 'object' || typeof d.savedAt !== 'number' || !d.sections || typeof d.sections !== 'object') throw new Error('bad');
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

/** The device copy of unsaved edits; wiped when the signed-in user signs out or the session ends. */
@Injectable({ providedIn: 'root' })
export class DraftStore {
  private readonly auth = inject(AuthService);
  private readonly storage = storageOrNull();
  private signedIn = false;

  constructor() {
    effect(() => {
      const user = this.auth.user();
      if (user) this.signedIn = true;
      else if (this.signedIn) {
        this.signedIn = false;
        this.clearAll();
      }
    });
  }

  read(userId: string, screening: string): LocalDraft | null {
    return this.storage ? readDraft(this.storage, userId, screening) : null;
  }

  write(userId: string, screening: string, draft: LocalDraft): boolean {
    if (!this.storage) return false;
    try {
      this.storage.setItem(draftKey(userId, screening), JSON.stringify(draft));
      return true;
    } catch {
      return false; // storage full or refused: the edits still live in memory and go to the server
    }
  }

  clear(userId: string, screening: string): void {
    this.storage?.removeItem(draftKey(userId, screening));
  }

  pending(userId: string): string[] {
    return this.storage ? pendingDraftIds(this.storage, userId) : [];
  }

  clearAll(): void {
    if (this.storage) clearAllDrafts(this.storage);
  }
}
