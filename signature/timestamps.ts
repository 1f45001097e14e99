// RFC 3161 time-stamp tokens inside signatures: imprint, token signature, TSA chain at genTime.
import { equalBytes } from './asn1.ts';
import { digest, hashName } from './algorithms.ts';
import { buildPath, chainConstraintProblems, validAt } from './chain.ts';
import { addCertificateEvidence, addEvidence, type ValidationContext } from './context.ts';
import { nameToString } from './names.ts';
import { revocationStatuses, type RevocationData } from './revocation.ts';
import type { TimestampInfo } from './report.ts';
import { checkCrypto, safeCerts } from './signerCrypto.ts';
import { parseTimeStampToken } from './tsp.ts';
import type { Certificate } from './x509.ts';

export interface TimestampOutcome {
  info: TimestampInfo;
  genTime?: Date;
}

export function validateTimestamp(
  tokenDer: Uint8Array,
  type: TimestampInfo['type'],
  /** The data the imprint must cover; several candidates when producers' readings of a format differ. */
  imprintSource: Uint8Array | Uint8Array[],
  ctx: ValidationContext,
  pool: Certificate[],
  warnings: string[],
  revocation: RevocationData,
): TimestampOutcome {
  const sha256 = addEvidence(ctx, 'timestamp', tokenDer, type);
  const fail = (problem: string, genTime = '', hashAlgorithm = ''): TimestampOutcome => ({
    info: { type, genTime, valid: false, hashAlgorithm, problem, sha256 },
  });
  let token;
  try {
    token = parseTimeStampToken(tokenDer);
  } catch (e) {
    return fail(`unreadable time-stamp token: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { info, signedData } = token;
  const genTime = info.genTime.toISOString();
  const h = hashName(info.hashAlgorithm);
  if (!h) return fail(`unknown imprint hash ${info.hashAlgorithm}`, genTime);
  const sources = Array.isArray(imprintSource) ? imprintSource : [imprintSource];
  if (!sources.some((src) => equalBytes(digest(h, src), info.hashedMessage))) return fail('message imprint does not match', genTime, h);
  const si = signedData.signers[0];
  if (!si) return fail('time-stamp token without signer', genTime, h);
  const tsaPool = [...safeCerts(signedData.certificates, warnings), ...pool];
  const c = checkCrypto(signedData, si, signedData.content, tsaPool, warnings);
  if (c.verdict.indication !== 'TOTAL_PASSED' || !c.cert) return fail(`time-stamp token signature: ${c.verdict.sub ?? 'invalid'}`, genTime, h);
  const path = buildPath(c.cert, tsaPool, ctx.anchors);
  const tsa = nameToString(c.cert.subject);
  if (!path) return { info: { type, genTime, valid: false, tsa, hashAlgorithm: h, problem: 'TSA certificate does not chain to a trusted root', sha256 } };
  for (const p of path) addCertificateEvidence(ctx, p, `TSA chain: ${nameToString(p.subject)}`);
  // The TSA must have been valid when it stamped; its later expiry does not undo earlier stamps.
  const bad = path.find((p) => validAt(p, info.genTime) !== 'valid');
  if (bad) return { info: { type, genTime, valid: false, tsa, hashAlgorithm: h, problem: `TSA chain certificate not valid at genTime: ${nameToString(bad.subject)}`, sha256 } };
  // A TSA certificate revoked before it stamped invalidates the token; a later revocation is noted.
  for (let i = 0; i < path.length - 1; i++) {
    const c = path[i]!;
    const revoked = revocationStatuses(c, path[i + 1]!, revocation, warnings, tsaPool).find((x) => x.status === 'revoked');
    if (!revoked) continue;
    addEvidence(ctx, revoked.type === 'CRL' ? 'crl' : 'ocsp', revoked.der, `${revoked.type} for ${nameToString(c.subject)}`);
    if (!revoked.revocationTime || revoked.revocationTime <= info.genTime) {
      return { info: { type, genTime, valid: false, tsa, hashAlgorithm: h, problem: `TSA chain certificate revoked before genTime: ${nameToString(c.subject)}`, sha256 } };
    }
    warnings.push(`time-stamp: TSA chain certificate ${nameToString(c.subject)} was revoked on ${revoked.revocationTime.toISOString()}, after genTime`);
  }
  const problems = chainConstraintProblems(path, 'timestamping');
  if (problems.length) warnings.push(...problems.map((p) => `time-stamp: ${p}`));
  return { info: { type, genTime, valid: true, tsa, hashAlgorithm: h, sha256 }, genTime: info.genTime };
}
