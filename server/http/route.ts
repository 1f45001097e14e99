// Routes are declared once, with their schemas; the same declaration mounts the Koa handler, validates
// requests, checks the policy and produces the OpenAPI document. See server/api/*/ for examples.
import type Koa from 'koa';
import type { Knex } from 'knex';
import type { Static, TSchema } from '@sinclair/typebox';
import type { AppServices } from '../services.ts';
import type { Actor } from './actor.ts';
import type { Permission } from '../policies/index.ts';
import { TenantScope } from '../tenancy/scope.ts';
import { appendAudit, type AuditEvent } from '../audit/appendAudit.ts';
import { groupCommitFor } from '../db/groupCommit.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type In<S> = S extends TSchema ? Static<S> : undefined;

export type ScopedAuditEvent = Omit<AuditEvent, 'orgId' | 'actor' | 'requestId'>;

export interface WriteUnit {
  trx: Knex.Transaction;
  scope: TenantScope;
  audit(event: ScopedAuditEvent): Promise<void>;
  /** The full event (organisation, actor, request) for statements that append the entry themselves. */
  auditEvent(event: ScopedAuditEvent): AuditEvent;
}

export interface WriteOptions {
  group?: string;
}

export interface BaseContext<P, Q, B> {
  app: AppServices;
  koa: Koa.Context;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  /** Sets the ETag of the response from the object's version (optimistic locking). */
  setVersion(version: number): void;
  /** The version the client sent in If-Match; throws PRECONDITION_REQUIRED when absent. */
  ifMatch(): number;
}

export interface PublicContext<P, Q, B> extends BaseContext<P, Q, B> {
  actor: Actor | null;
}

export interface AuthedContext<P, Q, B> extends BaseContext<P, Q, B> {
  actor: Actor;
  scope: TenantScope;
  /**
   * Runs `work` in one transaction with an audit writer bound to this request's actor and organisation.
   * With `group`, the work joins the group commit for that key (server/db/groupCommit.ts): for short writes that
   * contend for the same rows, such as registrations into one journal.
   */
  write<T>(work: (unit: WriteUnit) => Promise<T>, options?: WriteOptions): Promise<T>;
}

interface RouteCommon<P extends TSchema | undefined, Q extends TSchema | undefined, B extends TSchema | undefined> {
  operationId: string;
  method: HttpMethod;
  /** Koa-router style path: /api/users/:id */
  path: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** The tenant-owned object type addressed by the path's :id (used by the cross-organisation test). */
  resource?: string;
  success: { status: number; description: string; schema?: TSchema; contentType?: string };
  /** The request body is multipart/form-data with one file field `file` (read by the handler). */
  upload?: boolean;
  /** Extra error codes this route may answer with, for the OpenAPI document. */
  errors?: string[];
}

export interface PublicRoute<P extends TSchema | undefined, Q extends TSchema | undefined, B extends TSchema | undefined> extends RouteCommon<P, Q, B> {
  access: 'public';
  handler(ctx: PublicContext<In<P>, In<Q>, In<B>>): Promise<unknown>;
}

export interface AuthedRoute<P extends TSchema | undefined, Q extends TSchema | undefined, B extends TSchema | undefined> extends RouteCommon<P, Q, B> {
  access: 'authenticated';
  permission: Permission;
  handler(ctx: AuthedContext<In<P>, In<Q>, In<B>>): Promise<unknown>;
}

// The registry stores routes with their types erased; each was checked against its own schemas when declared.
export type AnyRoute = RouteCommon<TSchema | undefined, TSchema | undefined, TSchema | undefined> & {
  access: 'public' | 'authenticated';
  permission?: Permission;
  handler(ctx: never): Promise<unknown>;
};

const registry: AnyRoute[] = [];

export function defineRoute<P extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined, B extends TSchema | undefined = undefined>(
  route: PublicRoute<P, Q, B> | AuthedRoute<P, Q, B>,
): void {
  if (registry.some((r) => r.operationId === route.operationId)) throw new Error(`duplicate operationId ${route.operationId}`);
  registry.push(route as unknown as AnyRoute);
}

export function routes(): readonly AnyRoute[] {
  return registry;
}

/** Runs `work` in one transaction (or group commit) with an audit writer bound to the actor and the request. */
export async function runWrite<T>(app: AppServices, actor: Actor, requestId: string, work: (unit: WriteUnit) => Promise<T>, options?: WriteOptions): Promise<T> {
  return runWriteAs(app, actor.orgId, { id: actor.userId, login: actor.login }, requestId, work, options);
}

/**
 * The same for a write that no signed-in user makes: the audit entries name `auditActor` (a system actor such as the
 * internet reception's, whose id is null).
 */
export async function runWriteAs<T>(
  app: AppServices,
  orgId: string,
  auditActor: AuditEvent['actor'],
  requestId: string,
  work: (unit: WriteUnit) => Promise<T>,
  options?: WriteOptions,
): Promise<T> {
  const inTransaction = (trx: Knex.Transaction): Promise<T> => {
    const scope = new TenantScope(orgId, trx);
    return work({
      trx,
      scope,
      audit: async (event) => {
        await appendAudit(trx, { ...event, orgId, actor: auditActor, requestId });
      },
      auditEvent: (event) => ({ ...event, orgId, actor: auditActor, requestId }),
    });
  };
  // PGlite has a single connection, so there is no lock to queue for; a group would only hold that connection
  // for longer while every other request's queries wait behind it.
  const group = app.db.kind === 'pglite' ? undefined : options?.group;
  const result = group ? await groupCommitFor(app.knex).run(group, inTransaction) : await app.knex.transaction(inTransaction);
  // A write may have enqueued jobs; the in-process worker need not wait for its next poll.
  app.worker?.nudge();
  return result;
}
