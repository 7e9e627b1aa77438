import { EXPORT_STATUSES, exportNeedsApproval, exportReviewRefusal } from './export-views';

describe('export review rule', () => {
  it('a case file always waits for a second person; a case list only with identity', () => {
    expect(exportNeedsApproval('CASE_FILE_PDF', false)).toBe(true);
    expect(exportNeedsApproval('CASE_FILE_PDF', true)).toBe(true);
    expect(exportNeedsApproval('CASE_LIST_CSV', true)).toBe(true);
    expect(exportNeedsApproval('CASE_LIST_XLSX', true)).toBe(true);
    expect(exportNeedsApproval('CASE_LIST_CSV', false)).toBe(false);
    expect(exportNeedsApproval('CASE_LIST_XLSX', false)).toBe(false);
  });

  it('never the requester, and only while it waits', () => {
    const waiting = { status: 'AWAITING_APPROVAL' as const, requestedById: 'u1' };
    expect(exportReviewRefusal(waiting, 'u2')).toBeNull();
    expect(exportReviewRefusal(waiting, 'u1')).toBe('SECOND_PERSON_REQUIRED');
    for (const status of EXPORT_STATUSES.filter((s) => s !== 'AWAITING_APPROVAL')) {
      expect({ status, refusal: exportReviewRefusal({ status, requestedById: 'u1' }, 'u2') }).toEqual({
        status,
        refusal: 'ACTION_NOT_ALLOWED_IN_STATE',
      });
      // the requester is told it is theirs first, whatever the state
      expect(exportReviewRefusal({ status, requestedById: 'u1' }, 'u1')).toBe('SECOND_PERSON_REQUIRED');
    }
  });
});
