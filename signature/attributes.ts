// CAdES attributes: names for the report, the format level they imply, and the certificates and
// revocation values a signature carries with it.
import { children, raw, type Node } from './asn1.ts';
import type { SignedData, SignerInfo } from './cms.ts';
import { OID } from './oids.ts';
import type { SignatureReport } from './report.ts';

const ATTRIBUTE_NAMES: Record<string, string> = {
  [OID.contentType]: 'content-type',
  [OID.messageDigest]: 'message-digest',
  [OID.signingTime]: 'signing-time',
  [OID.signingCertificate]: 'signing-certificate',
  [OID.signingCertificateV2]: 'signing-certificate-v2',
  [OID.signatureTimeStamp]: 'signature-time-stamp',
  [OID.contentTimeStamp]: 'content-time-stamp',
  [OID.completeCertificateRefs]: 'complete-certificate-references',
  [OID.completeRevocationRefs]: 'complete-revocation-references',
  [OID.certValues]: 'certificate-values',
  [OID.revocationValues]: 'revocation-values',
  [OID.escTimeStamp]: 'CAdES-C-time-stamp',
  [OID.certCrlTimeStamp]: 'time-stamped-certs-crls-references',
  [OID.archiveTimeStampV2]: 'archive-time-stamp-v2',
  [OID.archiveTimeStampV3]: 'archive-time-stamp-v3',
  [OID.adbeRevocationInfoArchival]: 'adbe-revocation-info-archival',
  '1.2.840.113549.1.9.16.2.15': 'signature-policy-identifier',
  '1.2.840.113549.1.9.16.2.16': 'commitment-type-indication',
  '1.2.840.113549.1.9.15': 'smime-capabilities',
};

export function attributeNames(m: Map<string, Node[]>): string[] {
  return [...m.keys()].map((o) => ATTRIBUTE_NAMES[o] ?? o);
}

export function formatOf(si: SignerInfo): SignatureReport['format'] {
  const u = si.unsignedAttrs;
  if (u.has(OID.archiveTimeStampV2) || u.has(OID.archiveTimeStampV3)) return 'CAdES-A';
  if (u.has(OID.revocationValues) || u.has(OID.certValues)) return 'CAdES-X-L';
  if (u.has(OID.escTimeStamp) || u.has(OID.certCrlTimeStamp)) return 'CAdES-X';
  if (u.has(OID.completeCertificateRefs) || u.has(OID.completeRevocationRefs)) return 'CAdES-C';
  if (u.has(OID.signatureTimeStamp)) return 'CAdES-T';
  if (si.signedAttrs.has(OID.signingCertificateV2) || si.signedAttrs.has(OID.signingCertificate)) return 'CAdES-BES';
  return 'CMS';
}

export interface EmbeddedValues {
  certs: Uint8Array[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
}

/**
 * CAdES revocationValues and Adobe's revocationInfoArchival share a layout: [0] CRLs, [1] OCSP
 * responses (BasicOCSPResponse in CAdES, which parseOcsp accepts bare).
 */
function collectRevocation(values: Node[], out: EmbeddedValues): void {
  for (const v of values) {
    for (const part of children(v)) {
      const list = children(part)[0];
      if (!list) continue;
      if (part.tag === 0xa0) out.crls.push(...children(list).map(raw));
      if (part.tag === 0xa1) out.ocsps.push(...children(list).map(raw));
    }
  }
}

/** certValues / revocationValues (CAdES-X-L), the Adobe archive (PDF signers) and the SignedData's own sets. */
export function embeddedValues(sd: SignedData, si: SignerInfo): EmbeddedValues {
  const out: EmbeddedValues = { certs: [...sd.certificates], crls: [...sd.crls], ocsps: [...sd.ocspResponses] };
  for (const v of si.unsignedAttrs.get(OID.certValues) ?? []) out.certs.push(...children(v).map(raw));
  collectRevocation(si.signedAttrs.get(OID.adbeRevocationInfoArchival) ?? [], out);
  collectRevocation(si.unsignedAttrs.get(OID.revocationValues) ?? [], out);
  return out;
}
