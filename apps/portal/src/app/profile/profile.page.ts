import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatRadioModule } from '@angular/material/radio';
import { isOneOf, label, LANGUAGES, PROVINCE_LABELS, ROLE_LABELS } from '@ctms/domain';
import { AuthService } from '../core/auth/auth.service';
import { I18n } from '../core/i18n/i18n.service';
import { TranslatePipe } from '../core/i18n/translate.pipe';

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

  protected readonly agencyName = computed(() => {
    const a = this.user()?.agency;
    return a ? this.i18n.pick(a.nameLo, a.nameEn) : '';
  });

  /** Role and province labels come from the shared domain catalogue (the same words the API uses). */
  protected readonly roles = computed(() => (this.user()?.roles ?? []).map((r) => label(ROLE_LABELS, r, this.i18n.language())));

  protected readonly provinces = computed(() =>
    (this.user()?.provinces ?? []).map((code) => `${code} ${label(PROVINCE_LABELS, code, this.i18n.language())}`),
  );

  protected async setLanguage(value: unknown): Promise<void> {
    if (isOneOf(LANGUAGES, value)) await this.auth.setLanguage(value);
  }
}
