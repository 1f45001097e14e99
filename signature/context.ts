// What one verifySignatures() call shares among its signatures: trust, supplied data, the validation
// time and the evidence bundle being collected.
import { createHash } from 'node:crypto';
import type { EvidenceItem } from './report.ts';
import type { RevocationData } from './revocation.ts';
import type { TrustStore } from './trustStore.ts';
import type { Certificate } from './x509.ts';

export interface ValidationContext {
  anchors: TrustStore;
  intermediates: Certificate[];
  supplied: RevocationData;
  validationTime: Date;
  evidence: Map<string, EvidenceItem>;
}

export function addEvidence(ctx: ValidationContext, type: EvidenceItem['type'], der: Uint8Array, description: string, sha256 = createHash('sha256').update(der).digest('hex')): string {
  if (!ctx.evidence.has(sha256)) ctx.evidence.set(sha256, { type, sha256, der, description });
  return sha256;
}

/** A certificate's evidence entry, with the SHA-256 its parsing already computed. */
export function addCertificateEvidence(ctx: ValidationContext, cert: Certificate, description: string): string {
  return addEvidence(ctx, 'certificate', cert.der, description, cert.sha256);
}
