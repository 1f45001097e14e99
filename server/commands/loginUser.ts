// Password login: per-account lockout after repeated failures (stored, so it survives restarts and holds
// across processes), equal cost for unknown logins, and a server-side session with a CSRF secret.
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import { AppError } from '../http/problem.ts';
import { appendAudit } from '../audit/appendAudit.ts';
import { dummyPasswordHash, verifyPassword } from '../auth/password.ts';
import { hashSecret, randomToken } from '../auth/secrets.ts';
import type { Role } from '../models/User.ts';

export interface LoginInput {
  login: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export interface LoginResult {
  userId: string;
  orgId: string;
  sessionId: string;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

interface UserRow {
  id: string;
  org_id: string;
  login: string;
  password_hash: string;
  roles: Role[];
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
}

export async function loginUser(knex: Knex, config: Config, input: LoginInput): Promise<LoginResult> {
  const login = input.login.trim().toLowerCase();
  const user = (await knex('users').where({ login }).first()) as UserRow | undefined;
  if (!user) {
    await verifyPassword(input.password, await dummyPasswordHash());
    await knex.transaction((trx) =>
      appendAudit(trx, { orgId: null, action: 'auth.login_failed', objectType: 'user', payload: { login, reason: 'unknown_login', ip: input.ip }, requestId: input.requestId }),
    );
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  const now = Date.now();
  if (user.locked_until && user.locked_until.getTime() > now) {
    const retryAfter = Math.ceil((user.locked_until.getTime() - now) / 1000);
    throw new AppError('AUTH_LOCKED', { headers: { 'Retry-After': String(retryAfter) }, extensions: { retryAfter } });
  }
  const ok = !user.disabled && (await verifyPassword(input.password, user.password_hash));
  if (!ok) {
    await knex.transaction(async (trx) => {
      const failures = user.failed_logins + 1;
      const lock = failures >= config.login.maxFailures;
      await trx('users')
        .where({ id: user.id })
        .update({
          failed_logins: lock ? 0 : failures,
          locked_until: lock ? new Date(now + config.login.lockMinutes * 60_000) : user.locked_until,
        });
      await appendAudit(trx, {
        orgId: user.org_id,
        actor: null,
        action: lock ? 'auth.locked' : 'auth.login_failed',
        objectType: 'user',
        objectId: user.id,
        payload: { login, reason: user.disabled ? 'disabled' : 'wrong_password', failures, ip: input.ip },
        requestId: input.requestId,
      });
    });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now + config.session.absoluteHours * 3_600_000);
  const sessionId = await knex.transaction(async (trx) => {
    await trx('users').where({ id: user.id }).update({ failed_logins: 0, locked_until: null });
    const [row] = (await trx('sessions')
      .insert({
        user_id: user.id,
        org_id: user.org_id,
        token_hash: hashSecret(sessionToken),
        csrf_token: csrfToken,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 500) ?? null,
        expires_at: expiresAt,
      })
      .returning('id')) as { id: string }[];
    if (!row) throw new Error('session insert returned no id');
    await appendAudit(trx, {
      orgId: user.org_id,
      actor: { id: user.id, login: user.login },
      action: 'auth.login',
      objectType: 'session',
      objectId: row.id,
      payload: { ip: input.ip },
      requestId: input.requestId,
    });
    return row.id;
  });
  return { userId: user.id, orgId: user.org_id, sessionId, sessionToken, csrfToken, expiresAt };
}
