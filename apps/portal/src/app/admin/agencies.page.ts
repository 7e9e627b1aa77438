import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import {
  AGENCY_CAPABILITIES,
  AGENCY_CAPABILITY_LABELS,
  AGENCY_TYPE_LABELS,
  AGENCY_TYPES,
  label,
  PROVINCE_LABELS,
  PROVINCES,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPES,
  type AgencyCapability,
  type AgencyType,
  type AgencyView,
  type CreateAgencyRequest,
} from '@ctms/domain';
import { adminActions } from './admin-actions';
import { AdminApi } from './admin-api';
import { FORM_KIT, I18n, TextField, toggle, type FieldSpec } from '@ctms/ui';

export interface AgencyDraft {
  code: string;
  nameLo: string;
  nameEn: string;
  type: string;
  capabilities: AgencyCapability[];
  serviceTypes: string[];
  provinces: string[];
  active: boolean;
}

export const AGENCY_CODE = /^[A-Z0-9_]{2,40}$/;

export function agencyDraftComplete(d: AgencyDraft, creating: boolean): boolean {
  return (
    (!creating || AGENCY_CODE.test(d.code.trim())) &&
    d.nameLo.trim().length > 0 &&
    d.nameEn.trim().length > 0 &&
    !!d.type
  );
}

function emptyDraft(): AgencyDraft {
  return {
    code: '',
    nameLo: '',
    nameEn: '',
    type: '',
    capabilities: [],
    serviceTypes: [],
    provinces: [],
    active: true,
  };
}

/** Agency administration (system administrators): list, create, edit capabilities, services, provinces, active. */
@Component({
  selector: 'app-agencies-page',
  imports: [FORM_KIT, TextField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  templateUrl: './agencies.page.html',
})
export class AgenciesPage {
  private readonly api = inject(AdminApi);
  private readonly i18n = inject(I18n);

  protected readonly types = AGENCY_TYPES;
  protected readonly capabilities = AGENCY_CAPABILITIES;
  protected readonly serviceTypes = SERVICE_TYPES;
  protected readonly provinces = PROVINCES;
  protected readonly f = {
    code: {
      name: 'code',
      label: 'admin.agencies.code',
      hint: 'admin.agencies.codeHint',
      testid: 'agency-code',
      required: true,
      autocomplete: 'off',
      spellcheck: false,
    },
    nameLo: { name: 'nameLo', label: 'admin.agencies.nameLo', lang: 'lo', required: true },
    nameEn: { name: 'nameEn', label: 'admin.agencies.nameEn', lang: 'en', required: true },
  } as const satisfies Record<string, FieldSpec>;

  protected readonly agencies = signal<AgencyView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly act = adminActions(() => this.reload());
  protected readonly creating = signal(false);
  protected readonly editingId = signal<string | null>(null);
  protected draft: AgencyDraft = emptyDraft();

  protected readonly rows = computed(() => {
    const lang = this.i18n.language();
    return this.agencies().map((a) => ({
      ...a,
      name: this.i18n.pick(a.nameLo, a.nameEn),
      typeLabel: label(AGENCY_TYPE_LABELS, a.type, lang),
      capabilityLabels: a.capabilities.map((c) => label(AGENCY_CAPABILITY_LABELS, c, lang)).join(', '),
      serviceLabels: a.serviceTypes.map((s) => label(SERVICE_TYPE_LABELS, s, lang)).join(', '),
      provinceLabels: a.provinces.map((p) => `${p} ${label(PROVINCE_LABELS, p, lang)}`).join(', '),
    }));
  });

  constructor() {
    void this.load(true);
  }

  protected lbl(kind: 'type' | 'cap' | 'service' | 'province', code: string): string {
    const lang = this.i18n.language();
    if (kind === 'type') return label(AGENCY_TYPE_LABELS, code, lang);
    if (kind === 'cap') return label(AGENCY_CAPABILITY_LABELS, code, lang);
    if (kind === 'service') return label(SERVICE_TYPE_LABELS, code, lang);
    return `${code} ${label(PROVINCE_LABELS, code, lang)}`;
  }

  protected check<T>(list: T[], value: T, on: boolean): T[] {
    return toggle(list, value, on);
  }

  protected complete(): boolean {
    return agencyDraftComplete(this.draft, this.creating());
  }

  protected async load(reset: boolean): Promise<void> {
    this.loading.set(true);
    try {
      const page = await this.api.agencies(reset ? null : this.cursor());
      this.agencies.set(reset ? page.items : [...this.agencies(), ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (e) {
      this.act.fail(e);
    } finally {
      this.loading.set(false);
    }
  }

  /** after a stale version: the form closes, the list is read again */
  private reload(): Promise<void> {
    this.editingId.set(null);
    return this.load(true);
  }

  protected startCreate(): void {
    this.draft = emptyDraft();
    this.editingId.set(null);
    this.act.fieldErrors.set({});
    this.creating.set(true);
  }

  protected startEdit(a: AgencyView): void {
    this.creating.set(false);
    this.act.fieldErrors.set({});
    this.draft = {
      code: a.code,
      nameLo: a.nameLo,
      nameEn: a.nameEn,
      type: a.type,
      capabilities: [...a.capabilities],
      serviceTypes: [...a.serviceTypes],
      provinces: [...a.provinces],
      active: a.active,
    };
    this.editingId.set(a.id);
  }

  protected cancel(): void {
    this.creating.set(false);
    this.editingId.set(null);
  }

  protected async save(): Promise<void> {
    const d = this.draft;
    const body: Omit<CreateAgencyRequest, 'code'> = {
      nameLo: d.nameLo.trim(),
      nameEn: d.nameEn.trim(),
      // the form completes only with a type chosen from AGENCY_TYPES
      type: d.type as AgencyType,
      capabilities: d.capabilities,
      serviceTypes: d.serviceTypes,
      provinces: d.provinces,
    };
    if (this.creating()) {
      const res = await this.act.run(
        () => this.api.createAgency({ code: d.code.trim(), ...body }),
        'admin.agencies.created',
      );
      if (res) {
        this.creating.set(false);
        this.agencies.update((list) => [...list, res].sort((a, b) => a.code.localeCompare(b.code)));
      }
      return;
    }
    const a = this.agencies().find((x) => x.id === this.editingId());
    if (!a) return;
    const res = await this.act.run(
      () => this.api.updateAgency(a.id, a.version, { ...body, active: d.active }),
      'admin.agencies.saved',
    );
    if (res) {
      this.editingId.set(null);
      this.agencies.update((list) => list.map((x) => (x.id === res.id ? res : x)));
    }
  }
}
