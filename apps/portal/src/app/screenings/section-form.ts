import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { label, type Label } from '@ctms/domain';
import { I18n } from '../core/i18n/i18n.service';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { FIELD_LABELS } from './field-labels';
import type { FieldSpec } from './section-specs';
import { fromLaoLocalInput, toLaoLocalInput } from './screening.logic';
import type { Rec } from './screenings.api';
import { formatDate, formatDateTime } from './format';

/**
 * One interview section rendered from its field list (section-specs.ts): inputs when editing, a
 * definition list when read-only. It edits the section object it is given in place and says so.
 */
@Component({
  selector: 'app-section-form',
  imports: [NgTemplateOutlet, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './section-form.html',
  styleUrl: './section-form.scss',
})
export class SectionForm {
  protected readonly i18n = inject(I18n);

  readonly section = input.required<string>();
  readonly fields = input.required<readonly FieldSpec[]>();
  readonly model = input.required<Rec>();
  readonly errors = input<Readonly<Record<string, string[]>>>({});
  readonly readonly = input(false);
  readonly isChild = input(false);
  /** replaces a field's coded list (e.g. the provinces of the user's scope) */
  readonly lists = input<Readonly<Record<string, Readonly<Record<string, Label>>>>>({});
  readonly changed = output<void>();

  /** raw text of list fields while typing ("a, b, "), so that the input is never rewritten under the caret */
  private readonly rawLists = new Map<string, string>();

  protected visible(f: FieldSpec): boolean {
    return !f.childOnly || this.isChild();
  }

  protected fieldLabel(path: string): string {
    return label(FIELD_LABELS, path, this.i18n.language());
  }

  protected testId(path: string): string {
    return `f-${path.replace(/\./g, '-')}`;
  }

  protected problems(path: string): string[] {
    return this.errors()[path] ?? [];
  }

  protected options(f: FieldSpec): { code: string; text: string }[] {
    const list = this.lists()[f.key] ?? f.list ?? {};
    const lang = this.i18n.language();
    return Object.keys(list).map((code) => ({ code, text: label(list, code, lang) }));
  }

  protected text(obj: Rec, key: string): string {
    const v = obj[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  }

  protected boolValue(obj: Rec, key: string): string {
    const v = obj[key];
    return v === true ? 'true' : v === false ? 'false' : '';
  }

  protected datetimeValue(obj: Rec, key: string): string {
    return toLaoLocalInput(obj[key]);
  }

  protected listText(obj: Rec, key: string, path: string): string {
    const raw = this.rawLists.get(path);
    if (raw !== undefined) return raw;
    const v = obj[key];
    return Array.isArray(v) ? v.join(', ') : '';
  }

  protected rowsOf(obj: Rec, key: string): Rec[] {
    const v = obj[key];
    return Array.isArray(v) ? (v as Rec[]) : [];
  }

  protected objectOf(obj: Rec, key: string): Rec {
    const v = obj[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Rec;
    const created: Rec = {};
    obj[key] = created;
    return created;
  }

  protected set(obj: Rec, key: string, value: unknown): void {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete obj[key];
    else obj[key] = value;
    this.changed.emit();
  }

  protected setText(obj: Rec, key: string, event: Event): void {
    this.set(obj, key, (event.target as HTMLInputElement).value);
  }

  protected setInt(obj: Rec, key: string, event: Event): void {
    const raw = (event.target as HTMLInputElement).value;
    const n = raw === '' ? undefined : Number(raw);
    this.set(obj, key, n !== undefined && Number.isInteger(n) ? n : undefined);
  }

  protected setBool(obj: Rec, key: string, value: string): void {
    this.set(obj, key, value === 'true' ? true : value === 'false' ? false : undefined);
  }

  protected setDatetime(obj: Rec, key: string, event: Event): void {
    this.set(obj, key, fromLaoLocalInput((event.target as HTMLInputElement).value));
  }

  protected setList(obj: Rec, f: FieldSpec, path: string, event: Event): void {
    const raw = (event.target as HTMLInputElement).value;
    this.rawLists.set(path, raw);
    const items = raw
      .split(/[,\n]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (f.upper ? s.toUpperCase() : s));
    this.set(obj, f.key, items);
  }

  protected addRow(obj: Rec, key: string): void {
    const rows = this.rowsOf(obj, key);
    obj[key] = [...rows, {}];
    this.changed.emit();
  }

  protected removeRow(obj: Rec, key: string, index: number): void {
    const rows = this.rowsOf(obj, key).filter((_r, i) => i !== index);
    this.set(obj, key, rows);
  }

  // read-only rendering ---------------------------------------------------------------------------

  protected hasValue(obj: Rec, f: FieldSpec): boolean {
    const v = obj[f.key];
    if (v === undefined || v === null || v === '') return false;
    if (Array.isArray(v)) return v.length > 0;
    if (typeof v === 'object') return Object.keys(v).length > 0;
    return true;
  }

  protected display(obj: Rec, f: FieldSpec): string {
    const v = obj[f.key];
    const lang = this.i18n.language();
    const list = this.lists()[f.key] ?? f.list;
    switch (f.kind) {
      case 'code':
        return list ? label(list, String(v), lang) : String(v);
      case 'codes':
        return Array.isArray(v) ? v.map((c) => (list ? label(list, String(c), lang) : String(c))).join(', ') : '';
      case 'bool':
        return this.i18n.t(v === true ? 'scr.yes' : 'scr.no');
      case 'date':
        return formatDate(v, lang);
      case 'datetime':
        return formatDateTime(v, lang);
      case 'list':
        return Array.isArray(v) ? v.join(', ') : '';
      default:
        return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    }
  }
}
