import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  label,
  SLA_HOURS_MAX,
  SLA_HOURS_MIN,
  URGENCY_LABELS,
  type SlaSettingView,
  type UpdateSlaSettingsRequest,
  type Urgency,
} from '@ctms/domain';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';
import { actionState, I18n } from '@ctms/ui';

const WORDS = {
  title: { lo: 'ກຳນົດເວລາຕອບຮັບຂອງການສົ່ງຕໍ່', en: 'Referral SLA hours' },
  intro: {
    lo: 'ຈຳນວນຊົ່ວໂມງຕາມຄວາມຮີບດ່ວນ: ເພື່ອຕອບຮັບ (ຮັບ ຫຼື ປະຕິເສດ) ແລະ ເພື່ອເລີ່ມໃຫ້ບໍລິການຫຼັງຈາກຮັບແລ້ວ. ການປ່ຽນແປງໃຊ້ກັບການສົ່ງຕໍ່ຄັ້ງຕໍ່ໄປ.',
    en: 'Hours per urgency: to acknowledge (accept or decline), and to start services after acceptance. A change applies to the next clocks started.',
  },
  urgency: { lo: 'ຄວາມຮີບດ່ວນ', en: 'Urgency' },
  acknowledge: { lo: 'ຕອບຮັບພາຍໃນ (ຊົ່ວໂມງ)', en: 'Acknowledge within (hours)' },
  services: { lo: 'ເລີ່ມບໍລິການພາຍໃນ (ຊົ່ວໂມງ)', en: 'Start services within (hours)' },
  save: { lo: 'ບັນທຶກກຳນົດເວລາ', en: 'Save the hours' },
  saved: { lo: 'ບັນທຶກແລ້ວ', en: 'Saved' },
  range: { lo: `ຈຳນວນເຕັມ ${SLA_HOURS_MIN}–${SLA_HOURS_MAX}`, en: `Whole hours, ${SLA_HOURS_MIN}–${SLA_HOURS_MAX}` },
} as const;

/** The system administrator's SLA hours per urgency (PUT /admin/sla-settings, audited by the API). */
@Component({
  selector: 'app-sla-settings-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    @use 'section';
  `,
  template: `
    <section class="page" data-testid="sla-settings-page">
      <h1 class="page-title">{{ w('title') }}</h1>
      <p class="hint">{{ w('intro') }}</p>
      <div role="status" aria-live="polite">
        @if (act.notice(); as n) {
          <p class="notice" [class.error]="n.kind === 'error'" data-testid="sla-notice">{{ n.text }}</p>
        }
      </div>
      <form class="form" (ngSubmit)="save()">
        @for (row of rows(); track row.urgency; let i = $index) {
          <fieldset class="panel" [attr.data-testid]="'sla-' + row.urgency">
            <legend>{{ row.label }}</legend>
            @for (col of columns; track col.field) {
              <mat-form-field>
                <mat-label>{{ w(col.word) }}</mat-label>
                <input
                  matInput
                  type="number"
                  inputmode="numeric"
                  [min]="min"
                  [max]="max"
                  step="1"
                  required
                  [name]="col.short + i"
                  [(ngModel)]="draft[i][col.field]"
                  [attr.data-testid]="'sla-' + col.short + '-' + row.urgency"
                />
                <mat-hint>{{ act.fieldErrors()['settings.' + i + '.' + col.field] ?? w('range') }}</mat-hint>
              </mat-form-field>
            }
          </fieldset>
        }
        <div class="actions">
          <button mat-flat-button type="submit" data-testid="sla-save" [disabled]="act.busy() || !draft.length">
            {{ w('save') }}
          </button>
        </div>
      </form>
    </section>
  `,
})
export class SlaSettingsPage {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);
  protected readonly min = SLA_HOURS_MIN;
  protected readonly max = SLA_HOURS_MAX;
  protected readonly settings = signal<SlaSettingView[]>([]);
  protected readonly act = actionState();
  /** the two hours of a row: the draft's field, the input's short name, the label's word */
  protected readonly columns = [
    { field: 'acknowledgeHours', short: 'ack', word: 'acknowledge' },
    { field: 'servicesHours', short: 'svc', word: 'services' },
  ] as const;
  protected draft: { urgency: Urgency; acknowledgeHours: number; servicesHours: number }[] = [];
  protected readonly rows = computed(() =>
    this.settings().map((s) => ({ urgency: s.urgency, label: label(URGENCY_LABELS, s.urgency, this.i18n.language()) })),
  );

  constructor() {
    void this.load();
  }

  protected w(key: keyof typeof WORDS): string {
    return WORDS[key][this.i18n.language() === 'lo' ? 'lo' : 'en'];
  }

  private async load(): Promise<void> {
    try {
      this.apply(await firstValueFrom(this.http.get<SlaSettingView[]>(`${API}/admin/sla-settings`)));
    } catch (e) {
      this.act.fail(e);
    }
  }

  private apply(list: SlaSettingView[]): void {
    this.draft = list.map((s) => ({
      urgency: s.urgency,
      acknowledgeHours: s.acknowledgeHours,
      servicesHours: s.servicesHours,
    }));
    this.settings.set(list);
  }

  protected async save(): Promise<void> {
    const body: UpdateSlaSettingsRequest = {
      settings: this.draft.map((d) => ({
        ...d,
        acknowledgeHours: Number(d.acknowledgeHours),
        servicesHours: Number(d.servicesHours),
      })),
    };
    const saved = await this.act.run(
      () => firstValueFrom(this.http.put<SlaSettingView[]>(`${API}/admin/sla-settings`, body)),
      () => this.w('saved'),
    );
    if (saved) this.apply(saved);
  }
}
