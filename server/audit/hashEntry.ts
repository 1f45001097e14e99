// An audit entry is hashed in two steps. Its digest covers the entry's own fields, serialised as RFC 8785
// canonical JSON, and is computed before any lock is taken. The chain hash then binds the digest to its place:
//   hash = SHA-256( prev_hash ":" seq ":" digest [":" label] )
// where label, when present, is a value the database produced in the same statement (a registration number).
// computed by the database inside the single statement that advances the chain head, so the chain's lock is
// held for one statement, not for a round trip per step.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);
export const SYSTEM_CHAIN = 'system';

export interface AuditEntryFields {
  chain: string;
  at: Date;
  orgId: string | null;
  actorId: string | null;
  actorLogin: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  payload: unknown;
  requestId: string | null;
}

const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function digestAuditEntry(fields: AuditEntryFields): string {
  const text = canonicalize({ ...fields, at: fields.at.toISOString() });
  if (text === undefined) throw new Error('audit entry cannot be serialised');
  return sha256hex(text);
}

export function chainHash(prevHash: string, seq: number, digest: string, label: string | null = null): string {
  return sha256hex(label === null ? `${prevHash}:${seq}:${digest}` : `${prevHash}:${seq}:${digest}:${label}`);
}
