// Registration numbers: a journal's template filled with the next sequence number of its year.
import type { Knex } from 'knex';
import type { AuditEntryFields } from '../audit/hashEntry.ts';

/** Stands for the sequence number in a partly formatted template (see assignNumber). */
export const SEQ_SLOT = -1;
// A private-use character: never part of a real number, and (unlike NUL) storable in PostgreSQL text.
const SLOT_TEXT = '\uE000';

export interface NumberParts {
  prefix: string;
  seq: number;
  year: number;
  dept: string | null;
  caseIndex: string | null;
}

export class NumberTemplateError extends Error {
  readonly code = 'NUMBER_TEMPLATE_INVALID';
}

const PLACEHOLDER = /\{(prefix|seq|year|dept|case)(?::(\d{1,2}))?\}/g;

export function validateTemplate(template: string): void {
  if (!template.includes('{seq')) throw new NumberTemplateError('template must contain {seq}');
  const stripped = template.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stripped)) throw new NumberTemplateError(`unknown placeholder in ${template}`);
}

/** `{seq:4}` pads with zeros to 4 digits; `{year:2}` keeps the last two digits. */
export function formatNumber(template: string, parts: NumberParts): string {
  return template.replace(PLACEHOLDER, (_, name: string, width?: string) => {
    switch (name) {
      case 'prefix':
        return parts.prefix;
      case 'seq':
        if (parts.seq === SEQ_SLOT) return SLOT_TEXT;
        return width ? String(parts.seq).padStart(Number(width), '0') : String(parts.seq);
      case 'year':
        return width ? String(parts.year).slice(-Number(width)) : String(parts.year);
      case 'dept':
        if (!parts.dept) throw new NumberTemplateError('the template needs {dept}: the card has no department');
        return parts.dept;
      default:
        if (!parts.caseIndex) throw new NumberTemplateError('the template needs {case}: the card has no case index');
        return parts.caseIndex;
    }
  });
}

/** Puts the sequence number into a template formatted with seq = SEQ_SLOT. */
export function fillSeqSlot(pattern: string, seq: number, width: number): string {
  return pattern.replace(SLOT_TEXT, width > 0 ? String(seq).padStart(width, '0') : String(seq));
}

/** Zero-padding of the sequence number (`{seq:4}`), 0 for none. */
export function seqWidthOf(template: string): number {
  const m = /\{seq:(\d{1,2})\}/.exec(template);
  return m ? Number(m[1]) : 0;
}

/**
 * Takes the next number of a journal's year inside the caller's transaction. The counter row stays locked
 * until that transaction ends, so concurrent registrations queue here, and a rollback returns the number:
 * no duplicates and no gaps. Call it as late as possible in the transaction to keep the lock short.
 */
export async function takeNextSeq(trx: Knex.Transaction, journalId: string, year: number): Promise<number> {
  const result = (await trx.raw(
    `INSERT INTO journal_counters (journal_id, year, last_seq) VALUES (?, ?, 1)
     ON CONFLICT (journal_id, year) DO UPDATE SET last_seq = journal_counters.last_seq + 1
     RETURNING last_seq`,
    [journalId, year],
  )) as { rows: { last_seq: number }[] };
  const row = result.rows[0];
  if (!row) throw new Error('journal counter returned nothing');
  return row.last_seq;
}

export interface AssignNumberInput {
  cardId: string;
  orgId: string;
  version: number;
  journalId: string;
  counterYear: number;
  /** The template formatted with seq = SEQ_SLOT. */
  pattern: string;
  /** Zero-padding of the sequence number, 0 for none. */
  seqWidth: number;
  regDate: string;
}

export interface AssignAudit {
  fields: AuditEntryFields;
  digest: string;
  payloadJson: string;
}

// One statement takes the next number, writes it into the card (only if the card still has the version the caller
// read) and appends the audit entry whose chain hash binds that number (the entry's label). Only COMMIT follows,
// so the journal counter and the audit chain head stay locked for one statement and the commit. If the card
// changed meanwhile nothing is written, the caller fails, and the rollback gives the number back.
const ASSIGN_SQL = `
WITH next AS (
  INSERT INTO journal_counters (journal_id, year, last_seq) VALUES (:journalId, :counterYear, 1)
  ON CONFLICT (journal_id, year) DO UPDATE SET last_seq = journal_counters.last_seq + 1
  RETURNING last_seq
), card AS (
  UPDATE cards c
     SET status = 'registered', journal_id = :journalId, reg_seq = next.last_seq, reg_year = :counterYear,
         reg_number = replace(:pattern, :slot, CASE WHEN :width > 0 THEN lpad(next.last_seq::text, :width, '0') ELSE next.last_seq::text END),
         reg_date = :regDate, registered_at = now(), version = c.version + 1, updated_at = now()
    FROM next
   WHERE c.id = :cardId AND c.org_id = :orgId AND c.version = :version
  RETURNING c.*
), prev AS (
  SELECT chain, seq, hash FROM audit_heads WHERE chain = :chain AND EXISTS (SELECT 1 FROM card) FOR UPDATE
), head AS (
  UPDATE audit_heads h
     SET seq = prev.seq + 1,
         hash = encode(sha256(convert_to(prev.hash || ':' || (prev.seq + 1)::text || ':' || :digest || ':' || (SELECT reg_number FROM card), 'UTF8')), 'hex')
    FROM prev
   WHERE h.chain = prev.chain
  RETURNING h.seq, h.hash, prev.hash AS prev_hash
), entry AS (
  INSERT INTO audit_log (chain, seq, org_id, at, actor_id, actor_login, action, object_type, object_id, payload, request_id, prev_hash, hash, label)
  SELECT :chain, head.seq, :auditOrgId, :at, :actorId, :actorLogin, :action, :objectType, :objectId, :payload::jsonb, :requestId, head.prev_hash, head.hash, (SELECT reg_number FROM card)
    FROM head
  RETURNING seq
)
SELECT card.*, (SELECT seq FROM entry) AS audit_seq FROM card`;

export async function assignNumber(trx: Knex.Transaction, input: AssignNumberInput, audit: AssignAudit): Promise<{ seq: number; regNumber: string; row: Record<string, unknown> } | null> {
  const result = (await trx.raw(ASSIGN_SQL, {
    journalId: input.journalId,
    counterYear: input.counterYear,
    pattern: input.pattern,
    slot: SLOT_TEXT,
    width: input.seqWidth,
    regDate: input.regDate,
    cardId: input.cardId,
    orgId: input.orgId,
    version: input.version,
    chain: audit.fields.chain,
    digest: audit.digest,
    auditOrgId: audit.fields.orgId,
    at: audit.fields.at,
    actorId: audit.fields.actorId,
    actorLogin: audit.fields.actorLogin,
    action: audit.fields.action,
    objectType: audit.fields.objectType,
    objectId: audit.fields.objectId,
    payload: audit.payloadJson,
    requestId: audit.fields.requestId,
  })) as { rows: (Record<string, unknown> & { audit_seq: number | null })[] };
  const row = result.rows[0];
  if (!row) return null;
  if (row.audit_seq === null) throw new Error(`audit chain ${audit.fields.chain} has no head`);
  const { audit_seq: _seq, ...card } = row;
  return { seq: card.reg_seq as number, regNumber: card.reg_number as string, row: card };
}
