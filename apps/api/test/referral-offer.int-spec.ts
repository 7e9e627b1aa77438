import { startStack, TestStack } from './harness';
import { buildWorld, World } from './world';

/**
 * The case page offers "refer" (allowedActions.refer) exactly where POST /cases/:id/referrals is
 * accepted: the API decides both with the same rule (referral:create, the lead agency, the editor
 * rule), and the portal only reads the flag. Each row reads the case, then actually posts a referral
 * the consent covers, so that only who asks and the case's state decide the answer.
 */
describe('allowedActions.refer agrees with POST /cases/:id/referrals', () => {
  let s: TestStack;
  let w: World;
  beforeAll(async () => {
    s = await startStack();
    w = await buildWorld(s);
  }, 300_000);
  afterAll(async () => {
    await s.close();
  });

  /** What the case page offers `user` (null when it does not open the case) and how the API answers the referral. */
  async function offerAndAnswer(user: string, caseId: string) {
    const view = await w.get(user, `/cases/${caseId}`);
    const posted = await w.post(user, `/cases/${caseId}/referrals`, {
      toAgencyId: w.agency('LWU'),
      serviceTypes: ['SHELTER'],
      urgency: 'ROUTINE',
      reason: 'a safe place',
      categories: [],
    });
    const offered =
      view.status === 200 ? (view.body as { allowedActions: { refer: boolean } }).allowedActions.refer : null;
    return { read: view.status, offered, posted: posted.status, code: (posted.body as { code?: string }).code };
  }

  it.each([
    // the lead's assigned caseworker and a supervisor of the lead agency: offered, and accepted
    ['atd.caseworker', 'the caseworker’s case', { read: 200, offered: true, posted: 201 }],
    ['atd.supervisor', 'the caseworker’s case', { read: 200, offered: true, posted: 201 }],
    // the lead agency, but neither assigned nor a supervisor: the editor rule refuses
    ['atd.investigator', 'the caseworker’s case', { read: 200, offered: false, posted: 409, code: 'NOT_CASE_EDITOR' }],
    ['atd.caseworker', 'the investigator’s case', { read: 200, offered: false, posted: 409, code: 'NOT_CASE_EDITOR' }],
    // another agency with a relation to the case (the accepted referral): not the lead, so the case is not found
    ['lwu.caseworker', 'the caseworker’s case', { read: 200, offered: false, posted: 404 }],
    ['lwu.supervisor', 'the caseworker’s case', { read: 200, offered: false, posted: 404 }],
    // without referral:create (every role that reads a case holds it, so these read none either): nothing
    // offered, and the route refused (a route the role may not take on an id answers 404, like a missing one)
    ['ospp.prosecutor', 'the investigator’s case', { read: 404, offered: null, posted: 404 }],
    ['analyst', 'the caseworker’s case', { read: 404, offered: null, posted: 404 }],
  ] as const)('%s on %s', async (user, which, expected) => {
    const answer = await offerAndAnswer(user, which === 'the caseworker’s case' ? w.caseId : w.otherCaseId);
    expect(answer).toMatchObject(expected);
    expect(answer.offered === true).toBe(answer.posted === 201);
  });

  it('a closed case offers nobody the referral, and refuses it', async () => {
    const open = await w.get('atd.supervisor', `/cases/${w.caseId}`);
    const closed = await w.post('atd.supervisor', `/cases/${w.caseId}/close`, {
      version: (open.body as { version: number }).version,
      reason: 'REINTEGRATED',
    });
    expect(closed.status).toBe(200);
    for (const user of ['atd.caseworker', 'atd.supervisor']) {
      expect(await offerAndAnswer(user, w.caseId)).toMatchObject({
        read: 200,
        offered: false,
        posted: 409,
        code: 'ACTION_NOT_ALLOWED_IN_STATE',
      });
    }
  });
});
