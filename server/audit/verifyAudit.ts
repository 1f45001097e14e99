// Re-walks a hash chain from its genesis: any edited, deleted, inserted or reordered entry breaks either the
// recomputed hash, the link to the previous hash, the sequence, or the agreement with audit_heads.
import type { Knex } from 'knex';
import { GENESIS_HASH, chainHash, digestAuditEntry } from './hashEntry.ts';

export type AuditProblemKind = 'hash_mismatch' | 'prev_mismatch' | 'gap' | 'head_mismatch';

export interface AuditProblem {
  chain: string;
  seq: number;
  kind: AuditProblemKind;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  chains: number;
  problems: AuditProblem[];
}

interface AuditRow {
  id: number;
  chain: string;
  seq: number;
  org_id: string | null;
  at: Date;
  actor_id: string | null;
  actor_login: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  payload: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  label: string | null;
}

const BATCH = 2000;
const MAX_PROBLEMS = 100;

async function verifyChain(knex: Knex, chain: string, head: { seq: number; hash: string } | undefined, problems: AuditProblem[]): Promise<number> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let afterSeq = 0;
  const report = (p: Omit<AuditProblem, 'chain'>): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ chain, ...p });
  };
  for (;;) {
    const rows = (await knex('audit_log').where('chain', chain).andWhere('seq', '>', afterSeq).orderBy('seq').limit(BATCH)) as AuditRow[];
    for (const row of rows) {
      checked += 1;
      if (row.seq !== expectedSeq) {
        report({
          seq: row.seq,
          kind: 'gap',
          message: `ожидалась запись №${expectedSeq}, найдена №${row.seq} / expected entry ${expectedSeq}, found ${row.seq}`,
        });
      }
      if (row.prev_hash !== prevHash) {
        report({ seq: row.seq, kind: 'prev_mismatch', message: 'ссылка на предыдущую запись нарушена / link to the previous entry is broken' });
      }
      const digest = digestAuditEntry({
        chain: row.chain,
        at: row.at,
        orgId: row.org_id,
        actorId: row.actor_id,
        actorLogin: row.actor_login,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        payload: row.payload,
        requestId: row.request_id,
      });
      if (chainHash(row.prev_hash, row.seq, digest, row.label) !== row.hash) {
        report({ seq: row.seq, kind: 'hash_mismatch', message: 'содержимое записи изменено / entry content was altered' });
      }
      // Continue from the stored hash so that one edited entry is reported once, not at every later entry.
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      afterSeq = row.seq;
    }
    if (rows.length < BATCH) break;
  }
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    report({
      seq: head.seq,
      kind: 'head_mismatch',
      message: `последняя запись цепочки — №${lastSeq}, а заголовок ждёт №${head.seq}: записи удалены или подменены / chain ends at ${lastSeq} but its head records ${head.seq}: entries were removed or replaced`,
    });
  }
  return checked;
}

export async function verifyAudit(knex: Knex, options: { chain?: string } = {}): Promise<AuditVerification> {
  const headRows = (await knex('audit_heads').modify((q) => {
    if (options.chain) q.where('chain', options.chain);
  })) as { chain: string; seq: number; hash: string }[];
  const heads = new Map(headRows.map((h) => [h.chain, h]));
  const chainRows = (await knex('audit_log')
    .distinct('chain')
    .modify((q) => {
      if (options.chain) q.where('chain', options.chain);
    })) as { chain: string }[];
  const chains = new Set([...heads.keys(), ...chainRows.map((r) => r.chain)]);
  const problems: AuditProblem[] = [];
  let checked = 0;
  for (const chain of [...chains].sort()) {
    checked += await verifyChain(knex, chain, heads.get(chain), problems);
  }
  return { ok: problems.length === 0, checked, chains: chains.size, problems };
}
