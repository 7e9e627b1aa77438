import { HttpErrorResponse } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, Validators } from '@angular/forms';
import { firstValueFrom, throwError } from 'rxjs';
import { I18n } from '../i18n/i18n.service';
import { uiEn } from '../i18n/ui-words';
import { ActionState } from './action-state';
import { PasswordField, type PasswordSpec } from './password-field';
import { TextField, type FieldSpec } from './text-field';

function state(options: ConstructorParameters<typeof ActionState>[1] = {}): ActionState {
  TestBed.configureTestingModule({});
  const i18n = TestBed.inject(I18n);
  i18n.use('en', false);
  return new ActionState(i18n, options);
}

/** An API call that the server refuses with this answer. */
const refused = (e: HttpErrorResponse) => () => firstValueFrom(throwError(() => e));

describe('ActionState', () => {
  it('is busy while it runs, then says it is done', async () => {
    let done = 0;
    const act = state({ onDone: () => done++ });
    let resolve: (v: string) => void = () => undefined;
    const running = act.run(
      () => new Promise<string>((r) => (resolve = r)),
      () => 'Saved',
    );
    expect(act.busy()).toBe(true);
    resolve('answer');
    expect(await running).toBe('answer');
    expect(act.busy()).toBe(false);
    expect(act.notice()).toEqual({ kind: 'ok', text: 'Saved' });
    expect(done).toBe(1);
  });

  it('puts a refusal into words, names the fields, labels its own codes, reloads when stale', async () => {
    let reloads = 0;
    const act = state({
      codeLabels: { NAME_TAKEN: { lo: 'ຊື່ນີ້ມີແລ້ວ', en: 'That name is taken' } },
      onStale: () => {
        reloads++;
      },
    });
    const bad = new HttpErrorResponse({ status: 400, error: { details: [{ field: 'code', problems: ['x'] }] } });
    expect(await act.run(refused(bad), 'cases.err.failed')).toBeNull();
    expect(act.notice()).toEqual({ kind: 'error', text: uiEn['cases.err.invalid'] });
    expect(act.fieldErrors()).toEqual({ code: uiEn['cases.err.field'] });

    const taken = new HttpErrorResponse({ status: 409, error: { code: 'NAME_TAKEN' } });
    await act.run(refused(taken), 'cases.err.failed');
    expect(act.notice()?.text).toBe('That name is taken');
    expect(act.fieldErrors()).toEqual({});
    expect(reloads).toBe(0);

    const stale = new HttpErrorResponse({ status: 409, error: { code: 'STALE_VERSION' } });
    await act.run(refused(stale), 'cases.err.failed');
    expect(act.lastCode()).toBe('STALE_VERSION');
    expect(reloads).toBe(1);
  });
});

const NAME: FieldSpec = { name: 'code', label: 'cases.err.field', testid: 'code', required: true, spellcheck: false };
const SECRET: PasswordSpec = {
  name: 'secret',
  label: 'cases.err.field',
  testid: 'secret',
  invalidText: 'errors.title',
};

@Component({
  imports: [TextField, PasswordField],
  template: `
    <app-text-field [spec]="name" [fixed]="fixed()" [errors]="errors()" [(value)]="code" />
    <app-password-field [spec]="secret" [(value)]="password" [error]="pwError()" />
    <app-password-field [spec]="secret" [control]="control" />
  `,
})
class Host {
  readonly name = NAME;
  readonly secret = SECRET;
  readonly fixed = signal(false);
  readonly errors = signal<Record<string, string>>({});
  readonly pwError = signal<string | null>(null);
  readonly control = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  code = 'AB';
  password = '';
}

describe('text and password fields', () => {
  it('bind both ways, show the message of their field, and a fixed value as text', async () => {
    TestBed.configureTestingModule({ imports: [Host] });
    TestBed.inject(I18n).use('en', false);
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const code = el.querySelector<HTMLInputElement>('[data-testid="code"]');
    expect(code?.value).toBe('AB');
    expect(code?.getAttribute('spellcheck')).toBe('false');
    expect(code?.required).toBe(true);
    if (code) {
      code.value = 'XY';
      code.dispatchEvent(new Event('input'));
    }
    const [secret] = Array.from(el.querySelectorAll<HTMLInputElement>('[data-testid="secret"]'));
    expect(secret?.type).toBe('password');
    secret.value = 'hunter22';
    secret.dispatchEvent(new Event('input'));
    expect(fixture.componentInstance.code).toBe('XY');
    expect(fixture.componentInstance.password).toBe('hunter22');

    fixture.componentInstance.errors.set({ code: 'taken' });
    fixture.componentInstance.pwError.set('too short');
    fixture.detectChanges();
    expect(el.textContent).toContain('taken');
    expect(el.querySelector('[data-testid="secret-error"]')?.textContent).toContain('too short');

    fixture.componentInstance.control.markAsTouched();
    fixture.detectChanges();
    expect(el.querySelector('mat-error')?.textContent).toContain(uiEn['errors.title']);

    fixture.componentInstance.fixed.set(true);
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="code"]')).toBeNull();
    expect(el.textContent).toContain('XY');
  });
});
