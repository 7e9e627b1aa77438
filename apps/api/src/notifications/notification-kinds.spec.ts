import { assertIdsOnly } from '../platform/outbox/outbox.service';
import { certainlyNotSent } from './mailer';
import { mailFor, NOTIFICATION_KINDS } from './notification-kinds';

describe('notification e-mails and outbox payloads', () => {
  it('an e-mail is the kind in Lao and English, the case number and a link, nothing else', () => {
    const m = mailFor('https://ctms.example.org', {
      kind: 'referral.received',
      objectType: 'referral',
      objectId: '0b0c4a52-3c1e-4f43-9f0e-2a0c1f8e5d11',
      caseNumber: 'VTE-2026-000012',
    });
    expect(m.subject).toBe(
      `CTMS: ${NOTIFICATION_KINDS['referral.received'].lo} / New referral received (VTE-2026-000012)`,
    );
    expect(m.text).toContain('https://ctms.example.org/referrals/0b0c4a52-3c1e-4f43-9f0e-2a0c1f8e5d11');
    expect(m.text).toContain('VTE-2026-000012');
    expect(
      mailFor('https://x', { kind: 'screening.returned', objectType: 'screening', objectId: 'a', caseNumber: null })
        .subject,
    ).not.toContain('(');
  });

  it('outbox payloads take ids and codes, and refuse free text', () => {
    expect(() =>
      assertIdsOnly('referral.received', {
        referralId: '0b0c4a52-3c1e-4f43-9f0e-2a0c1f8e5d11',
        urgency: 'HIGH',
        n: 3,
        ok: true,
        ids: ['0b0c4a52-3c1e-4f43-9f0e-2a0c1f8e5d11'],
      }),
    ).not.toThrow();
    expect(() => assertIdsOnly('referral.received', { reason: 'needs a safe place tonight' })).toThrow(/reason/);
    expect(() => assertIdsOnly('referral.received', { name: 'ສົມພອນ' })).toThrow(/name/);
    expect(() => assertIdsOnly('Referral Received', {})).toThrow(/kind/);
  });

  it('only a refusal or a failed connection counts as certainly not sent', () => {
    expect(certainlyNotSent({ responseCode: 550 })).toBe(true);
    expect(certainlyNotSent({ code: 'ECONNECTION' })).toBe(true);
    expect(certainlyNotSent({ code: 'ETIMEDOUT' })).toBe(false);
    expect(certainlyNotSent(new Error('socket closed'))).toBe(false);
  });
});
