import type { Knex } from 'knex';
import { afterCommit } from '../db/afterCommit.ts';
import { GENESIS_HASH, SYSTEM_CHAIN, digestAuditEntry, type AuditEntryFields } from './hashEntry.ts';

export interface AuditEvent {
  orgId: string | null;
  /** id is null for system actors that have no user account (e.g. the internet reception). */
  actor?: { id: string | null; login: string } | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  payload?: Record<string, unknown>;
  requestId?: string | null;
}

// JSON payloads go through jsonb, which would turn `undefined` members into missing ones and Dates into
// strings; hashing the parsed-back JSON makes the hashed value equal to the stored one. The JSON text is kept for the
// statement that stores it.
function normalisePayload(payload: Record<string, unknown> | undefined): { value: unknown; json: string } {
  const json = JSON.stringify(payload ?? {});
  return { value: JSON.parse(json) as unknown, json };
}

// One statement: lock the chain head, advance it with the new hash (computed by the database from the previous
// hash, the sequence number and the entry digest) and insert the entry. See hashEntry.ts for the formula.
const APPEND_SQL = `
WITH prev AS (
  SELECT chain, seq, hash FROM audit_heads WHERE chain = :chain FOR UPDATE
), head AS (
  UPDATE audit_heads h
     SET seq = prev.seq + 1,
         hash = encode(sha256(convert_to(prev.hash || ':' || (prev.seq + 1)::text || ':' || :digest, 'UTF8')), 'hex')
    FROM prev
   WHERE h.chain = prev.chain
  RETURNING h.seq, h.hash, prev.hash AS prev_hash
)
INSERT INTO audit_log (chain, seq, org_id, at, actor_id, actor_login, action, object_type, object_id, payload, request_id, prev_hash, hash)
SELECT :chain, head.seq, :orgId, :at, :actorId, :actorLogin, :action, :objectType, :objectId, :payload::jsonb, :requestId, head.prev_hash, head.hash
  FROM head
RETURNING seq, hash`;

/** The stored fields and digest of an entry, for statements that append it themselves (see numbering.ts). */
export function auditEntry(event: AuditEvent): { fields: AuditEntryFields; digest: string; payloadJson: string } {
  const payload = normalisePayload(event.payload);
  const fields: AuditEntryFields = {
    chain: event.orgId ?? SYSTEM_CHAIN,
    at: new Date(),
    orgId: event.orgId,
    actorId: event.actor?.id ?? null,
    actorLogin: event.actor?.login ?? null,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    payload: payload.value,
    requestId: event.requestId ?? null,
  };
  return { fields, digest: digestAuditEntry(fields), payloadJson: payload.json };
}

// Heads are never deleted, so a chain seen with a head keeps it; the hot registration path skips a round trip.
// Keyed by the database handle's configuration object, which Knex shares with every transaction's client (each
// transaction gets a client of its own): tests run several databases in one process.
const knownHeads = new WeakMap<object, Set<string>>();

export async function ensureChainHead(trx: Knex.Transaction, chain: string): Promise<void> {
  const db = (trx.client as { config: object }).config;
  const known = knownHeads.get(db);
  if (known?.has(chain)) return;
  await trx.raw('INSERT INTO audit_heads (chain, seq, hash) VALUES (?, 0, ?) ON CONFLICT (chain) DO NOTHING', [chain, GENESIS_HASH]);
  // Remembered only once the outermost transaction committed: a rolled-back insert must not be trusted.
  afterCommit(trx, () => {
    const set = knownHeads.get(db) ?? new Set<string>();
    set.add(chain);
    knownHeads.set(db, set);
  });
}

/**
 * Appends one entry to the organisation's hash chain inside the caller's transaction, so that the entry
 * exists exactly when the state change it records was committed. Call it last in the transaction: the
 * chain head stays locked until commit.
 */
export async function appendAudit(trx: Knex.Transaction, event: AuditEvent): Promise<{ seq: number; hash: string }> {
  const { fields, digest, payloadJson } = auditEntry(event);
  const bindings = { ...fields, payload: payloadJson, digest };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const result = (await trx.raw(APPEND_SQL, bindings)) as { rows: { seq: number; hash: string }[] };
    const row = result.rows[0];
    if (row) return row;
    // First entry of a new chain: create its head and try again.
    await ensureChainHead(trx, fields.chain);
  }
  throw new Error(`audit chain ${fields.chain} has no head`);
}
