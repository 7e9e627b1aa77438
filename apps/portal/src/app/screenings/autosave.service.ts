/*
 * Autosave of a screening draft.
 *
 * DECISION — where unsaved edits wait, and what that means for victim data on a shared device:
 *  - Every change is written at once, ENCRYPTED with a non-extractable device key (draft-store.ts,
 *    decision 0017a), to `localStorage` under `ctms.screeningDraft.<userId>.<screeningId>` ('new'
 *    before the server has created the screening), and sent to the server ~2 s after the last change
 *    (`PATCH` with the `version` it was made on). Encryption is asynchronous: an edit reaches the disk
 *    a few milliseconds after it is typed.
 *    It survives a reload, a dropped connection and a browser restart (the session itself does not
 *    survive a restart; after signing in again the same user's edits are replayed on the next load).
 *  - Only the sections edited on this device and not yet acknowledged are kept, never the whole
 *    screening, and the entry is deleted as soon as the server has them.
 *  - Everything under the prefix is deleted when the signed-in user signs out or the session is
 *    ended by the server (DraftStore watches the session), and entries older than 7 days are dropped
 *    unread. The key carries the user id, so another account on the same browser never replays them.
 *  - What remains at risk: someone who uses this browser profile while the same user is still signed
 *    in can open the interview like the user can; the key is not extractable, so a copied profile
 *    or disk image without the running browser does not decrypt it (see decision 0017a).
 *
 * A 400 names its fields: the sections holding them are held back until edited again and every
 * other section sent with them is sent again on its own at once (one bad field never blocks the
 * rest of the interview).
 *
 * Conflicts: only the interviewer edits a draft, so the other writer can only be the same person in
 * another tab or device. On 409 STALE_VERSION the local edits are kept and saving pauses: the page
 * reloads the server copy, merges field by field and lets the caseworker choose where both sides
 * changed (screening-conflict.ts), then `resolved` sends the outcome on the server's version.
 * On load, local edits are laid over the current server copy (section by section) and saved at once.
 */
import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { DraftStore } from './draft-store';
import { pickSections, sectionsBody, splitBySection, type Draft, type SectionId } from './screening.logic';
import { ScreeningsApi, toFailure, type ApiFailure } from './screenings.api';
import type { ScreeningView } from '@ctms/domain';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'invalid' | 'error' | 'conflict';

export const AUTOSAVE_DEBOUNCE_MS = 2000;
export const RETRY_MS = 10_000;

/** What the wizard gives the autosave: the current copy and what to do with the server's answers. */
export interface AutosaveHost {
  userId: string;
  id(): string | null;
  version(): number | null;
  /** the server's copy the edits are made on (kept with them on the device for an offline reload) */
  view(): ScreeningView | null;
  draft(): Draft;
  /** a save succeeded: the new server view (the draft in memory is NOT replaced, only version and computed fields) and the sections it took */
  saved(view: ScreeningView, created: boolean, sections: readonly SectionId[]): void;
  /**
   * 409: the copy on the server moved on. The edits of `unsaved` stay (here and on the device) and
   * nothing is sent until the host calls `resolved` with the server's version and what to send.
   */
  stale(failure: ApiFailure, unsaved: readonly SectionId[]): void;
  /** 400: show the details next to the fields */
  invalid(failure: ApiFailure): void;
}

@Injectable()
export class AutosaveService {
  private readonly api = inject(ScreeningsApi);
  private readonly store = inject(DraftStore);

  private host: AutosaveHost | null = null;
  private readonly dirty = new Set<SectionId>();
  /** sections the server refused (400) and not edited since: not sent again until they are */
  private readonly held = new Set<SectionId>();
  private inflight: Set<SectionId> | null = null;
  /** a 409 waits for the caseworker's choice: nothing is sent meanwhile */
  private conflicted = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onlineListener = () => void this.flush();

  readonly state = signal<SaveState>('idle');
  readonly lastSavedAt = signal<Date | null>(null);

  constructor() {
    window.addEventListener('online', this.onlineListener);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('online', this.onlineListener);
      if (this.timer) clearTimeout(this.timer);
      // leaving the page: send what is waiting (the local copy stays until the server confirms)
      if (this.dirty.size && this.inflight === null) void this.save();
    });
  }

  attach(host: AutosaveHost): void {
    this.host = host;
  }

  /** The device copy of unsaved edits for this screening ('new' before creation). */
  localKey(): string {
    return this.host?.id() ?? 'new';
  }

  /** A section changed: keep it locally now, send it after the debounce. */
  touch(section: SectionId): void {
    this.dirty.add(section);
    this.held.delete(section);
    this.persistLocal();
    if (this.conflicted) return; // kept here; sent once the conflict is settled
    this.state.set('pending');
    this.schedule(AUTOSAVE_DEBOUNCE_MS);
  }

  /** Sections restored from the device copy: send them at once. */
  restore(sections: readonly SectionId[]): void {
    for (const s of sections) this.dirty.add(s);
    if (this.dirty.size) this.schedule(0);
  }

  /** The sections edited here and not yet acknowledged by the server. */
  unsaved(): SectionId[] {
    return [...new Set([...this.dirty, ...(this.inflight ?? [])])];
  }

  hasUnsaved(): boolean {
    return this.dirty.size > 0 || this.inflight !== null;
  }

  /** Sections the server refused and that wait for a correction. */
  heldSections(): SectionId[] {
    return [...this.held];
  }

  /** The conflict is settled: the draft is on the server's version now; send `sections` at once. */
  resolved(sections: readonly SectionId[]): void {
    this.conflicted = false;
    this.dirty.clear();
    for (const s of sections) this.dirty.add(s);
    this.persistLocal();
    if (this.dirty.size) {
      this.state.set('pending');
      this.schedule(0);
    } else {
      this.state.set('saved');
    }
  }

  /** Forget everything not yet saved (after a submission, or when the server copy wins). */
  discard(): void {
    this.conflicted = false;
    this.dirty.clear();
    this.held.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.host) this.store.clear(this.host.userId, this.localKey());
    this.state.set('idle');
  }

  /** Save now (before submit, on reconnection). Resolves true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inflight) await this.waitForInflight();
    if (this.dirty.size) await this.save();
    return !this.hasUnsaved();
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, ms);
  }

  private async waitForInflight(): Promise<void> {
    while (this.inflight) await new Promise((r) => setTimeout(r, 50));
  }

  private persistLocal(): void {
    const host = this.host;
    if (!host) return;
    const unsaved = new Set<SectionId>([...this.dirty, ...(this.inflight ?? [])]);
    if (unsaved.size === 0) {
      this.store.clear(host.userId, this.localKey());
      return;
    }
    void this.store.write(host.userId, this.localKey(), {
      baseVersion: host.version(),
      sections: pickSections(host.draft(), unsaved),
      savedAt: Date.now(),
      ...(host.view() ? { view: host.view() ?? undefined } : {}),
    });
  }

  private async save(): Promise<void> {
    const host = this.host;
    if (!host || this.inflight || this.conflicted) return;
    const sending = new Set([...this.dirty].filter((s) => !this.held.has(s)));
    if (sending.size === 0) return;
    for (const s of sending) this.dirty.delete(s);
    this.inflight = sending;
    this.state.set('saving');
    const id = host.id();
    const version = host.version();
    try {
      let view: ScreeningView;
      if (id === null || version === null) {
        view = await this.api.create(sectionsBody(host.draft(), sending));
        this.store.clear(host.userId, 'new');
        this.inflight = null;
        host.saved(view, true, [...sending]);
      } else {
        view = await this.api.update(id, version, sectionsBody(host.draft(), sending));
        this.inflight = null;
        host.saved(view, false, [...sending]);
      }
      this.lastSavedAt.set(new Date());
      this.persistLocal();
      if ([...this.dirty].some((s) => !this.held.has(s))) {
        this.state.set('pending');
        this.schedule(AUTOSAVE_DEBOUNCE_MS);
      } else {
        this.state.set(this.held.size ? 'invalid' : 'saved');
      }
    } catch (err) {
      this.inflight = null;
      const f = toFailure(err);
      for (const s of sending) this.dirty.add(s);
      if (f.status === 0 || (typeof navigator !== 'undefined' && navigator.onLine === false)) {
        this.state.set('offline');
        this.persistLocal();
        this.schedule(RETRY_MS);
      } else if (f.status === 409) {
        this.conflicted = true;
        this.state.set('conflict');
        this.persistLocal();
        host.stale(f, [...this.dirty]);
      } else if (f.status === 400) {
        // hold back the sections the server named; send the others again at once
        const { invalid, valid } = splitBySection(sending, f.details);
        for (const s of invalid) this.held.add(s);
        this.state.set('invalid');
        this.persistLocal();
        host.invalid(f);
        if (valid.length) this.schedule(0);
      } else {
        this.state.set('error');
        this.persistLocal();
        this.schedule(RETRY_MS);
      }
    }
  }
}
