import { ASSIGNABLE_BY_AGENCY_ADMIN, ROLES } from '@ctms/domain';
import { agencyDraftComplete } from './agencies.page';
import { createBody, grantableRoles } from './users.page';

describe('user administration', () => {
  it('offers an agency administrator only the roles it may grant (never ANALYST or an admin role)', () => {
    expect(grantableRoles(false)).toEqual(ASSIGNABLE_BY_AGENCY_ADMIN);
    expect(grantableRoles(false)).not.toContain('AGENCY_ADMIN');
    expect(grantableRoles(false)).not.toContain('ANALYST');
    expect(grantableRoles(true)).toEqual(ROLES);
  });

  it('builds the create request: lower-case username, no provinces with all provinces, agency only for a system administrator', () => {
    const d = {
      username: ' New.User ',
      displayName: ' Noy ',
      email: ' Noy@LWU.example.org ',
      roles: ['CASEWORKER' as const],
      allProvinces: true,
      provinces: ['01'],
      language: 'lo' as const,
      agencyId: 'ag',
    };
    expect(createBody(d, false)).toEqual({
      username: 'new.user',
      displayName: 'Noy',
      email: 'noy@lwu.example.org',
      roles: ['CASEWORKER'],
      allProvinces: true,
      provinces: [],
      language: 'lo',
    });
    expect(createBody({ ...d, allProvinces: false }, true)).toMatchObject({ provinces: ['01'], agencyId: 'ag' });
  });

  it('checks an agency draft before sending it', () => {
    const d = {
      code: 'NGO_X',
      nameLo: 'ອົງການ',
      nameEn: 'NGO X',
      type: 'NGO',
      capabilities: [],
      serviceTypes: [],
      provinces: [],
      active: true,
    };
    expect(agencyDraftComplete(d, true)).toBe(true);
    expect(agencyDraftComplete({ ...d, code: 'bad code' }, true)).toBe(false);
    expect(agencyDraftComplete({ ...d, code: 'bad code' }, false)).toBe(true);
    expect(agencyDraftComplete({ ...d, nameLo: ' ' }, false)).toBe(false);
  });
});
