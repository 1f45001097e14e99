// Resolves the caller from the session cookie or a bearer API token. Sessions expire after idle time and at
// an absolute limit; both sessions and tokens are revocable rows, checked on every request (through a cache that
// every revocation clears in every process at commit).
import type Koa from 'koa';
import type { Knex } from 'knex';
import type { Actor } from '../http/actor.ts';
import type { Config } from '../config.ts';
import { AppError } from '../http/problem.ts';
import type { Role } from '../models/User.ts';
import { hashSecret } from './secrets.ts';
import { SESSION_COOKIE } from './cookies.ts';
import { SharedCache } from '../db/sharedCache.ts';

interface SessionRow {
  id: string;
  user_id: string;
  org_id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  login: string;
  full_name: string;
  staff_id: string | null;
  roles: Role[];
  disabled: boolean;
}

interface TokenRow {
  id: string;
  user_id: string;
  org_id: string;
  expires_at: Date | null;
  last_used_at: Date | null;
  login: string;
  full_name: string;
  staff_id: string | null;
  roles: Role[];
  disabled: boolean;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Sessions and tokens by their hash, for a few seconds (db/sharedCache.ts): revoking a session or token, or
 * changing or disabling a user, calls cachedDataChanged(trx, AUTH_CACHE), which reaches every process at commit.
 */
export const AUTH_CACHE = 'auth';
const sessions = new SharedCache<SessionRow | null>(AUTH_CACHE, 5_000);
const tokens = new SharedCache<TokenRow | null>(AUTH_CACHE, 5_000);

async function fromSession(knex: Knex, config: Config, token: string): Promise<Actor | null> {
  const hash = hashSecret(token);
  const row = await sessions.get(hash, async () =>
    ((await knex('sessions as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.token_hash', hash)
      .whereNull('s.revoked_at')
      .first('s.id', 's.user_id', 's.org_id', 's.csrf_token', 's.last_seen_at', 's.expires_at', 'u.login', 'u.full_name', 'u.staff_id', 'u.roles', 'u.disabled')) as SessionRow | undefined) ?? null,
  );
  if (!row || row.disabled) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) return null;
  if (row.last_seen_at.getTime() + config.session.idleMinutes * 60_000 <= now) return null;
  if (now - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await knex('sessions').where({ id: row.id }).update({ last_seen_at: new Date(now) });
    sessions.refresh(hash, { ...row, last_seen_at: new Date(now) });
  }
  return {
    userId: row.user_id,
    orgId: row.org_id,
    login: row.login,
    fullName: row.full_name,
    staffId: row.staff_id,
    roles: row.roles,
    via: 'session',
    sessionId: row.id,
    tokenId: null,
    csrfToken: row.csrf_token,
  };
}

async function fromToken(knex: Knex, token: string): Promise<Actor> {
  const hash = hashSecret(token);
  const row = await tokens.get(hash, async () =>
    ((await knex('api_tokens as t')
      .join('users as u', 'u.id', 't.user_id')
      .where('t.token_hash', hash)
      .whereNull('t.revoked_at')
      .first('t.id', 't.user_id', 't.org_id', 't.expires_at', 't.last_used_at', 'u.login', 'u.full_name', 'u.staff_id', 'u.roles', 'u.disabled')) as TokenRow | undefined) ?? null,
  );
  if (!row || row.disabled || (row.expires_at && row.expires_at.getTime() <= Date.now())) throw new AppError('AUTH_TOKEN_INVALID');
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    const now = new Date();
    await knex('api_tokens').where({ id: row.id }).update({ last_used_at: now });
    tokens.refresh(hash, { ...row, last_used_at: now });
  }
  return {
    userId: row.user_id,
    orgId: row.org_id,
    login: row.login,
    fullName: row.full_name,
    staffId: row.staff_id,
    roles: row.roles,
    via: 'token',
    sessionId: null,
    tokenId: row.id,
    csrfToken: null,
  };
}

export function authenticate(knex: Knex, config: Config): Koa.Middleware {
  return async (ctx, next) => {
    const authorization = ctx.get('Authorization');
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1]) throw new AppError('AUTH_TOKEN_INVALID');
      ctx.state.actor = await fromToken(knex, match[1]);
    } else {
      const token = ctx.cookies.get(SESSION_COOKIE);
      ctx.state.actor = token ? await fromSession(knex, config, token) : null;
    }
    await next();
  };
}
