// Approving an inventory or a destruction act freezes it the same way: a whole-second approval time (printed in the
// PDF and stored, the same instant), the content snapshot, and the PDF/A kept as a blob under a retention hold.
import type { WriteUnit } from '../http/route.ts';
import type { Actor } from '../http/actor.ts';
import type { BlobStore } from '../storage/index.ts';

export function approvalTime(now: number = Date.now()): Date {
  return new Date(Math.floor(now / 1000) * 1000);
}

/** Stores the approved document's PDF/A and holds it against deletion; the columns the approval sets. */
export async function freezeApproval(unit: WriteUnit, actor: Actor, blobs: BlobStore, input: { approvedAt: Date; content: object; pdf: Uint8Array; holdReason: string }) {
  const stored = await blobs.put(input.pdf);
  await unit.trx('blob_holds').insert({ org_id: unit.scope.orgId, sha256: stored.sha256, reason: input.holdReason, created_by: actor.userId });
  return {
    status: 'approved' as const,
    approvedBy: actor.userId,
    approvedByName: actor.fullName,
    approvedAt: input.approvedAt,
    content: input.content as Record<string, unknown>,
    pdfSha256: stored.sha256,
    updatedAt: new Date(),
  };
}
