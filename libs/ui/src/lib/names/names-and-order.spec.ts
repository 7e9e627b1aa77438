import { sortByDue } from './due-order';
import { agencyName, personName } from './names';

describe('personName', () => {
  it('shows the display name, the username only without one, a dash without either', () => {
    expect(personName({ username: 'atd.caseworker', displayName: 'ສົມພອນ ວົງສະຫວັນ' })).toBe('ສົມພອນ ວົງສະຫວັນ');
    expect(personName({ username: 'atd.caseworker', displayName: '  ' })).toBe('atd.caseworker');
    expect(personName({ username: 'atd.caseworker' })).toBe('atd.caseworker');
    expect(personName(null)).toBe('—');
    expect(personName({ username: null, displayName: null }, 'x')).toBe('x');
  });
});

describe('agencyName', () => {
  it('names a seeded agency in the language asked, one from the reference list first, else the code', () => {
    expect(agencyName('LWU', 'en')).toMatch(/^Lao Women's Union/);
    expect(agencyName('LWU', 'lo')).not.toMatch(/[A-Za-z]/);
    expect(agencyName('NEW_NGO', 'lo', { NEW_NGO: { lo: 'ອົງການໃໝ່', en: 'New NGO' } })).toBe('ອົງການໃໝ່');
    expect(agencyName('UNKNOWN', 'lo')).toBe('UNKNOWN');
    expect(agencyName(null, 'lo')).toBe('—');
  });
});

describe('sortByDue', () => {
  it('puts running clocks first, earliest (most overdue) on top, and keeps the rest in the given order', () => {
    const items = [
      { id: 'a', due: null },
      { id: 'b', due: '2026-12-07T10:00:00Z' },
      { id: 'c', due: null },
      { id: 'd', due: '2026-12-06T10:00:00Z' },
      { id: 'e', due: '2026-12-07T10:00:00Z' },
    ];
    expect(sortByDue(items, (i) => i.due).map((i) => i.id)).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(sortByDue([], () => null)).toEqual([]);
  });
});
