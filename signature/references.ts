// CAdES-C complete-certificate-references and complete-revocation-references (ETSI EN 319 122-2 /
// TS 101 733 §6.2): hashes of the CA certificates and of the CRLs and OCSP responses the signer's
// side used. They are matched against what this validation had and used: a reference to data that is
// not available, or data used that is not referenced, is reported (warnings) — the values themselves
// were checked on their own merits, so the indication does not change.
import { children, equalBytes, octets, oid, type Node } from './asn1.ts';
import { digest, hashName, type HashName } from './algorithms.ts';
import type { SignerInfo } from './cms.ts';
import { OID } from './oids.ts';
import type { ReferencesReport } from './report.ts';
import type { Certificate } from './x509.ts';

interface HashRef {
  hash: HashName;
  value: Uint8Array;
}

/** OtherHash ::= CHOICE { sha1Hash OCTET STRING, otherHash SEQUENCE { AlgorithmIdentifier, OCTET STRING } } */
function otherHash(n: Node): HashRef | null {
  if (n.tag === 0x04) return { hash: 'sha1', value: octets(n) };
  const [alg, value] = children(n);
  const h = alg ? hashName(oid(children(alg)[0]!)) : undefined;
  return h && value ? { hash: h, value: octets(value) } : null;
}

function matches(ref: HashRef, der: Uint8Array): boolean {
  return equalBytes(digest(ref.hash, der), ref.value);
}

interface Parsed {
  certificates: HashRef[];
  revocation: HashRef[];
  /** References this validation cannot read (unknown hash algorithm, other revocation types). */
  unreadable: number;
}

function parse(si: SignerInfo): Parsed | null {
  const certAttr = si.unsignedAttrs.get(OID.completeCertificateRefs)?.[0];
  const revAttr = si.unsignedAttrs.get(OID.completeRevocationRefs)?.[0];
  if (!certAttr && !revAttr) return null;
  const out: Parsed = { certificates: [], revocation: [], unreadable: 0 };
  const add = (list: HashRef[], n: Node | undefined): void => {
    const r = n ? otherHash(n) : null;
    if (r) list.push(r);
    else out.unreadable++;
  };
  for (const otherCertId of certAttr ? children(certAttr) : []) add(out.certificates, children(otherCertId)[0]);
  for (const crlOcspRef of revAttr ? children(revAttr) : []) {
    for (const part of children(crlOcspRef)) {
      const inner = children(part)[0];
      if (!inner) continue;
      if (part.tag === 0xa0) {
        // CRLListID { crls SEQUENCE OF CrlValidatedID { crlHash, crlIdentifier OPTIONAL } }
        for (const id of children(children(inner)[0] ?? inner)) add(out.revocation, children(id)[0]);
      } else if (part.tag === 0xa1) {
        // OcspListID { ocspResponses SEQUENCE OF OcspResponsesID { ocspIdentifier, ocspRepHash OPTIONAL } }
        for (const id of children(children(inner)[0] ?? inner)) {
          const repHash = children(id)[1];
          if (repHash) add(out.revocation, repHash);
          else out.unreadable++;
        }
      } else out.unreadable++;
    }
  }
  return out;
}

/**
 * Matches the references against the path (CA certificates; the signer's own certificate is named by
 * signing-certificate instead), the revocation data available and the revocation data used.
 */
export function checkReferences(
  si: SignerInfo,
  path: Certificate[],
  availableRevocation: Uint8Array[],
  usedRevocation: Uint8Array[],
  warnings: string[],
): Omit<ReferencesReport, 'provenAt'> | undefined {
  let refs: Parsed | null;
  try {
    refs = parse(si);
  } catch {
    warnings.push('unreadable CAdES-C complete references');
    return undefined;
  }
  if (!refs) return undefined;
  const cas = path.slice(1);
  const certMatched = refs.certificates.filter((r) => cas.some((c) => matches(r, c.der)) || (path[0] && matches(r, path[0].der)));
  const revMatched = refs.revocation.filter((r) => availableRevocation.some((d) => matches(r, d)));
  if (certMatched.length < refs.certificates.length) {
    warnings.push(`complete-certificate-references: ${refs.certificates.length - certMatched.length} referenced certificate(s) are not in the certification path`);
  }
  const unreferencedCas = si.unsignedAttrs.has(OID.completeCertificateRefs) ? cas.filter((c) => !refs.certificates.some((r) => matches(r, c.der))) : [];
  if (unreferencedCas.length) warnings.push(`complete-certificate-references: ${unreferencedCas.length} CA certificate(s) of the path are not referenced`);
  if (revMatched.length < refs.revocation.length) {
    warnings.push(`complete-revocation-references: ${refs.revocation.length - revMatched.length} referenced CRL/OCSP response(s) are not available (neither in the signature nor supplied)`);
  }
  const unreferencedUsed = si.unsignedAttrs.has(OID.completeRevocationRefs) ? usedRevocation.filter((d) => !refs.revocation.some((r) => matches(r, d))) : [];
  if (unreferencedUsed.length) warnings.push(`complete-revocation-references: ${unreferencedUsed.length} CRL/OCSP response(s) used in this validation are not referenced`);
  if (refs.unreadable) warnings.push(`${refs.unreadable} CAdES-C reference(s) could not be read (unknown hash algorithm or revocation type)`);
  return {
    certificates: { referenced: refs.certificates.length, matched: certMatched.length },
    revocation: { referenced: refs.revocation.length, matched: revMatched.length, usedButUnreferenced: unreferencedUsed.length },
  };
}
