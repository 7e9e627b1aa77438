import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import {
  label,
  PLAN_GOAL_DOMAIN_LABELS,
  PLAN_GOAL_DOMAINS,
  PLAN_REVIEW_ACTION_LABELS,
  PLAN_REVIEW_STATUS_LABELS,
  PLAN_TASK_ACTION_LABELS,
  PLAN_TASK_STATUS_LABELS,
  SEED_AGENCY_LABELS,
  type PlanGoalDomain,
  type PlanGoalView,
  type PlanProgress,
  type PlanTaskAction,
  type PlanTaskView,
  type StructuredPlanView,
} from '@ctms/domain';
import { ConfirmAction, formatDateTime, FORM_KIT, I18n } from '@ctms/ui';
import { CaseApi } from './case-api';
import { CaseStore } from './case-store';
import { UserPicker } from './user-picker';

/** The drafts of the add-task form, per goal. */
interface TaskDraft {
  title: string;
  agencyId: string;
  dueDate: string;
}

/**
 * The case plan as data (decision 0031): goals with their tasks and progress, what each agency does
 * by when, and the supervisor's review. What the caller may do comes from the API's allowed actions
 * (the plan's, each goal's and each task's); the tab never decides permissions itself. Goals are
 * cards, so the tab reads on a 390 px phone.
 */
@Component({
  selector: 'app-case-plan',
  imports: [FORM_KIT, ConfirmAction, UserPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab-body" data-testid="case-plan">
      @if (error(); as e) {
        <p class="error" role="alert">{{ e }}</p>
      }
      @if (plan(); as p) {
        <div class="head">
          <h2 class="sub">{{ 'plan.title' | t }}</h2>
          <p class="meta" data-testid="plan-status">
            {{ reviewStatus(p.status) }} · {{ 'plan.version' | t }} {{ p.planVersion }}
          </p>
          <p data-testid="plan-progress">
            <progress [value]="p.progress.done" [max]="p.progress.total || 1"></progress>
            {{ progressText(p.progress) }}
          </p>
          @if (!p.whole) {
            <p class="hint">{{ 'plan.partial' | t }}</p>
          }
        </div>

        <div class="goals">
          @for (g of p.goals; track g.id) {
            <section class="card" data-testid="plan-goal" [attr.data-domain]="g.domain">
              <h3 class="sub">{{ domain(g.domain) }}</h3>
              <p class="desc">{{ g.description ?? ('plan.goal.withheld' | t) }}</p>
              <p class="meta" data-testid="goal-progress">{{ progressText(g.progress) }}</p>
              <ul class="items">
                @for (t of g.tasks; track t.id) {
                  <li data-testid="plan-task" [attr.data-status]="t.status">
                    <div class="task-title">{{ t.title }}</div>
                    <div class="meta">
                      {{ agency(t.agency.code) }}
                      @if (t.assignee) {
                        · {{ t.assignee.displayName }}
                      }
                      @if (t.dueDate) {
                        · {{ 'plan.task.due' | t }} {{ t.dueDate }}
                      }
                      · <span data-testid="task-status">{{ taskStatus(t.status) }}</span>
                      @if (t.overdue) {
                        · <strong class="error">{{ 'plan.task.overdue' | t }}</strong>
                      }
                    </div>
                    @if (t.outcome) {
                      <div class="desc">{{ 'plan.task.outcome' | t }}: {{ t.outcome }}</div>
                    }
                    @if (t.mayAssign) {
                      <form class="form" (ngSubmit)="assign(t)" data-testid="task-assign-form">
                        <app-user-picker
                          testId="task-assignee"
                          [province]="store.case()?.provinceCode ?? null"
                          [currentId]="t.assignee?.id ?? null"
                          [(value)]="assignees[t.id]"
                        />
                        <div>
                          <button
                            mat-stroked-button
                            type="submit"
                            data-testid="task-assign"
                            [disabled]="store.busy() || !assignees[t.id] || assignees[t.id] === t.assignee?.id"
                          >
                            {{ 'plan.task.assign' | t }}
                          </button>
                        </div>
                      </form>
                    }
                    @if (t.allowedActions.length) {
                      <form class="form" (ngSubmit)="$event.preventDefault()">
                        <mat-form-field>
                          <mat-label>{{ 'plan.task.outcome' | t }}</mat-label>
                          <textarea
                            matInput
                            rows="2"
                            [name]="'outcome-' + t.id"
                            [(ngModel)]="outcomes[t.id]"
                            data-testid="task-outcome"
                          ></textarea>
                        </mat-form-field>
                        <div class="row">
                          @for (a of t.allowedActions; track a) {
                            <button
                              mat-stroked-button
                              type="button"
                              [attr.data-testid]="'task-' + a"
                              [disabled]="store.busy()"
                              (click)="act(t, a)"
                            >
                              {{ taskAction(a) }}
                            </button>
                          }
                        </div>
                      </form>
                    }
                  </li>
                } @empty {
                  <li class="hint">{{ 'plan.task.none' | t }}</li>
                }
              </ul>
              @if (g.mayAddTask) {
                <form class="form" (ngSubmit)="addTask(g)" data-testid="task-form">
                  <h4 class="sub">{{ 'plan.task.add' | t }}</h4>
                  <mat-form-field>
                    <mat-label>{{ 'plan.task.title' | t }}</mat-label>
                    <input
                      matInput
                      [name]="'title-' + g.id"
                      [(ngModel)]="draft(g.id).title"
                      required
                      data-testid="task-title"
                    />
                  </mat-form-field>
                  <div class="row">
                    <mat-form-field>
                      <mat-label>{{ 'plan.task.agency' | t }}</mat-label>
                      <mat-select
                        [name]="'agency-' + g.id"
                        [(ngModel)]="draft(g.id).agencyId"
                        data-testid="task-agency"
                      >
                        @for (a of p.allowedActions.taskAgencies; track a.id) {
                          <mat-option [value]="a.id" [attr.data-testid]="'task-agency-' + a.code">{{
                            agency(a.code)
                          }}</mat-option>
                        }
                      </mat-select>
                    </mat-form-field>
                    <mat-form-field>
                      <mat-label>{{ 'plan.task.due' | t }}</mat-label>
                      <input
                        matInput
                        type="date"
                        [name]="'due-' + g.id"
                        [(ngModel)]="draft(g.id).dueDate"
                        data-testid="task-due"
                      />
                    </mat-form-field>
                  </div>
                  <div>
                    <button
                      mat-flat-button
                      type="submit"
                      data-testid="task-submit"
                      [disabled]="store.busy() || !draft(g.id).title.trim() || !draft(g.id).agencyId"
                    >
                      {{ 'plan.task.submit' | t }}
                    </button>
                  </div>
                </form>
              }
            </section>
          } @empty {
            <p class="hint">{{ 'plan.goal.none' | t }}</p>
          }
        </div>

        @if (p.allowedActions.addGoal) {
          <form class="form" (ngSubmit)="addGoal()" data-testid="goal-form">
            <h3 class="sub">{{ 'plan.goal.add' | t }}</h3>
            <mat-form-field>
              <mat-label>{{ 'plan.goal.domain' | t }}</mat-label>
              <mat-select name="domain" [(ngModel)]="goalDomain" required data-testid="goal-domain">
                @for (d of domains; track d) {
                  <mat-option [value]="d" [attr.data-testid]="'goal-domain-' + d">{{ domain(d) }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field>
              <mat-label>{{ 'plan.goal.description' | t }}</mat-label>
              <textarea
                matInput
                name="goalDescription"
                rows="3"
                required
                [(ngModel)]="goalDescription"
                data-testid="goal-description"
              ></textarea>
            </mat-form-field>
            <div>
              <button
                mat-flat-button
                type="submit"
                data-testid="goal-submit"
                [disabled]="store.busy() || !goalDomain || !goalDescription.trim()"
              >
                {{ 'plan.goal.submit' | t }}
              </button>
            </div>
          </form>
        }

        @if (p.allowedActions.review.length) {
          <div class="row review">
            @for (a of p.allowedActions.review; track a) {
              @if (a === 'RETURN') {
                <app-confirm-action
                  testId="plan-return"
                  [label]="reviewAction(a)"
                  [title]="'plan.review.returnTitle' | t"
                  [message]="'plan.review.returnMessage' | t"
                  reason="required"
                  [reasonLabel]="'plan.review.comment' | t"
                  [busy]="store.busy()"
                  [run]="returnPlan"
                />
              } @else {
                <button
                  mat-flat-button
                  type="button"
                  [attr.data-testid]="'plan-' + a"
                  [disabled]="store.busy()"
                  (click)="review(a)"
                >
                  {{ reviewAction(a) }}
                </button>
              }
            }
          </div>
        }

        @if (p.reviews.length) {
          <h3 class="sub">{{ 'plan.review.history' | t }}</h3>
          <ul class="items" data-testid="plan-reviews">
            @for (r of p.reviews; track $index) {
              <li>
                <div class="meta">
                  {{ when(r.at) }} · {{ 'plan.version' | t }} {{ r.planVersion }} · {{ r.by?.displayName }}
                </div>
                <div>{{ reviewAction(r.action) }}</div>
                @if (r.comment) {
                  <div class="desc">{{ r.comment }}</div>
                }
              </li>
            }
          </ul>
        }
      } @else if (!error()) {
        <p role="status">{{ 'cases.loading' | t }}</p>
      }
    </div>
  `,
  styles: `
    @use 'section';
    .goals {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 340px), 1fr));
      gap: 12px;
    }
    .card {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 8px 12px;
      min-width: 0;
    }
    .desc {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .task-title {
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    progress {
      width: min(240px, 60%);
      vertical-align: middle;
    }
    .review {
      margin: 16px 0;
    }
  `,
})
export class CasePlan {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(CaseApi);
  private readonly i18n = inject(I18n);

  protected readonly plan = signal<StructuredPlanView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly domains = PLAN_GOAL_DOMAINS;
  protected goalDomain: PlanGoalDomain | '' = '';
  protected goalDescription = '';
  protected readonly outcomes: Record<string, string> = {};
  private readonly drafts: Record<string, TaskDraft> = {};
  /** the worker picked per task (task id → user id) */
  protected readonly assignees: Record<string, string> = {};

  constructor() {
    effect(() => {
      const id = this.store.case()?.id;
      this.store.revision();
      if (id) untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    try {
      this.plan.set(await this.api.plan(id));
      this.error.set(null);
    } catch {
      this.error.set(this.i18n.t('plan.loadFailed'));
    }
  }

  /** A write that answers the whole plan: shown at once; the store says done or puts the refusal in words. */
  private async write(fn: () => Promise<StructuredPlanView>): Promise<StructuredPlanView | null> {
    const p = await this.store.run(fn, 'plan.saved');
    if (p) this.plan.set(p);
    return p;
  }

  protected draft(goalId: string): TaskDraft {
    const own = this.plan()?.allowedActions.taskAgencies[0]?.id ?? '';
    return (this.drafts[goalId] ??= { title: '', agencyId: own, dueDate: '' });
  }

  protected async addGoal(): Promise<void> {
    const id = this.store.case()?.id;
    if (!id || !this.goalDomain || !this.goalDescription.trim()) return;
    const done = await this.write(() =>
      this.api.addPlanGoal(id, { domain: this.goalDomain as PlanGoalDomain, description: this.goalDescription }),
    );
    if (done) {
      this.goalDomain = '';
      this.goalDescription = '';
    }
  }

  protected async addTask(g: PlanGoalView): Promise<void> {
    const id = this.store.case()?.id;
    const d = this.draft(g.id);
    if (!id || !d.title.trim() || !d.agencyId) return;
    const done = await this.write(() =>
      this.api.addPlanTask(id, { goalId: g.id, agencyId: d.agencyId, title: d.title, dueDate: d.dueDate || null }),
    );
    if (done) delete this.drafts[g.id];
  }

  /** Names the worker of the caller's agency who carries task `t` (the picker lists only them). */
  protected async assign(t: PlanTaskView): Promise<void> {
    const assigneeId = this.assignees[t.id];
    if (!assigneeId) return;
    const done = await this.write(() => this.api.updatePlanTask(t.id, { version: t.version, assigneeId }));
    if (done) delete this.assignees[t.id];
  }

  protected async act(t: PlanTaskView, action: PlanTaskAction): Promise<void> {
    const outcome = this.outcomes[t.id]?.trim();
    const done = await this.write(() =>
      this.api.updatePlanTask(t.id, { version: t.version, action, ...(outcome ? { outcome } : {}) }),
    );
    if (done) delete this.outcomes[t.id];
  }

  protected async review(action: 'SUBMIT' | 'APPROVE'): Promise<void> {
    const p = this.plan();
    if (p) await this.write(() => this.api.reviewPlan(p.caseId, action, { version: p.version }));
  }

  protected readonly returnPlan = async (comment: string): Promise<unknown> => {
    const p = this.plan();
    return p ? this.write(() => this.api.reviewPlan(p.caseId, 'RETURN', { version: p.version, comment })) : null;
  };

  protected progressText(p: PlanProgress): string {
    return this.i18n.t('plan.progress', { done: p.done, total: p.total });
  }

  protected domain(d: string): string {
    return label(PLAN_GOAL_DOMAIN_LABELS, d, this.i18n.language());
  }

  protected taskStatus(s: string): string {
    return label(PLAN_TASK_STATUS_LABELS, s, this.i18n.language());
  }

  protected taskAction(a: string): string {
    return label(PLAN_TASK_ACTION_LABELS, a, this.i18n.language());
  }

  protected reviewStatus(s: string): string {
    return label(PLAN_REVIEW_STATUS_LABELS, s, this.i18n.language());
  }

  protected reviewAction(a: string): string {
    return label(PLAN_REVIEW_ACTION_LABELS, a, this.i18n.language());
  }

  protected agency(code: string): string {
    return label(SEED_AGENCY_LABELS, code, this.i18n.language());
  }

  protected when(at: string): string {
    return formatDateTime(at, this.i18n.language());
  }
}
