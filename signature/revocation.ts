// Revocation status from CRLs and OCSP responses. Both are accepted only when their own signatures
// verify with the issuing CA's key (or, for OCSP, a responder certificate the CA issued for OCSP).
import { createHash } from 'node:crypto';
import { equalBytes } from './asn1.ts';
import { digest, hashName, verifySignature } from './algorithms.ts';
import { isIssuedBy } from './chain.ts';
import { CRL_REASONS, parseCrl, type Crl } from './crl.ts';
import { sameName } from './names.ts';
import { OID } from './oids.ts';
import { parseOcsp, type OcspResponse } from './ocsp.ts';
import { parseCertificate, type Certificate } from './x509.ts';

export type Source = 'signature' | 'supplied';

export interface RevocationData {
  crls: { crl: Crl; source: Source }[];
  ocsp: { resp: OcspResponse; source: Source }[];
}

export interface RevocationStatus {
  type: 'CRL' | 'OCSP';
  status: 'good' | 'revoked' | 'unknown';
  revocationTime?: Date;
  reason?: string;
  /** CRL thisUpdate, OCSP producedAt. */
  issuedAt: Date;
  /** The period the status is declared current for (CRL or single OCSP response). */
  thisUpdate: Date;
  nextUpdate?: Date;
  source: Source;
  der: Uint8Array;
  /** Certificates the OCSP responder used (evidence). */
  responderChain: Certificate[];
}

export function loadRevocationData(crls: { der: Uint8Array; source: Source }[], ocsps: { der: Uint8Array; source: Source }[], warnings: string[]): RevocationData {
  const out: RevocationData = { crls: [], ocsp: [] };
  for (const c of crls) {
    try {
      out.crls.push({ crl: parseCrl(c.der), source: c.source });
    } catch (e) {
      warnings.push(`ignored an unreadable CRL: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const o of ocsps) {
    try {
      out.ocsp.push({ resp: parseOcsp(o.der), source: o.source });
    } catch (e) {
      warnings.push(`ignored an unreadable OCSP response: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

// Signature checks of revocation data, keyed by the data's hash and the signer: the same CRL is
// supplied again for every document signed under one CA.
const sigCache = new Map<string, boolean>();

export function clearRevocationCache(): void {
  sigCache.clear();
}

function cachedCheck(der: Uint8Array, signer: Certificate, check: () => boolean): boolean {
  const id = `${createHash('sha256').update(der).digest('hex')}:${signer.sha256}`;
  let ok = sigCache.get(id);
  if (ok === undefined) {
    ok = check();
    if (sigCache.size > 10000) sigCache.clear();
    sigCache.set(id, ok);
  }
  return ok;
}

function crlSignedBy(crl: Crl, issuer: Certificate): boolean {
  if (!sameName(crl.issuer, issuer.subject)) return false;
  return cachedCheck(crl.der, issuer, () => verifySignature(issuer, crl.signatureAlgorithm, crl.tbs, crl.signature).valid);
}

function ocspResponder(resp: OcspResponse, issuer: Certificate, pool: Certificate[]): Certificate[] | null {
  // Responders often omit their certificate when it travels elsewhere (in the CMS, in the trust store).
  const candidates = [issuer, ...pool, ...resp.certificates.flatMap((d) => {
    try {
      return [parseCertificate(d)];
    } catch {
      return [];
    }
  })];
  for (const c of candidates) {
    const byName = resp.responderName && sameName(resp.responderName, c.subject);
    const byKey = resp.responderKeyHash && equalBytes(resp.responderKeyHash, createHash('sha1').update(c.publicKey).digest());
    if (!byName && !byKey) continue;
    if (!cachedCheck(resp.der, c, () => verifySignature(c, resp.signatureAlgorithm, resp.tbs, resp.signature).valid)) continue;
    if (c.sha256 === issuer.sha256) return [c];
    // A delegated responder: issued by the CA and marked for OCSP signing (RFC 6960 §4.2.2.2).
    if (isIssuedBy(c, issuer) && c.extKeyUsage?.includes(OID.ekuOcspSigning)) return [c, issuer];
  }
  return null;
}

function ocspMatches(resp: OcspResponse, cert: Certificate, issuer: Certificate): OcspResponse['responses'][number] | undefined {
  return resp.responses.find((r) => {
    if (r.serial !== cert.serial) return false;
    const h = hashName(r.hashAlgorithm);
    if (!h) return false;
    return equalBytes(r.issuerKeyHash, digest(h, issuer.publicKey));
  });
}

/**
 * All usable statuses for `cert` (issued by `issuer`), most authoritative first: a revocation beats
 * a "good", and among equals the freshest wins.
 */
export function revocationStatuses(cert: Certificate, issuer: Certificate, data: RevocationData, warnings: string[], pool: Certificate[] = []): RevocationStatus[] {
  const out: RevocationStatus[] = [];
  for (const { crl, source } of data.crls) {
    if (!sameName(crl.issuer, issuer.subject)) continue;
    if (!crlSignedBy(crl, issuer)) {
      warnings.push('a CRL of the issuer has an invalid signature and was ignored');
      continue;
    }
    const entry = crl.revoked.get(cert.serial);
    const s: RevocationStatus = { type: 'CRL', status: entry ? 'revoked' : 'good', issuedAt: crl.thisUpdate, thisUpdate: crl.thisUpdate, source, der: crl.der, responderChain: [] };
    if (crl.nextUpdate) s.nextUpdate = crl.nextUpdate;
    if (entry) {
      s.revocationTime = entry.date;
      if (entry.reason !== undefined) s.reason = CRL_REASONS[entry.reason] ?? String(entry.reason);
    }
    out.push(s);
  }
  for (const { resp, source } of data.ocsp) {
    if (resp.status !== 0) continue;
    const single = ocspMatches(resp, cert, issuer);
    if (!single) continue;
    const responderChain = ocspResponder(resp, issuer, pool);
    if (!responderChain) {
      warnings.push('an OCSP response for the certificate has an invalid or unauthorised signature and was ignored');
      continue;
    }
    const s: RevocationStatus = { type: 'OCSP', status: single.status, issuedAt: resp.producedAt, thisUpdate: single.thisUpdate, source, der: resp.der, responderChain };
    if (single.nextUpdate) s.nextUpdate = single.nextUpdate;
    if (single.revocationTime) s.revocationTime = single.revocationTime;
    if (single.revocationReason !== undefined) s.reason = CRL_REASONS[single.revocationReason] ?? String(single.revocationReason);
    out.push(s);
  }
  const rank = (s: RevocationStatus): number => (s.status === 'revoked' ? 0 : s.status === 'good' ? 1 : 2);
  return out.sort((a, b) => rank(a) - rank(b) || b.issuedAt.getTime() - a.issuedAt.getTime());
}

/** How long an OCSP answer without nextUpdate counts as current (RFC 6960 leaves it to the relying party). */
export const OCSP_WITHOUT_NEXT_UPDATE_MS = 24 * 3600 * 1000;

/**
 * Whether a "good" status can vouch for the certificate (EN 319 102-1 revocation freshness, with the
 * status's own update period as the maximum accepted age): it was issued at or after the best
 * signature time, so it covers the moment the signature is proven to have existed; or the validation
 * time lies within its thisUpdate…nextUpdate period. A revocation needs no freshness: it is final.
 */
export function isFresh(s: RevocationStatus, bestSignatureTime: Date, validationTime: Date): boolean {
  if (s.issuedAt.getTime() >= bestSignatureTime.getTime()) return true;
  const t = validationTime.getTime();
  const next = s.nextUpdate?.getTime() ?? (s.type === 'OCSP' ? s.thisUpdate.getTime() + OCSP_WITHOUT_NEXT_UPDATE_MS : -Infinity);
  return s.thisUpdate.getTime() <= t && t <= next;
}

export function staleDescription(s: RevocationStatus): string {
  const next = s.nextUpdate ? `, next update ${s.nextUpdate.toISOString()}` : '';
  return `${s.type} issued ${s.issuedAt.toISOString()}${next} is not fresh: it predates the best signature time and is not current at the validation time`;
}
