import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { label, type Label } from '@ctms/domain';
import { FIELD_LABELS } from './field-labels';
import { pickListOf } from './pick-lists';
import type { FieldSpec } from './section-specs';
import type { Rec } from './screenings.api';
import {
  ChipsInput,
  DateInput,
  type DateProblem,
  type DateRead,
  fieldElementId,
  formatDate,
  formatDateTime,
  I18n,
  Picker,
  TranslatePipe,
  yearsSince,
} from '@ctms/ui';

/** How a field kind is edited (see `control` and the `field` template); text, long text, codes and numbers are boxes. */
type FieldControl = 'picker' | 'langpair' | 'list' | 'date' | 'radio' | 'input';
const CONTROL_OF: Partial<Record<FieldSpec['kind'], FieldControl>> = {
  pick: 'picker',
  picks: 'picker',
  langpair: 'langpair',
  list: 'list',
  date: 'date',
  dob: 'date',
  datetime: 'date',
  choice: 'radio',
  bool: 'radio',
};
const YES_NO = [
  ['true', 'scr.yes'],
  ['false', 'scr.no'],
] as const;

/** A problem found in the page before anything is sent (a date that does not exist), by field path; null clears it. */
export interface ClientProblem {
  path: string;
  problem: DateProblem | null;
}

/**
 * One interview section rendered from its field list (section-specs.ts): inputs when editing, a
 * definition list when read-only. It edits the section object it is given in place and says so.
 * Short coded lists and yes/no are one-tap radios, long lists searchable pickers, dates day/month/year.
 */
@Component({
  selector: 'app-section-form',
  imports: [
    NgTemplateOutlet,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslatePipe,
    Picker,
    DateInput,
    ChipsInput,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './section-form.html',
  styleUrl: './section-form.scss',
})
export class SectionForm {
  protected readonly i18n = inject(I18n);

  readonly section = input.required<string>();
  readonly fields = input.required<readonly FieldSpec[]>();
  readonly model = input.required<Rec>();
  /** the words of each field's problem, by path */
  readonly errors = input<Readonly<Record<string, string>>>({});
  readonly readonly = input(false);
  readonly isChild = input(false);
  /** replaces a field's coded list (e.g. the provinces of the user's scope) */
  readonly lists = input<Readonly<Record<string, Readonly<Record<string, Label>>>>>({});
  /** bumped by the page on every edit, so that conditions on other fields are read again */
  readonly revision = input(0);
  readonly changed = output<void>();
  readonly problem = output<ClientProblem>();

  protected visible(f: FieldSpec, obj: Rec): boolean {
    this.revision();
    return (!f.childOnly || this.isChild()) && (!f.showIf || f.showIf(obj));
  }

  protected fieldLabel(path: string): string {
    return label(FIELD_LABELS, path, this.i18n.language());
  }

  protected testId(path: string): string {
    return fieldElementId(path);
  }

  protected problemOf(path: string): string | null {
    return this.errors()[path] ?? null;
  }

  /** The control a field kind is edited with: one template each in section-form.html. */
  protected control(f: FieldSpec): FieldControl {
    return CONTROL_OF[f.kind] ?? 'input';
  }

  /** The choices of a radio, select or multi-select field; a yes/no field's are yes and no. */
  protected options(f: FieldSpec): { code: string; text: string }[] {
    if (f.kind === 'bool') return YES_NO.map(([code, key]) => ({ code, text: this.i18n.t(key) }));
    const list = this.lists()[f.key] ?? f.list ?? {};
    const lang = this.i18n.language();
    return Object.keys(list).map((code) => ({ code, text: label(list, code, lang) }));
  }

  protected pickList(f: FieldSpec, obj: Rec) {
    this.revision();
    return pickListOf(f.pick ?? 'country', obj);
  }

  protected text(obj: Rec, key: string): string {
    const v = obj[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  }

  /** The radio chosen: a code, or 'true'/'false' for a yes/no field ('' when nothing is). */
  protected radioValue(obj: Rec, f: FieldSpec): unknown {
    const v = obj[f.key];
    if (f.kind !== 'bool') return v ?? '';
    return v === true ? 'true' : v === false ? 'false' : '';
  }

  /** The age worked out from the birth date, shown instead of asked. */
  protected derivedAge(obj: Rec): number | null {
    this.revision();
    return yearsSince(obj['dateOfBirth'], obj['dobPrecision'], new Date());
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
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
      delete obj[key];
    else obj[key] = value;
    this.changed.emit();
  }

  /** What was typed into a text, long-text or whole-number box. */
  protected setTyped(obj: Rec, f: FieldSpec, event: Event): void {
    const raw = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    if (f.kind !== 'int') return this.set(obj, f.key, raw);
    const n = raw === '' ? undefined : Number(raw);
    this.set(obj, f.key, n !== undefined && Number.isInteger(n) ? n : undefined);
  }

  protected setRadio(obj: Rec, f: FieldSpec, value: string): void {
    if (f.kind !== 'bool') return this.set(obj, f.key, value);
    this.set(obj, f.key, value === 'true' ? true : value === 'false' ? false : undefined);
  }

  /** A date, date-time or birth date read from its boxes: a problem is reported, not stored. */
  protected setDate(obj: Rec, f: FieldSpec, path: string, read: DateRead): void {
    this.problem.emit({ path, problem: read.problem });
    if (read.problem) return;
    if (f.kind === 'dob') {
      if (read.value) obj['dobPrecision'] = read.precision;
      else delete obj['dobPrecision'];
    }
    this.set(obj, f.key, read.value);
  }

  protected langPair(obj: Rec, key: string): [string | null, string | null] {
    const v = obj[key];
    const m = typeof v === 'string' ? /^([a-z]{2,3})-([a-z]{2,3})$/.exec(v) : null;
    return m ? [m[1] ?? null, m[2] ?? null] : [null, null];
  }

  /** the two pickers of a language pair: from (which also shows the field's problem) and to */
  protected readonly pairSides = [
    { index: 0, label: 'scr.pair.from', suffix: '' },
    { index: 1, label: 'scr.pair.to', suffix: '-to' },
  ] as const;
  protected readonly languageSpec: FieldSpec = { key: 'language', kind: 'pick', pick: 'language' };

  /** half-chosen language pairs, by path: the API takes the pair whole ("th-lo") */
  private readonly pairDrafts = new Map<string, [string | null, string | null]>();

  protected setLangPair(obj: Rec, key: string, path: string, side: 0 | 1, code: string | string[] | null): void {
    const pair: [string | null, string | null] = [this.langSide(obj, key, path, 0), this.langSide(obj, key, path, 1)];
    pair[side] = typeof code === 'string' ? code : null;
    this.pairDrafts.set(path, pair);
    if (pair[0] && pair[1]) this.set(obj, key, `${pair[0]}-${pair[1]}`);
    else this.set(obj, key, undefined);
  }

  protected langSide(obj: Rec, key: string, path: string, side: 0 | 1): string | null {
    const draft = this.pairDrafts.get(path);
    if (draft) return draft[side];
    return this.langPair(obj, key)[side];
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
      case 'choice':
        return list ? label(list, String(v), lang) : String(v);
      case 'codes':
        return Array.isArray(v) ? v.map((c) => (list ? label(list, String(c), lang) : String(c))).join(', ') : '';
      case 'pick':
        return label(pickListOf(f.pick ?? 'country', obj).labels, String(v), lang);
      case 'picks':
        return Array.isArray(v)
          ? v.map((c) => label(pickListOf(f.pick ?? 'country', obj).labels, String(c), lang)).join(', ')
          : '';
      case 'langpair': {
        const [a, b] = this.langPair(obj, f.key);
        const names = pickListOf('language', obj).labels;
        return a && b ? `${label(names, a, lang)} → ${label(names, b, lang)}` : String(v);
      }
      case 'bool':
        return this.i18n.t(v === true ? 'scr.yes' : 'scr.no');
      case 'date':
        return formatDate(v, lang);
      case 'dob': {
        const p = obj['dobPrecision'];
        if (p === 'YEAR' && typeof v === 'string') return v.slice(0, 4);
        if (p === 'MONTH' && typeof v === 'string') return formatDate(v, lang).replace(/^1 /, '');
        return formatDate(v, lang);
      }
      case 'datetime':
        return formatDateTime(v, lang);
      case 'list':
        return Array.isArray(v) ? v.join(', ') : '';
      default:
        return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    }
  }
}
