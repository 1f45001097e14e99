// Signature verification of a card's files, as a durable job; the report and its evidence are kept for the
// card view, the printable protocol and the archive package.
import type { Knex } from 'knex';
import { defineJob } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { appendAudit } from '../audit/appendAudit.ts';
import { readBlob } from '../files/fileJobs.ts';
import { SignatureError, TrustStore, verifySignatures, type ValidationReport } from '../../signature/index.ts';
import { verificationTasks, type AttachedFile } from './signatureFiles.ts';

/** Enqueues verification of every signature (detached, attached, in PDFs) among the card's files. */
export async function enqueueCardSignatureChecks(trx: Knex.Transaction, orgId: string, cardId: string): Promise<number> {
  const files = (await trx('card_files as cf')
    .join('files as f', 'f.id', 'cf.file_id')
    .where({ 'cf.card_id': cardId, 'cf.org_id': orgId })
    .orderBy('cf.position')
    .select('f.id', 'f.name', 'f.mime', 'cf.role')) as AttachedFile[];
  const tasks = verificationTasks(files);
  for (const t of tasks) {
    await enqueueJob(trx, { kind: 'signature.verify', orgId, payload: { cardId, fileId: t.fileId, signatureFileId: t.signatureFileId }, dedupeKey: `${cardId}:${t.fileId}:${t.signatureFileId ?? ''}` });
  }
  return tasks.length;
}

export async function trustStoreOf(db: Knex | Knex.Transaction, orgId: string): Promise<TrustStore> {
  const rows = (await db('trust_anchors').where({ org_id: orgId }).pluck('der_base64')) as string[];
  return TrustStore.fromCertificates(rows.map((b) => new Uint8Array(Buffer.from(b, 'base64'))));
}

function statusOf(report: ValidationReport): 'passed' | 'failed' | 'indeterminate' {
  const s = report.signatures.map((x) => x.indication);
  if (s.includes('TOTAL_FAILED')) return 'failed';
  if (s.includes('INDETERMINATE')) return 'indeterminate';
  return 'passed';
}

function summaryOf(report: ValidationReport): string {
  return report.signatures.map((s) => `${s.signer?.qualified.ownerName ?? s.signer?.subject ?? '—'}: ${s.indication}${s.subIndication ? `/${s.subIndication}` : ''} — ${s.messageRu}`).join('; ');
}

defineJob({
  kind: 'signature.verify',
  timeoutMs: 2 * 60_000,
  async handler(job) {
    const orgId = job.orgId;
    if (!orgId) return;
    const { cardId, fileId, signatureFileId } = job.payload as { cardId: string; fileId: string; signatureFileId: string | null };
    const file = (await job.knex('files').where({ id: fileId, org_id: orgId }).first('sha256', 'mime')) as { sha256: string; mime: string } | undefined;
    if (!file) return;
    const store = job.blobs;
    const bytes = await readBlob(store, file.sha256);
    const sigFile = signatureFileId ? ((await job.knex('files').where({ id: signatureFileId, org_id: orgId }).first('sha256')) as { sha256: string } | undefined) : undefined;
    const signature = sigFile ? await readBlob(store, sigFile.sha256) : undefined;
    const trust = await trustStoreOf(job.knex, orgId);
    const validatedAt = new Date();
    let status: string;
    let summary: string;
    let report: unknown;
    let evidence: { type: string; sha256: string; description: string }[] = [];
    try {
      const input = signature ? { data: bytes, signature } : file.mime === 'application/pdf' ? { pdf: bytes } : { signature: bytes };
      const result = await verifySignatures(input, { trustAnchors: trust, validationTime: validatedAt });
      if (result.signatures.length === 0) return; // an unsigned PDF: nothing to report
      // The evidence bytes go to the blob store (content-addressed: the digest in the report finds them).
      for (const item of result.evidence) await store.put(item.der);
      evidence = result.evidence.map((e) => ({ type: e.type, sha256: e.sha256, description: e.description }));
      status = statusOf(result);
      summary = summaryOf(result);
      report = { ...result, evidence };
    } catch (error) {
      if (!(error instanceof SignatureError)) throw error;
      // A PDF without signatures is not an error; anything else unusable is reported as such.
      if (file.mime === 'application/pdf' && !signature) return;
      status = 'error';
      summary = `Подпись не может быть проверена: ${error.message}`;
      report = { error: { code: error.code, message: error.message } };
    }
    await job.finish(async (trx) => {
      const [row] = (await trx('signature_checks')
        .insert({ org_id: orgId, card_id: cardId, file_id: fileId, signature_file_id: signatureFileId, status, summary, report: JSON.stringify(report), evidence: JSON.stringify(evidence), validated_at: validatedAt })
        .returning('id')) as { id: string }[];
      await appendAudit(trx, { orgId, action: 'signature.verified', objectType: 'card', objectId: cardId, payload: { checkId: row?.id, fileId, signatureFileId, status, summary } });
    });
  },
});
