import { MAX_DELAY_SECONDS, requiredWaitSeconds } from './login-throttle';

const now = new Date('2026-11-28T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('login throttling', () => {
  it('costs nothing for the first five failures', () => {
    for (let n = 0; n < 5; n++) expect(requiredWaitSeconds(n, ago(0), ago(10), now)).toBe(0);
  });

  it('doubles the delay after each further failure, up to a cap', () => {
    expect(requiredWaitSeconds(5, ago(0), ago(100), now)).toBe(1);
    expect(requiredWaitSeconds(6, ago(0), ago(100), now)).toBe(2);
    expect(requiredWaitSeconds(8, ago(0), ago(100), now)).toBe(8);
    expect(requiredWaitSeconds(40, ago(0), ago(100), now)).toBe(MAX_DELAY_SECONDS);
    expect(requiredWaitSeconds(8, ago(8), ago(100), now)).toBe(0);
    expect(requiredWaitSeconds(8, ago(5), ago(100), now)).toBe(3);
  });

  it('allows at most 100 failures an hour, then waits for the oldest to age out (no permanent lockout)', () => {
    expect(requiredWaitSeconds(100, ago(3600), ago(3000), now)).toBe(600);
    expect(requiredWaitSeconds(99, ago(3600), ago(3000), now)).toBe(0);
  });

  it('cannot allow more than 100 attempts in an hour even at the cap', () => {
    // after 5 free ones, with delays 1,2,4,8,16,32 then 60 s each: count how many fit in an hour
    let t = 0;
    let n = 0;
    while (t <= 3600) {
      const wait = n < 5 ? 0 : Math.min(2 ** (n - 5), MAX_DELAY_SECONDS);
      t += wait;
      if (t <= 3600) n++;
    }
    expect(n).toBeLessThanOrEqual(100);
  });
});
