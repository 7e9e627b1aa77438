import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AssignableUsersView } from '@ctms/domain';
import { CaseApi } from './case-api';
import { UserPicker } from './user-picker';

@Component({
  imports: [UserPicker],
  template: `<app-user-picker
    testId="flag-users"
    [multiple]="true"
    [(values)]="ids"
    province="01"
    [error]="error()"
  />`,
})
class Host {
  readonly ids = signal<string[]>([]);
  readonly error = signal<string | null>(null);
}

const USERS: AssignableUsersView = {
  items: [
    { id: 'u-1', displayName: 'Noy', username: 'lwu.caseworker', roles: ['CASEWORKER'] },
    { id: 'u-2', displayName: 'Kham', username: 'lwu.named2', roles: ['CASEWORKER'] },
    { id: 'u-3', displayName: 'Bounmy', username: 'lwu.supervisor', roles: ['SUPERVISOR'] },
  ],
};

describe('user picker, several users (the RESTRICTED dialog)', () => {
  it('names several users of the agency, toggles one off again, and shows the API refusal of the field', async () => {
    const asked: (string | undefined)[] = [];
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [
        { provide: CaseApi, useValue: { assignableUsers: (p?: string) => (asked.push(p), Promise.resolve(USERS)) } },
      ],
    });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(asked).toEqual(['01']);
    const select = (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>('[data-testid="flag-users"]');
    expect(select).not.toBeNull();
    select?.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const option = (username: string) =>
      document.querySelector<HTMLElement>(`[data-testid="picker-option-${username}"]`);
    option('lwu.caseworker')?.click();
    option('lwu.named2')?.click();
    fixture.detectChanges();
    expect(fixture.componentInstance.ids()).toEqual(['u-1', 'u-2']);
    option('lwu.caseworker')?.click();
    fixture.detectChanges();
    expect(fixture.componentInstance.ids()).toEqual(['u-2']);

    fixture.componentInstance.error.set('must be an active caseworker of the lead agency');
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'must be an active caseworker of the lead agency',
    );
  });
});
