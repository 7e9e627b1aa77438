import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { label, SEED_AGENCY_LABELS, type Label, type Language } from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../http';

/** A user as the API names one: the username always, the person's name where the view carries it. */
export interface PersonRef {
  username?: string | null;
  displayName?: string | null;
}

/**
 * The name to show for a user: their display name; the username only when the API gave no name
 * (a deleted account, an old audit row). `fallback` when there is neither.
 */
export function personName(ref: PersonRef | null | undefined, fallback = '—'): string {
  const name = ref?.displayName?.trim();
  if (name) return name;
  return ref?.username || fallback;
}

/** An agency's name in `lang` from `names` (code → label), else the seeded agencies' names, else the code itself. */
export function agencyName(
  code: string | null | undefined,
  lang: Language,
  names: Readonly<Record<string, Label>> = {},
  fallback = '—',
): string {
  if (!code) return fallback;
  const own = Object.prototype.hasOwnProperty.call(names, code) ? names[code] : undefined;
  if (own) return own[lang] || own.en || code;
  return label(SEED_AGENCY_LABELS, code, lang);
}

/**
 * Agencies' names for the views that carry only an agency's code: the seeded agencies are known at
 * once; the agencies an administrator added arrive with the reference list (GET /reference/agencies,
 * once per session, cacheable). A page reads `agency(code, lang)` inside a `computed`, so the names
 * appear as soon as the list is in.
 */
@Injectable({ providedIn: 'root' })
export class AgencyNames {
  private readonly http = inject(HttpClient);
  private readonly names = signal<Readonly<Record<string, Label>>>({});
  private loading: Promise<void> | null = null;

  agency(code: string | null | undefined, lang: Language, fallback = '—'): string {
    this.ensure();
    return agencyName(code, lang, this.names(), fallback);
  }

  private ensure(): void {
    if (this.loading) return;
    this.loading = firstValueFrom(
      this.http.get<{ code: string; nameLo: string; nameEn: string }[]>(`${API}/reference/agencies`),
    )
      .then((list) => this.names.set(Object.fromEntries(list.map((a) => [a.code, { lo: a.nameLo, en: a.nameEn }]))))
      .catch(() => {
        // the seeded names (or the code) stay; the next page asks again
        this.loading = null;
      });
  }
}
