import { caseEditorRefusal, isCaseEditor, leadsCase, type CaseActor, type CaseFacts } from './access-rules';

const ATD = 'agency-atd';
const caseOf = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  leadAgencyId: ATD,
  provinceCode: '01',
  assignedToId: 'u-assigned',
  status: 'ACTIVE',
  ...over,
});
const actor = (over: Partial<CaseActor> = {}): CaseActor => ({
  userId: 'u-assigned',
  agencyId: ATD,
  roles: ['CASEWORKER'],
  allProvinces: false,
  provinces: ['01'],
  ...over,
});

describe('the editor rule', () => {
  it('lets the assigned caseworker and a supervisor of the lead agency in scope edit an open case', () => {
    expect(caseEditorRefusal(actor(), caseOf())).toBeNull();
    expect(
      caseEditorRefusal(actor({ userId: 'u-sup', roles: ['SUPERVISOR'], allProvinces: true, provinces: [] }), caseOf()),
    ).toBeNull();
  });

  it('refuses an unassigned caseworker or investigator of the lead agency (they read, they do not edit)', () => {
    expect(caseEditorRefusal(actor({ userId: 'u-other' }), caseOf())).toBe('NOT_CASE_EDITOR');
    expect(caseEditorRefusal(actor({ userId: 'u-inv', roles: ['INVESTIGATOR'], allProvinces: true }), caseOf())).toBe(
      'NOT_CASE_EDITOR',
    );
    expect(
      caseEditorRefusal(
        actor({ userId: 'u-inv', roles: ['INVESTIGATOR'], allProvinces: true }),
        caseOf({ assignedToId: 'u-inv' }),
      ),
    ).toBeNull();
  });

  it('refuses another agency and another province, whatever the assignment or role', () => {
    expect(caseEditorRefusal(actor({ agencyId: 'agency-lwu', roles: ['SUPERVISOR'] }), caseOf())).toBe(
      'NOT_LEAD_AGENCY',
    );
    expect(caseEditorRefusal(actor({ provinces: ['05'] }), caseOf())).toBe('NOT_LEAD_AGENCY');
    expect(leadsCase(actor({ provinces: ['05'] }), caseOf())).toBe(false);
    expect(leadsCase(actor({ provinces: ['05'], allProvinces: true }), caseOf())).toBe(true);
  });

  it('refuses edits to a closed case unless the action reopens it', () => {
    expect(caseEditorRefusal(actor(), caseOf({ status: 'CLOSED' }))).toBe('ACTION_NOT_ALLOWED_IN_STATE');
    expect(caseEditorRefusal(actor(), caseOf({ status: 'CLOSED' }), { closedToo: true })).toBeNull();
    expect(isCaseEditor(actor(), caseOf({ status: 'CLOSED' }))).toBe(false);
  });
});
