import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './loginThrottle.ts';

describe('LoginThrottle', () => {
  it('allows a budget of failures per window, then asks to wait until the oldest leaves the window', () => {
    const t = new LoginThrottle(3, 60_000);
    for (const at of [0, 1000, 2000]) {
      expect(t.check('1.2.3.4', at)).toBe(0);
      t.fail('1.2.3.4', at);
    }
    expect(t.check('1.2.3.4', 3000)).toBe(57);
    expect(t.check('5.6.7.8', 3000)).toBe(0);
    expect(t.check('1.2.3.4', 61_000)).toBe(0);
  });
  it('does not count checks, only failures', () => {
    const t = new LoginThrottle(2, 60_000);
    for (let i = 0; i < 10; i += 1) expect(t.check('10.0.0.1', i)).toBe(0);
  });
});
