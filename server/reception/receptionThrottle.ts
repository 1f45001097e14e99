// Per-address limits of the internet reception, kept in process memory like the sign-in throttle
// (auth/loginThrottle.ts, whose sliding window this reuses): a restart forgets them and each server process counts
// on its own, which is enough to blunt a script flooding the form or guessing status codes. A deployment with
// several processes behind one address gets up to that many times the limit; a shared limit would need the database.
import { LoginThrottle } from '../auth/loginThrottle.ts';
import { AppError } from '../http/problem.ts';

const HOUR = 60 * 60_000;

export class ReceptionThrottle {
  private readonly submissions: LoginThrottle;
  private readonly wrongCodes: LoginThrottle;

  constructor(limits: { submissionsPerHour: number; wrongCodesPerHour: number }) {
    this.submissions = new LoginThrottle(limits.submissionsPerHour, HOUR);
    this.wrongCodes = new LoginThrottle(limits.wrongCodesPerHour, HOUR);
  }

  /** Every submission counts, accepted or not: the form is the thing a flood would hit. */
  takeSubmission(address: string): void {
    refuseWhile(this.submissions.check(address));
    this.submissions.fail(address);
  }

  /** Only wrong codes count, so a citizen checking the status every day is never stopped. */
  assertMayCheck(address: string): void {
    refuseWhile(this.wrongCodes.check(address));
  }

  wrongCode(address: string): void {
    this.wrongCodes.fail(address);
  }
}

function refuseWhile(wait: number): void {
  if (wait > 0) throw new AppError('RECEPTION_THROTTLED', { headers: { 'Retry-After': String(wait) }, extensions: { retryAfter: wait } });
}
