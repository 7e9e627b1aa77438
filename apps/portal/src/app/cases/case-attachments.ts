import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  ATTACHMENT_KINDS,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  label,
  type AttachmentKind,
  type AttachmentView,
  type DataCategory,
} from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { CaseApi } from './case-api';
import { CasePages } from './case-pages';
import { CaseStore } from './case-store';
import { type CtKey } from './case-tools-i18n';
import { actionState, formatDateTime, I18n, personName, saveBlob, TranslatePipe } from '@ctms/ui';

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};
const EXTENSION: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** "PDF", "JPEG", "PNG", or null for anything else. */
export function mediaTypeName(mediaType: string): string | null {
  return MEDIA_TYPES[mediaType] ?? null;
}

/** 512 → {key:'ct.size.bytes', n:'512'}, 2048 → 2 KB, 3.5 MB …; the number in the user's language's digits. */
export function sizeParts(bytes: number): { key: CtKey; n: string } {
  if (bytes < 1024) return { key: 'ct.size.bytes', n: String(bytes) };
  if (bytes < 1024 * 1024) return { key: 'ct.size.kb', n: (Math.round((bytes / 1024) * 10) / 10).toString() };
  return { key: 'ct.size.mb', n: (Math.round((bytes / 1024 / 1024) * 10) / 10).toString() };
}

/** Field → message from a refused upload: 400 names fields, 413 and 415 are about the file. */
export function uploadProblems(
  err: unknown,
  t: (key: CtKey, p?: Readonly<Record<string, string | number>>) => string,
): Record<string, string> {
  if (!(err instanceof HttpErrorResponse)) return {};
  if (err.status === 413) return { file: t('ct.files.err.tooLargeServer') };
  const details = (err.error as { details?: unknown } | null)?.details;
  const out: Record<string, string> = {};
  if (Array.isArray(details)) {
    for (const d of details as { field?: unknown; problems?: unknown }[]) {
      if (typeof d?.field !== 'string') continue;
      const problems = Array.isArray(d.problems)
        ? d.problems.filter((p): p is string => typeof p === 'string').join('; ')
        : '';
      if (err.status === 415) out[d.field] = `${t('ct.files.err.type')} (${problems})`;
      else if (d.field === 'file' && problems.includes('empty')) out[d.field] = t('ct.files.err.empty');
      else out[d.field] = t('ct.files.err.field', { problems });
    }
  }
  if (err.status === 415 && !out['file']) out['file'] = t('ct.files.err.type');
  return out;
}

/**
 * The files of a case: what the API lists (only categories the caller's relation shows), with
 * metadata that names nobody — category, kind, type, size, who uploaded it and when; never the
 * original file name. Downloads are fetched as a blob with the bearer header and saved as
 * attachment-<id>.<ext>. Upload only for who the API lets add files (the lead agency).
 */
@Component({
  selector: 'app-case-attachments',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab-body" data-testid="case-attachments">
      <h2 class="sub">{{ 'ct.files.title' | t }}</h2>
      <p class="hint">{{ 'ct.files.intro' | t }}</p>
      <div role="status" aria-live="polite">
        @if (act.notice(); as n) {
          <p [class.error]="n.kind === 'error'" data-testid="attachment-notice">{{ n.text }}</p>
        }
      </div>
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (items().length) {
        <div class="table-wrap">
          <table data-testid="attachment-table">
            <caption class="sub">
              {{
                'ct.files.caption' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'ct.files.col.category' | t }}</th>
                <th scope="col">{{ 'ct.files.col.kind' | t }}</th>
                <th scope="col">{{ 'ct.files.col.type' | t }}</th>
                <th scope="col">{{ 'ct.files.col.size' | t }}</th>
                <th scope="col">{{ 'ct.files.col.uploadedBy' | t }}</th>
                <th scope="col">{{ 'ct.files.col.uploadedAt' | t }}</th>
                <th scope="col">{{ 'ct.files.col.actions' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (a of rows(); track a.id) {
                <tr data-testid="attachment-row">
                  <td data-testid="attachment-category">{{ a.category }}</td>
                  <td>{{ a.kind }}</td>
                  <td data-testid="attachment-type">{{ a.type }}</td>
                  <td>{{ a.size }}</td>
                  <td lang="en">{{ a.by }}</td>
                  <td>{{ a.at }}</td>
                  <td>
                    <button
                      mat-stroked-button
                      type="button"
                      data-testid="attachment-download"
                      [attr.aria-label]="a.downloadLabel"
                      [disabled]="downloading() === a.id"
                      (click)="download(a.id, a.mediaType)"
                    >
                      {{ (downloading() === a.id ? 'ct.files.downloading' : 'ct.files.download') | t }}
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else if (loading()) {
        <p role="status">{{ 'ct.files.loading' | t }}</p>
      } @else if (!error()) {
        <p data-testid="attachments-empty">{{ 'ct.files.empty' | t }}</p>
      }
      @if (cursor()) {
        <button mat-stroked-button type="button" (click)="load(false)">{{ 'ct.files.more' | t }}</button>
      }

      @if (canUpload()) {
        <form class="form" (ngSubmit)="upload(fileInput)" data-testid="attachment-form" novalidate>
          <h3 class="sub">{{ 'ct.files.upload.title' | t }}</h3>
          <p class="hint" id="attachment-hint">{{ 'ct.files.upload.hint' | t }}</p>
          <div class="file">
            <label for="attachment-file" class="file-label">{{ 'ct.files.upload.file' | t }}</label>
            <input
              #fileInput
              id="attachment-file"
              type="file"
              name="file"
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              data-testid="attachment-file"
              aria-describedby="attachment-hint attachment-file-state"
              [attr.aria-invalid]="act.fieldErrors()['file'] ? true : null"
              (change)="choose(fileInput.files)"
            />
            <p id="attachment-file-state" class="meta">
              @if (chosen(); as f) {
                {{ 'ct.files.upload.chosen' | t: { type: f.type, size: f.size } }}
              } @else {
                {{ 'ct.files.upload.none' | t }}
              }
            </p>
            @if (act.fieldErrors()['file']; as e) {
              <p class="error" role="alert" data-testid="attachment-error-file">{{ e }}</p>
            }
          </div>
          <div class="row">
            <mat-form-field>
              <mat-label>{{ 'ct.files.upload.kind' | t }}</mat-label>
              <mat-select name="kind" [(ngModel)]="kind" required data-testid="attachment-kind">
                @for (k of kinds; track k) {
                  <mat-option [value]="k" [attr.data-testid]="'attachment-kind-' + k">{{ kindLabel(k) }}</mat-option>
                }
              </mat-select>
              @if (act.fieldErrors()['kind']; as e) {
                <mat-hint class="error">{{ e }}</mat-hint>
              }
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'ct.files.upload.category' | t }}</mat-label>
              <mat-select name="category" [(ngModel)]="category" required data-testid="attachment-category-select">
                @for (c of categories; track c) {
                  <mat-option [value]="c" [attr.data-testid]="'attachment-category-' + c">{{
                    categoryLabel(c)
                  }}</mat-option>
                }
              </mat-select>
              @if (act.fieldErrors()['category']; as e) {
                <mat-hint class="error">{{ e }}</mat-hint>
              }
            </mat-form-field>
          </div>
          <div>
            <button mat-flat-button type="submit" data-testid="attachment-submit" [disabled]="act.busy()">
              {{ (act.busy() ? 'ct.files.upload.uploading' : 'ct.files.upload.submit') | t }}
            </button>
          </div>
        </form>
      }
    </div>
  `,
  styles: `
    @use 'section';
    caption {
      text-align: start;
    }
    .file {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 0 0 12px;
    }
    .file-label {
      font: var(--mat-sys-label-large);
    }
  `,
})
export class CaseAttachments {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);

  protected readonly kinds = ATTACHMENT_KINDS;
  protected readonly categories = DATA_CATEGORIES;
  private readonly pages = new CasePages<AttachmentView>(this.store, (id, cursor) => this.api.attachments(id, cursor));
  protected readonly items = this.pages.items;
  protected readonly cursor = this.pages.cursor;
  protected readonly loading = this.pages.loading;
  protected readonly error = this.pages.error;
  protected readonly downloading = signal<string | null>(null);
  /** the upload (and the download's notice): a refusal names the file's problems in this feature's words */
  protected readonly act = actionState({
    describe: (e) => {
      const fields = uploadProblems(e, (k, params) => this.t(k, params));
      const problem = this.store.problem(e);
      const message = Object.keys(fields).length ? this.t('ct.files.upload.failed') : problem.message;
      return { ...problem, fields, message };
    },
  });
  private readonly file = signal<File | null>(null);
  protected kind: AttachmentKind = 'EVIDENCE';
  protected category: DataCategory = 'LEGAL_PROCEEDINGS';

  /** The lead agency adds files (a receiving agency attaches through its referral, not from here). */
  protected readonly canUpload = computed(() => {
    const c = this.store.case();
    return !!c && this.auth.can('attachment:upload') && this.auth.user()?.agency.id === c.leadAgency.id;
  });

  protected readonly chosen = computed(() => {
    const f = this.file();
    if (!f) return null;
    const s = sizeParts(f.size);
    return { type: mediaTypeName(f.type) ?? this.t('ct.type.unknown'), size: this.t(s.key, { n: s.n }) };
  });

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.items().map((a) => {
      const s = sizeParts(a.sizeBytes);
      const type = mediaTypeName(a.mediaType) ?? this.t('ct.type.unknown');
      const at = formatDateTime(a.createdAt, lang);
      const category = label(DATA_CATEGORY_LABELS, a.category, lang);
      return {
        id: a.id,
        mediaType: a.mediaType,
        category,
        kind: this.kindLabel(a.kind),
        type,
        size: this.t(s.key, { n: s.n }),
        by: personName(a.uploadedBy),
        at,
        downloadLabel: this.t('ct.files.downloadLabel', { type, date: at, category }),
      };
    });
  });

  constructor() {
    effect(() => {
      if (this.store.case()?.id) untracked(() => void this.load(true));
    });
  }

  private t(key: CtKey, params?: Readonly<Record<string, string | number>>): string {
    return this.i18n.t(key, params);
  }

  protected kindLabel(k: string): string {
    const key = `ct.kind.${k}`;
    return key === 'ct.kind.EVIDENCE' || key === 'ct.kind.CONSENT_FORM' || key === 'ct.kind.OTHER' ? this.t(key) : k;
  }

  protected categoryLabel(c: string): string {
    return label(DATA_CATEGORY_LABELS, c, this.i18n.language());
  }

  protected choose(files: FileList | null): void {
    this.file.set(files?.item(0) ?? null);
    this.act.fieldErrors.update(({ file: _file, ...rest }) => rest);
  }

  protected load(reset: boolean): Promise<void> {
    return this.pages.load(reset);
  }

  protected async upload(input: HTMLInputElement): Promise<void> {
    const id = this.store.case()?.id;
    const file = this.file();
    if (!file) {
      this.act.clear();
      this.act.fieldErrors.set({ file: this.t('ct.files.err.required') });
      return;
    }
    if (!id) return;
    await this.act.run(async () => {
      await this.api.uploadAttachment(id, { file, kind: this.kind, category: this.category }, file.name);
      this.file.set(null);
      input.value = '';
      this.store.revision.update((r) => r + 1);
      await this.load(true);
    }, 'ct.files.upload.done');
  }

  /** Fetches the bytes with the bearer header and saves them under the API's neutral name. */
  protected async download(attachmentId: string, mediaType: string): Promise<void> {
    this.downloading.set(attachmentId);
    this.act.notice.set(null);
    try {
      const blob = await this.api.attachmentContent(attachmentId);
      saveBlob(blob, `attachment-${attachmentId}.${EXTENSION[mediaType] ?? 'bin'}`, this.document);
      this.act.notice.set({ kind: 'ok', text: this.t('ct.files.downloaded') });
    } catch {
      this.act.notice.set({ kind: 'error', text: this.t('ct.files.downloadFailed') });
    } finally {
      this.downloading.set(null);
    }
  }
}
