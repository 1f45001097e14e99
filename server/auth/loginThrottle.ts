// Per-address throttling of failed logins, in memory: it blunts password spraying across many accounts,
// which the per-account lockout (stored in the database) cannot see. Successful logins are not counted, so
// an office behind one NAT address is never locked out by its own staff. A restart forgets it, which is fine:
// the lockout still holds.
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 30,
    private readonly windowMs = 5 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const since = now - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length > 0) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait when the address has used up its failures in the window, otherwise 0. */
  check(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil(((list[0] ?? now) + this.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.recent(k, now);
  }
}
