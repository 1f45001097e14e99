// Certification path building and the checks of RFC 5280 §6 that matter for signature validation:
// name chaining with key identifiers, issuer signatures, validity at a time, CA constraints, key usage.
import { equalBytes } from './asn1.ts';
import { verifySignature } from './algorithms.ts';
import { nameConstraintProblems } from './nameConstraints.ts';
import { sameName } from './names.ts';
import { policyProblems } from './policyConstraints.ts';
import { OID } from './oids.ts';
import type { TrustStore } from './trustStore.ts';
import { KEY_USAGE, type Certificate } from './x509.ts';

const MAX_PATH = 10;

const issuedCache = new Map<string, boolean>();

export function clearChainCache(): void {
  issuedCache.clear();
}

/**
 * Whether `issuer` signed `cert` (cached: the same pairs recur across signatures). Key identifiers
 * only order the candidates (see buildPath): some CAs write an AKI that is not their SKI, and the
 * signature decides.
 */
export function isIssuedBy(cert: Certificate, issuer: Certificate): boolean {
  if (!sameName(cert.issuer, issuer.subject)) return false;
  const id = `${cert.sha256}:${issuer.sha256}`;
  let ok = issuedCache.get(id);
  if (ok === undefined) {
    ok = verifySignature(issuer, cert.signatureAlgorithm, cert.tbs, cert.signature).valid;
    if (issuedCache.size > 10000) issuedCache.clear();
    issuedCache.set(id, ok);
  }
  return ok;
}

/**
 * Finds a path from `leaf` to a trust anchor through `pool`. Returns leaf-first, anchor-last, or null.
 * A signer certificate placed in the trust store is trusted directly only when no path to a CA anchor
 * exists, so that its revocation is still checked whenever its issuer is known.
 */
export function buildPath(leaf: Certificate, pool: Certificate[], anchors: TrustStore): Certificate[] | null {
  const candidates = [...anchors.certificates(), ...pool];
  const walk = (path: Certificate[]): Certificate[] | null => {
    const cur = path[path.length - 1]!;
    if (path.length > 1 && anchors.has(cur)) return path;
    if (path.length > MAX_PATH) return null;
    // Anchors first so that a cross-certified intermediate does not hide the trusted root; within
    // that order, candidates whose SKI matches the AKI first.
    const akiMatches = (c: Certificate): boolean => !!cur.authorityKeyId && !!c.subjectKeyId && equalBytes(cur.authorityKeyId, c.subjectKeyId);
    const ordered = [...candidates.filter(akiMatches), ...candidates.filter((c) => !akiMatches(c))];
    for (const c of ordered) {
      if (path.some((p) => p.sha256 === c.sha256)) continue;
      if (!isIssuedBy(cur, c)) continue;
      const found = walk([...path, c]);
      if (found) return found;
    }
    return null;
  };
  return walk([leaf]) ?? (anchors.has(leaf) ? [leaf] : null);
}

const KNOWN_CRITICAL = new Set<string>([
  OID.keyUsage,
  OID.basicConstraints,
  OID.extKeyUsage,
  OID.certificatePolicies,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.cRLDistributionPoints,
  OID.subjectSignTool,
  OID.issuerSignTool,
  OID.privateKeyUsagePeriod,
  '2.5.29.17', // subjectAltName
  '2.5.29.30', // nameConstraints
  '2.5.29.36', // policyConstraints
  '2.5.29.54', // inhibitAnyPolicy
  '2.5.29.33', // policyMappings
]);

/** Structural constraints of the path; returns the problems found (empty when fine). */
export function chainConstraintProblems(path: Certificate[], purpose: 'signing' | 'timestamping' | 'ocsp'): string[] {
  const problems: string[] = [];
  path.forEach((cert, i) => {
    for (const [type, ext] of cert.extensions) {
      if (ext.critical && !KNOWN_CRITICAL.has(type)) problems.push(`unknown critical extension ${type} in certificate #${i}`);
    }
    if (i === 0) {
      if (purpose === 'signing' && cert.keyUsage !== undefined && !(cert.keyUsage & (KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation))) {
        problems.push('signing certificate key usage allows neither digitalSignature nor nonRepudiation');
      }
      if (purpose === 'timestamping' && cert.extKeyUsage && !cert.extKeyUsage.includes(OID.ekuTimeStamping)) {
        problems.push('TSA certificate lacks the timeStamping extended key usage');
      }
      return;
    }
    // Issuers: must be CAs allowed to sign certificates, within their path length.
    const isV1Root = cert.extensions.size === 0 && i === path.length - 1;
    if (!isV1Root && !cert.basicConstraints?.ca) problems.push(`certificate #${i} is not a CA (basicConstraints)`);
    if (cert.keyUsage !== undefined && !(cert.keyUsage & KEY_USAGE.keyCertSign)) problems.push(`certificate #${i} key usage lacks keyCertSign`);
    const pl = cert.basicConstraints?.pathLen;
    // Intermediates between this CA and the leaf (self-issued ones do not count; none expected here).
    if (pl !== undefined && i - 1 > pl) problems.push(`path length constraint of certificate #${i} exceeded`);
  });
  problems.push(...nameConstraintProblems(path), ...policyProblems(path));
  return problems;
}

export function validAt(cert: Certificate, t: Date): 'valid' | 'expired' | 'not-yet-valid' {
  if (t.getTime() < cert.notBefore.getTime()) return 'not-yet-valid';
  if (t.getTime() > cert.notAfter.getTime()) return 'expired';
  return 'valid';
}
