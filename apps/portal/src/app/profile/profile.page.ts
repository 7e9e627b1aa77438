import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatRadioModule } from '@angular/material/radio';
import { isOneOf, LANGUAGES, type Role } from '@ctms/domain';
import { catchError, of } from 'rxjs';
import { API, AuthService } from '../core/auth/auth.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslatePipe } from '../core/i18n/translate.pipe';

interface Province {
  code: string;
  nameLo: string;
  nameEn: string;
}

@Component({
  selector: 'app-profile-page',
  imports: [MatRadioModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile.page.html',
  styleUrl: './profile.page.scss',
})
export class ProfilePage {
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);

  protected readonly user = this.auth.user;
  private readonly provinceList = toSignal(
    inject(HttpClient)
      .get<Province[]>(`${API}/reference/provinces`)
      .pipe(catchError(() => of([] as Province[]))),
    { initialValue: [] as Province[] },
  );

  protected readonly agencyName = computed(() => {
    const a = this.user()?.agency;
    return a ? this.i18n.pick(a.nameLo, a.nameEn) : '';
  });

  protected readonly roles = computed(() => (this.user()?.roles ?? []).map((r: Role) => this.i18n.t(`role.${r}` as const)));

  /** Province codes with their names in the current language (the code alone until the list arrives). */
  protected readonly provinces = computed(() => {
    const byCode = new Map(this.provinceList().map((p) => [p.code, p]));
    return (this.user()?.provinces ?? []).map((code) => {
      const p = byCode.get(code);
      return p ? `${code} ${this.i18n.pick(p.nameLo, p.nameEn)}` : code;
    });
  });

  protected async setLanguage(value: unknown): Promise<void> {
    if (isOneOf(LANGUAGES, value)) await this.auth.setLanguage(value);
  }
}
