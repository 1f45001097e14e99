// Validation of one CMS signer (EN 319 102-1 basic signature validation, with time-stamps for
// long-term validation). The order of checks decides which sub-indication wins: format, signing
// certificate, hash, signature value, chain, revocation, validity, constraints, revocation freshness.
import { equalBytes, time } from './asn1.ts';
import { hashName } from './algorithms.ts';
import { attributeNames, embeddedValues, formatOf } from './attributes.ts';
import { buildPath, chainConstraintProblems, validAt } from './chain.ts';
import { checkReferences } from './references.ts';
import type { SignedData, SignerInfo } from './cms.ts';
import { addCertificateEvidence, addEvidence, type ValidationContext } from './context.ts';
import { MESSAGES } from './messages.ts';
import { nameToString } from './names.ts';
import { OID } from './oids.ts';
import { certificateInfo, signerReport } from './qualified.ts';
import type { RevocationInfo, SignatureReport } from './report.ts';
import { isFresh, loadRevocationData, revocationStatuses, staleDescription, type RevocationStatus } from './revocation.ts';
import { attr, checkCrypto, PASSED, safeCerts, type Verdict } from './signerCrypto.ts';
import { signerTimestamps } from './proofOfExistence.ts';
import type { TrustStore } from './trustStore.ts';
import type { Certificate } from './x509.ts';

export type { ValidationContext } from './context.ts';
export { findSignerCert } from './signerCrypto.ts';

// CA certificates met in earlier signatures' verified paths: later signatures from the same CA often
// omit them. Only CAs are kept (never signers), and a path through them still ends in a trust anchor.
const knownIntermediates = new Map<string, Certificate>();

export function clearIntermediateCache(): void {
  knownIntermediates.clear();
}

function rememberIntermediates(path: Certificate[], anchors: TrustStore): void {
  for (const c of path.slice(1)) {
    if (anchors.has(c) || !c.basicConstraints?.ca) continue;
    if (knownIntermediates.size > 1000) knownIntermediates.clear();
    knownIntermediates.set(c.sha256, c);
  }
}

function revocationInfo(s: RevocationStatus, cert: Certificate, ctx: ValidationContext, fresh: boolean): RevocationInfo {
  const sha256 = addEvidence(ctx, s.type === 'CRL' ? 'crl' : 'ocsp', s.der, `${s.type} for ${nameToString(cert.subject)}`);
  for (const r of s.responderChain) addCertificateEvidence(ctx, r, `OCSP responder: ${nameToString(r.subject)}`);
  const info: RevocationInfo = { type: s.type, certificate: nameToString(cert.subject), status: s.status, issuedAt: s.issuedAt.toISOString(), thisUpdate: s.thisUpdate.toISOString(), fresh, source: s.source, sha256 };
  if (s.nextUpdate) info.nextUpdate = s.nextUpdate.toISOString();
  if (s.revocationTime) info.revocationTime = s.revocationTime.toISOString();
  if (s.reason) info.reason = s.reason;
  return info;
}

export function validateSigner(sd: SignedData, si: SignerInfo, index: number, detached: Uint8Array | undefined, ctx: ValidationContext, id?: string): SignatureReport {
  const warnings: string[] = [];
  const embedded = embeddedValues(sd, si);
  const pool = [...safeCerts(embedded.certs, warnings), ...ctx.intermediates, ...ctx.anchors.certificates(), ...knownIntermediates.values()];
  const content = sd.content ?? detached;
  if (sd.content && detached && !equalBytes(sd.content, detached)) warnings.push('a separate data file was given but the signature encapsulates its own content; the encapsulated content was verified');

  const st = attr(si, OID.signingTime);
  let claimed: Date | null = null;
  try {
    claimed = st ? time(st) : null;
  } catch {
    warnings.push('unreadable signing-time attribute');
  }

  const report: SignatureReport = {
    id: id ?? `signer #${index + 1}`,
    format: formatOf(si),
    indication: 'INDETERMINATE',
    subIndication: null,
    message: '',
    messageRu: '',
    digestAlgorithm: hashName(si.digestAlgorithm) ?? si.digestAlgorithm,
    signer: null,
    signingTime: claimed ? claimed.toISOString() : null,
    bestSignatureTime: ctx.validationTime.toISOString(),
    validationTime: ctx.validationTime.toISOString(),
    certificateChain: [],
    revocation: [],
    timestamps: [],
    warnings,
    attributes: { signed: attributeNames(si.signedAttrs), unsigned: attributeNames(si.unsignedAttrs) },
  };
  const finish = (v: Verdict): SignatureReport => {
    report.indication = v.indication;
    report.subIndication = v.sub;
    const [en, ru] = MESSAGES[v.sub ?? 'PASSED'];
    report.message = v.detail ? `${en} (${v.detail})` : en;
    report.messageRu = v.detail ? `${ru} (${v.detail})` : ru;
    return report;
  };

  const crypto = checkCrypto(sd, si, content, pool, warnings);
  if (crypto.algorithm) report.signatureAlgorithm = crypto.algorithm;
  const cert = crypto.cert;
  if (cert) {
    report.signer = signerReport(cert, ctx.anchors.has(cert));
    addCertificateEvidence(ctx, cert, `signer: ${nameToString(cert.subject)}`);
  }
  if (crypto.verdict.indication !== 'TOTAL_PASSED' || !cert) return finish(crypto.verdict);

  // Revocation: embedded values first, then what the caller supplied.
  const data = loadRevocationData(
    [...embedded.crls.map((der) => ({ der, source: 'signature' as const })), ...ctx.supplied.crls.map((c) => ({ der: c.crl.der, source: c.source }))],
    [...embedded.ocsps.map((der) => ({ der, source: 'signature' as const })), ...ctx.supplied.ocsp.map((o) => ({ der: o.resp.der, source: o.source }))],
    warnings,
  );

  // Time-stamps over the signature are proof of its existence: the best signature time.
  const ts = signerTimestamps(sd, si, content, claimed, ctx, pool, data, warnings);
  report.timestamps = ts.timestamps;
  const best = ts.best;
  report.bestSignatureTime = best.toISOString();

  const path = buildPath(cert, pool, ctx.anchors);
  if (!path) return finish({ indication: 'INDETERMINATE', sub: 'NO_CERTIFICATE_CHAIN_FOUND' });
  report.certificateChain = path.map((c) => certificateInfo(c, ctx.anchors.has(c)));
  rememberIntermediates(path, ctx.anchors);
  if (report.signer) report.signer.trustAnchor = ctx.anchors.has(cert);
  for (const c of path.slice(1)) addCertificateEvidence(ctx, c, `chain: ${nameToString(c.subject)}`);

  let signerHasStatus = false;
  let signerStale: string | undefined;
  const usedRevocation: Uint8Array[] = [];
  for (let i = 0; i < path.length - 1; i++) {
    const c = path[i]!;
    const statuses = revocationStatuses(c, path[i + 1]!, data, warnings, pool);
    if (!statuses.length) {
      if (i > 0) warnings.push(`no revocation information for CA certificate ${nameToString(c.subject)}`);
      continue;
    }
    const revoked = statuses.find((x) => x.status === 'revoked');
    const fresh = statuses.find((x) => x.status === 'good' && isFresh(x, best, ctx.validationTime));
    const s = revoked ?? fresh ?? statuses[0]!;
    report.revocation.push(revocationInfo(s, c, ctx, s.status !== 'good' || s === fresh));
    usedRevocation.push(s.der);
    if (s.status === 'revoked') {
      if (!s.revocationTime || s.revocationTime <= best) {
        return finish({ indication: 'TOTAL_FAILED', sub: 'REVOKED', detail: i === 0 ? undefined : `CA certificate ${nameToString(c.subject)}` });
      }
      warnings.push(`certificate ${nameToString(c.subject)} was revoked on ${s.revocationTime.toISOString()}, after the proven signature time`);
    }
    if (s.status === 'good' && s !== fresh) {
      const why = `${staleDescription(s)} (${nameToString(c.subject)})`;
      if (i === 0) signerStale = why;
      else warnings.push(why);
      continue;
    }
    if (i === 0 && s.status !== 'unknown') signerHasStatus = true;
  }

  const references = checkReferences(si, path, [...data.crls.map((x) => x.crl.der), ...data.ocsp.map((x) => x.resp.der)], usedRevocation, warnings);
  if (references) report.references = { ...references, provenAt: ts.referencesProvenAt?.toISOString() ?? null };

  // Validity at the best signature time.
  const leafState = validAt(cert, best);
  if (claimed && claimed < cert.notBefore) return finish({ indication: 'TOTAL_FAILED', sub: 'NOT_YET_VALID' });
  if (leafState === 'not-yet-valid') return finish({ indication: 'TOTAL_FAILED', sub: 'NOT_YET_VALID' });
  if (leafState === 'expired') {
    // The signer's own signed claim places the signature after expiry; otherwise nothing proves when it was made.
    if (claimed && claimed > cert.notAfter) return finish({ indication: 'TOTAL_FAILED', sub: 'EXPIRED' });
    return finish({ indication: 'INDETERMINATE', sub: 'OUT_OF_BOUNDS_NO_POE' });
  }
  for (const c of path.slice(1)) {
    if (validAt(c, best) !== 'valid') return finish({ indication: 'INDETERMINATE', sub: 'OUT_OF_BOUNDS_NO_POE', detail: `CA certificate ${nameToString(c.subject)}` });
  }
  if (best < ctx.validationTime && validAt(cert, ctx.validationTime) === 'expired') {
    warnings.push('the signing certificate has expired since; the signature is valid because a time-stamp proves it existed before');
  }

  const problems = chainConstraintProblems(path, 'signing');
  if (problems.length) return finish({ indication: 'INDETERMINATE', sub: 'CHAIN_CONSTRAINTS_FAILURE', detail: problems.join('; ') });

  if (path.length > 1 && !signerHasStatus) return finish({ indication: 'INDETERMINATE', sub: 'TRY_LATER', detail: signerStale });
  return finish(PASSED);
}
