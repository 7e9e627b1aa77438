import { HttpErrorResponse } from '@angular/common/http';
import { passwordChangeErrors } from './profile.page';

const t = (k: string) => `[${k}]`;
const refused = (details: unknown) =>
  new HttpErrorResponse({
    status: 400,
    error: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details },
  });

describe('password change errors', () => {
  it("names the policy's problems in the user's language, at the new password", () => {
    expect(
      passwordChangeErrors(refused([{ field: 'newPassword', problems: ['TOO_SHORT', 'COMMON'] }]), t, 'en'),
    ).toEqual({
      newPassword: 'Too short: at least 12 characters This password is too common',
    });
    expect(
      passwordChangeErrors(refused([{ field: 'newPassword', problems: ['CONTEXT'] }]), t, 'lo')['newPassword'],
    ).toMatch(/[\u0E80-\u0EFF]/);
  });

  it('says plainly that the current password is wrong, without echoing anything', () => {
    expect(
      passwordChangeErrors(refused([{ field: 'currentPassword', problems: ['does not match'] }]), t, 'en'),
    ).toEqual({
      currentPassword: '[profile.password.wrongCurrent]',
    });
  });

  it('falls back to a general word for an unknown problem, and ignores other fields and other errors', () => {
    expect(
      passwordChangeErrors(
        refused([
          { field: 'newPassword', problems: ['SOMETHING_NEW'] },
          { field: 'other', problems: ['x'] },
        ]),
        t,
        'en',
      ),
    ).toEqual({
      newPassword: '[profile.password.refused]',
    });
    expect(passwordChangeErrors(new HttpErrorResponse({ status: 500 }), t, 'en')).toEqual({});
    expect(passwordChangeErrors(new Error('offline'), t, 'en')).toEqual({});
  });
});
