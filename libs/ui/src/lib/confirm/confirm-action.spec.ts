import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { I18n } from '../i18n/i18n.service';
import { ConfirmAction, type ConfirmReason } from './confirm-action';

@Component({
  imports: [ConfirmAction],
  template: `<app-confirm-action
    testId="withdraw"
    [testIds]="{ confirm: 'withdraw-submit' }"
    label="Withdraw"
    detail="the shelter consent"
    title="Withdraw the consent?"
    message="The agencies it covers lose access at once."
    [reason]="reason()"
    [run]="run"
  />`,
})
class Host {
  readonly reason = signal<ConfirmReason>('required');
  readonly calls: string[] = [];
  /** what the action answers: the confirmation closes on a truthy answer only */
  answer: unknown = true;
  readonly run = (reason: string): Promise<unknown> => {
    this.calls.push(reason);
    return Promise.resolve(this.answer);
  };
}

function setUp(): { fixture: ComponentFixture<Host>; host: Host; el: HTMLElement } {
  TestBed.configureTestingModule({ imports: [Host] });
  const fixture = TestBed.createComponent(Host);
  document.body.appendChild(fixture.nativeElement as HTMLElement);
  fixture.detectChanges();
  return { fixture, host: fixture.componentInstance, el: fixture.nativeElement as HTMLElement };
}

const part = (el: HTMLElement, id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function type(fixture: ComponentFixture<Host>, el: HTMLElement, text: string): Promise<void> {
  const box = part(el, 'withdraw-reason') as HTMLTextAreaElement;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  fixture.detectChanges();
  await fixture.whenStable();
}

async function settle(fixture: ComponentFixture<Host>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('ConfirmAction', () => {
  afterEach(() => localStorage.clear());

  it('opens in place, named and described, with the focus in the reason; confirms only with a reason', async () => {
    const { fixture, host, el } = setUp();
    const trigger = part(el, 'withdraw');
    expect(trigger?.textContent).toContain('Withdraw');
    expect(trigger?.textContent).toContain('the shelter consent');
    expect(part(el, 'withdraw-form')).toBeNull();

    trigger?.click();
    await settle(fixture);
    const form = part(el, 'withdraw-form');
    expect(form).not.toBeNull();
    const title = form?.querySelector('h3');
    expect(form?.getAttribute('aria-labelledby')).toBe(title?.id);
    expect(form?.getAttribute('aria-describedby')).toBe(part(el, 'withdraw-body')?.id);
    expect(document.activeElement).toBe(part(el, 'withdraw-reason'));

    const confirm = part(el, 'withdraw-submit') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await type(fixture, el, 'ab');
    expect(confirm.disabled).toBe(true);
    await type(fixture, el, '  asked by the person  ');
    expect(confirm.disabled).toBe(false);

    confirm.click();
    await settle(fixture);
    expect(host.calls).toEqual(['asked by the person']);
    expect(part(el, 'withdraw-form')).toBeNull();
    expect(document.activeElement).toBe(part(el, 'withdraw'));
  });

  it('stays open with what was typed when the action is refused', async () => {
    const { fixture, host, el } = setUp();
    host.answer = false;
    part(el, 'withdraw')?.click();
    await settle(fixture);
    await type(fixture, el, 'a reason');
    part(el, 'withdraw-submit')?.click();
    await settle(fixture);
    expect(host.calls).toEqual(['a reason']);
    expect((part(el, 'withdraw-reason') as HTMLTextAreaElement).value).toBe('a reason');
  });

  it('Escape and the cancel button close it without acting, and the next opening starts empty', async () => {
    const { fixture, host, el } = setUp();
    part(el, 'withdraw')?.click();
    await settle(fixture);
    await type(fixture, el, 'not this time');
    // an Escape a field inside already used (closing its list) leaves the confirmation open
    const used = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    used.preventDefault();
    part(el, 'withdraw-reason')?.dispatchEvent(used);
    await settle(fixture);
    expect(part(el, 'withdraw-form')).not.toBeNull();
    part(el, 'withdraw-form')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle(fixture);
    expect(part(el, 'withdraw-form')).toBeNull();
    expect(document.activeElement).toBe(part(el, 'withdraw'));

    part(el, 'withdraw')?.click();
    await settle(fixture);
    expect((part(el, 'withdraw-reason') as HTMLTextAreaElement).value).toBe('');
    part(el, 'withdraw-cancel')?.click();
    await settle(fixture);
    expect(part(el, 'withdraw-form')).toBeNull();
    expect(host.calls).toEqual([]);
  });

  it('without a reason field, the focus goes to the confirm button', async () => {
    const { fixture, host, el } = setUp();
    host.reason.set('none');
    fixture.detectChanges();
    part(el, 'withdraw')?.click();
    await settle(fixture);
    expect(part(el, 'withdraw-reason')).toBeNull();
    expect(document.activeElement).toBe(part(el, 'withdraw-submit'));
    part(el, 'withdraw-submit')?.click();
    await settle(fixture);
    expect(host.calls).toEqual(['']);
  });

  it('speaks Lao and English through the translation service', async () => {
    const { fixture, el } = setUp();
    const i18n = TestBed.inject(I18n);
    i18n.use('lo', false);
    part(el, 'withdraw')?.click();
    await settle(fixture);
    expect(part(el, 'withdraw-cancel')?.textContent?.trim()).toBe('ຍົກເລີກ');
    expect(part(el, 'withdraw-form')?.textContent).toContain('ເຫດຜົນ');
    i18n.use('en', false);
    await settle(fixture);
    expect(part(el, 'withdraw-cancel')?.textContent?.trim()).toBe('Cancel');
    expect(part(el, 'withdraw-form')?.textContent).toContain('Reason');
  });
});

@Component({
  imports: [ConfirmAction],
  template: `@if (shown()) {
    <app-confirm-action testId="reopen" [run]="run" (cancelled)="shown.set(false)" />
  }`,
})
class DialogHost {
  readonly shown = signal(true);
  readonly run = (): Promise<boolean> => Promise.resolve(true);
}

describe('ConfirmAction without a button (a dialog step)', () => {
  it('shows at once with the focus in the reason, and cancelling tells the parent', async () => {
    TestBed.configureTestingModule({ imports: [DialogHost] });
    const fixture = TestBed.createComponent(DialogHost);
    document.body.appendChild(fixture.nativeElement as HTMLElement);
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(part(el, 'reopen-form')).not.toBeNull();
    expect(document.activeElement).toBe(part(el, 'reopen-reason'));
    expect(part(el, 'reopen-submit')).not.toBeNull();
    part(el, 'reopen-cancel')?.click();
    fixture.detectChanges();
    expect(fixture.componentInstance.shown()).toBe(false);
    expect(part(el, 'reopen-form')).toBeNull();
  });
});
