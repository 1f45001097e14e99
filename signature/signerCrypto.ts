// The cryptographic part of validating one signer: finding its certificate, the message digest and
// the signature value. Shared by signatures and time-stamp tokens.
import { equalBytes, octets, oid, children, type Node } from './asn1.ts';
import { digest, hashName, verifySignature, type HashName } from './algorithms.ts';
import type { SignedData, SignerInfo } from './cms.ts';
import { sameName } from './names.ts';
import { OID } from './oids.ts';
import type { Indication, SubIndication } from './report.ts';
import { computedKeyId, parseCertificate, type Certificate } from './x509.ts';

export interface Verdict {
  indication: Indication;
  sub: SubIndication | null;
  detail?: string;
}

export const PASSED: Verdict = { indication: 'TOTAL_PASSED', sub: null };

// Several signers of one large document usually share the digest algorithm: hash the content once.
const contentDigests = new WeakMap<Uint8Array, Map<HashName, Uint8Array>>();

function contentDigest(h: HashName, content: Uint8Array): Uint8Array {
  let m = contentDigests.get(content);
  if (!m) contentDigests.set(content, (m = new Map()));
  let d = m.get(h);
  if (!d) m.set(h, (d = digest(h, content)));
  return d;
}

export function safeCerts(ders: Uint8Array[], warnings: string[]): Certificate[] {
  const out: Certificate[] = [];
  for (const d of ders) {
    try {
      out.push(parseCertificate(d));
    } catch (e) {
      warnings.push(`ignored an unreadable certificate: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/** Locates the signer's certificate by issuer+serial, or by subject key identifier (extension first). */
export function findSignerCert(si: SignerInfo, pool: Certificate[]): Certificate | undefined {
  const { sid } = si;
  if (sid.subjectKeyId) {
    const ski = sid.subjectKeyId;
    return pool.find((c) => c.subjectKeyId && equalBytes(c.subjectKeyId, ski)) ?? pool.find((c) => equalBytes(computedKeyId(c), ski));
  }
  return pool.find((c) => c.serial === sid.serial && sid.issuer && sameName(c.issuer, sid.issuer));
}

export function attr(si: SignerInfo, type: string): Node | undefined {
  return si.signedAttrs.get(type)?.[0];
}

/** Checks signing-certificate(-v2): the attribute names the certificate by hash. */
function signingCertificateMatches(si: SignerInfo, cert: Certificate): boolean | undefined {
  const v2 = attr(si, OID.signingCertificateV2);
  const v1 = attr(si, OID.signingCertificate);
  const a = v2 ?? v1;
  if (!a) return undefined;
  const certs = children(children(a)[0]!);
  const first = certs[0];
  if (!first) return undefined;
  const parts = children(first);
  let h = v2 ? 'sha256' : 'sha1';
  let i = 0;
  if (v2 && parts[0]?.tag === 0x30) {
    const alg = hashName(oid(children(parts[0])[0]!));
    if (!alg) return undefined;
    h = alg;
    i = 1;
  }
  const expected = octets(parts[i]!);
  return equalBytes(expected, digest(h as Parameters<typeof digest>[0], cert.der));
}

export interface CryptoResult {
  verdict: Verdict;
  cert?: Certificate;
  algorithm?: string;
}

/** Hash and signature-value checks for one signer. Shared by signatures and time-stamp tokens. */
export function checkCrypto(sd: SignedData, si: SignerInfo, content: Uint8Array | undefined, pool: Certificate[], warnings: string[]): CryptoResult {
  const cert = findSignerCert(si, pool);
  if (!cert) return { verdict: { indication: 'INDETERMINATE', sub: 'NO_SIGNING_CERTIFICATE_FOUND' } };
  if (!content) return { cert, verdict: { indication: 'INDETERMINATE', sub: 'SIGNED_DATA_NOT_FOUND' } };
  const h = hashName(si.digestAlgorithm);
  if (!h) return { cert, verdict: { indication: 'INDETERMINATE', sub: 'CRYPTO_CONSTRAINTS_FAILURE', detail: `unknown digest algorithm ${si.digestAlgorithm}` } };
  let signed: Uint8Array;
  if (si.signedAttrsDer) {
    const md = attr(si, OID.messageDigest);
    const ct = attr(si, OID.contentType);
    if (!md || !ct) return { cert, verdict: { indication: 'TOTAL_FAILED', sub: 'FORMAT_FAILURE', detail: 'signed attributes lack content-type or message-digest' } };
    if (oid(ct) !== sd.contentType) return { cert, verdict: { indication: 'TOTAL_FAILED', sub: 'FORMAT_FAILURE', detail: 'content-type attribute differs from the content type' } };
    if (!equalBytes(octets(md), contentDigest(h, content))) return { cert, verdict: { indication: 'TOTAL_FAILED', sub: 'HASH_FAILURE' } };
    signed = si.signedAttrsDer;
  } else signed = content;
  const check = verifySignature(cert, si.signatureAlgorithm, signed, si.signature, si.digestAlgorithm);
  warnings.push(...check.warnings);
  if (check.unsupported) return { cert, algorithm: check.algorithm, verdict: { indication: 'INDETERMINATE', sub: 'CRYPTO_CONSTRAINTS_FAILURE', detail: check.unsupported } };
  if (!check.valid) return { cert, algorithm: check.algorithm, verdict: { indication: 'TOTAL_FAILED', sub: 'SIG_CRYPTO_FAILURE' } };
  if (si.signedAttrsDer && signingCertificateMatches(si, cert) === false) {
    return { cert, algorithm: check.algorithm, verdict: { indication: 'INDETERMINATE', sub: 'NO_SIGNING_CERTIFICATE_FOUND', detail: 'signing-certificate attribute names another certificate' } };
  }
  return { cert, algorithm: check.algorithm, verdict: PASSED };
}
