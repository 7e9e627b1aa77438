import { WORK_ITEM_KINDS } from '@ctms/domain';
import { linkOf } from '../home/my-day';
import { caseloadEn, caseloadLo } from './caseload-i18n';

const LAO = /[\u0E80-\u0EFF]/;

describe('caseload words', () => {
  it('has the same keys in Lao and English, every Lao word in Lao script', () => {
    expect(Object.keys(caseloadLo).sort()).toEqual(Object.keys(caseloadEn).sort());
    for (const [k, v] of Object.entries(caseloadLo)) expect(v, k).toMatch(LAO);
  });
});

describe('my day links', () => {
  it('opens every kind of work item on a page of its record, never an empty one', () => {
    for (const kind of WORK_ITEM_KINDS) {
      const link = linkOf({ kind, recordId: 'r-1', caseId: 'c-1' });
      expect(link).toHaveLength(2);
      expect(link[0]).toMatch(/^\/[a-z-]+$/);
      expect(['r-1', 'c-1']).toContain(link[1]);
    }
  });
});
