// The time-stamps of one signer and the best signature time they prove: signature-time-stamps,
// archive time-stamps (CAdES-A v3 and v2) and CAdES-C time-stamps (CAdES-X type 1) all cover the
// signature value, so each valid one is proof of existence (POE) of the signature at its genTime.
// A CAdES-X type 2 time-stamp (certCRLTimestamp) covers only the complete references: it proves that
// the referenced certificates and revocation data existed at its genTime, not the signature — anyone
// could copy the references and their time-stamp next to a signature made later — so it sets the
// references' POE and leaves the best signature time alone. Content time-stamps are checked and
// reported only.
import { raw } from './asn1.ts';
import { archiveTimestampV2Inputs, archiveTimestampV3Input, cadesXTimestampInputs } from './archiveTimestamp.ts';
import type { SignedData, SignerInfo } from './cms.ts';
import { addEvidence, type ValidationContext } from './context.ts';
import { OID } from './oids.ts';
import type { TimestampInfo } from './report.ts';
import type { RevocationData } from './revocation.ts';
import { validateTimestamp, type TimestampOutcome } from './timestamps.ts';
import { parseTimeStampToken } from './tsp.ts';
import type { Certificate } from './x509.ts';

export interface TimestampsResult {
  timestamps: TimestampInfo[];
  /** The earliest genTime of a valid time-stamp over the signature, else the validation time. */
  best: Date;
  /** The earliest genTime of a valid CAdES-X time-stamp (type 1 or 2) over the complete references. */
  referencesProvenAt: Date | null;
}

function archiveV3(tok: Uint8Array, sd: SignedData, si: SignerInfo, content: Uint8Array | undefined, check: (src: Uint8Array) => TimestampOutcome, ctx: ValidationContext): TimestampOutcome {
  let parsed: ReturnType<typeof parseTimeStampToken> | undefined;
  try {
    parsed = parseTimeStampToken(tok);
  } catch {
    parsed = undefined;
  }
  const covered = parsed && content ? archiveTimestampV3Input(sd, si, content, parsed) : { problem: content ? 'unreadable time-stamp token' : 'signed content not available' };
  if ('input' in covered) return check(covered.input);
  const sha256 = addEvidence(ctx, 'timestamp', tok, 'archive-time-stamp');
  return { info: { type: 'archive-time-stamp', genTime: parsed?.info.genTime.toISOString() ?? '', valid: false, hashAlgorithm: '', problem: covered.problem, sha256 } };
}

export function signerTimestamps(
  sd: SignedData,
  si: SignerInfo,
  content: Uint8Array | undefined,
  claimed: Date | null,
  ctx: ValidationContext,
  pool: Certificate[],
  revocation: RevocationData,
  warnings: string[],
): TimestampsResult {
  const out: TimestampsResult = { timestamps: [], best: ctx.validationTime, referencesProvenAt: null };
  const report = (r: TimestampOutcome, label: string): void => {
    out.timestamps.push(r.info);
    if (!r.info.valid) warnings.push(`${label} not usable: ${r.info.problem}`);
  };
  const poe = (r: TimestampOutcome, label: string): void => {
    report(r, label);
    if (r.genTime && r.genTime < out.best) out.best = r.genTime;
  };
  const referencesPoe = (r: TimestampOutcome): void => {
    if (r.genTime && (!out.referencesProvenAt || r.genTime < out.referencesProvenAt)) out.referencesProvenAt = r.genTime;
  };
  const validate = (tok: Uint8Array, type: TimestampInfo['type'], src: Uint8Array | Uint8Array[]): TimestampOutcome =>
    validateTimestamp(tok, type, src, ctx, pool, warnings, revocation);

  for (const tok of si.unsignedAttrs.get(OID.signatureTimeStamp) ?? []) poe(validate(raw(tok), 'signature-time-stamp', si.signature), 'signature time-stamp');
  for (const tok of si.signedAttrs.get(OID.contentTimeStamp) ?? []) {
    const r = validate(raw(tok), 'content-time-stamp', content!);
    out.timestamps.push(r.info);
    if (!r.info.valid) warnings.push(`content time-stamp not usable: ${r.info.problem}`);
    if (r.genTime && claimed && claimed < r.genTime) warnings.push('claimed signing time precedes the content time-stamp');
  }
  for (const tok of si.unsignedAttrs.get(OID.archiveTimeStampV3) ?? []) {
    poe(archiveV3(raw(tok), sd, si, content, (src) => validate(raw(tok), 'archive-time-stamp', src), ctx), 'archive time-stamp');
  }
  for (const { token, inputs } of content && si.unsignedAttrs.has(OID.archiveTimeStampV2) ? archiveTimestampV2Inputs(sd, si, content) : []) poe(validate(token, 'archive-time-stamp', inputs), 'archive time-stamp (v2)');
  const escInputs = si.unsignedAttrs.has(OID.escTimeStamp) ? cadesXTimestampInputs(si, 1) : [];
  for (const tok of si.unsignedAttrs.get(OID.escTimeStamp) ?? []) {
    const r = validate(raw(tok), 'esc-time-stamp', escInputs);
    poe(r, 'CAdES-C time-stamp');
    referencesPoe(r);
  }
  const refsInputs = si.unsignedAttrs.has(OID.certCrlTimeStamp) ? cadesXTimestampInputs(si, 2) : [];
  for (const tok of si.unsignedAttrs.get(OID.certCrlTimeStamp) ?? []) {
    const r = validate(raw(tok), 'cert-crl-time-stamp', refsInputs);
    report(r, 'time-stamp over the complete references (CAdES-X type 2)');
    referencesPoe(r);
  }
  return out;
}
