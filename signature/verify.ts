// Entry point: verifies every signature of a detached pair, an attached CMS or a PDF, and collects the
// evidence bundle.
import { createHash } from 'node:crypto';
import { equalBytes, hex } from './asn1.ts';
import { digest, hashName } from './algorithms.ts';
import { parseTimeStampToken } from './tsp.ts';
import { parseSignedData, type SignedData } from './cms.ts';
import { SignatureError } from './errors.ts';
import { toDer } from './input.ts';
import { parseCrl } from './crl.ts';
import { parseOcsp } from './ocsp.ts';
import { findPdfSignatures, isPdf, pdfValidationData } from './pades.ts';
import type { SignatureReport, ValidationReport } from './report.ts';
import { loadRevocationData } from './revocation.ts';
import { streebog256 } from './streebog.ts';
import { TrustStore } from './trustStore.ts';
import { validateSigner, type ValidationContext } from './validate.ts';
import { parseCertificate, type Certificate } from './x509.ts';

export interface VerifyInput {
  /** The signed document (detached signature) or an attached CMS / PDF when given alone. */
  data?: Uint8Array;
  /** A detached or attached CMS in DER, BER, PEM or base64. */
  signature?: Uint8Array;
  /** A PDF to check for embedded signatures. */
  pdf?: Uint8Array;
}

export interface VerifyOptions {
  /** DER certificates, or a ready TrustStore. */
  trustAnchors: Uint8Array[] | TrustStore;
  crls?: Uint8Array[];
  ocspResponses?: Uint8Array[];
  validationTime?: Date;
  /** Extra CA certificates (a cache of intermediates). */
  intermediates?: Uint8Array[];
  /** Also hash the document with Streebog-256 (costs ~50 ms per MB in pure TypeScript). */
  streebogDocumentHash?: boolean;
}

function docHashes(b: Uint8Array | undefined, withStreebog: boolean): { sha256: string | null; streebog: string | null } {
  if (!b) return { sha256: null, streebog: null };
  return { sha256: createHash('sha256').update(b).digest('hex'), streebog: withStreebog ? hex(streebog256(b)) : null };
}

function parseCms(bytes: Uint8Array): SignedData {
  try {
    return parseSignedData(toDer(bytes, 'signature'));
  } catch (e) {
    if (e instanceof SignatureError && e.code !== 'SIGNATURE_FORMAT_FAILURE') throw e;
    throw new SignatureError('SIGNATURE_FORMAT_FAILURE', `not a CMS SignedData: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

function formatFailure(id: string, e: unknown, validationTime: Date): SignatureReport {
  const detail = e instanceof Error ? e.message : String(e);
  return {
    id,
    format: 'CMS',
    indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE',
    message: `The signature is not a well-formed CMS/CAdES structure. (${detail})`,
    messageRu: `Подпись не соответствует формату CMS/CAdES. (${detail})`,
    signer: null,
    signingTime: null,
    bestSignatureTime: validationTime.toISOString(),
    validationTime: validationTime.toISOString(),
    certificateChain: [],
    revocation: [],
    timestamps: [],
    warnings: [],
    attributes: { signed: [], unsigned: [] },
  };
}

// These sub-filters carry a digest of the byte range inside the CMS instead of signing it directly.
const ENCAPSULATING_SUBFILTERS = new Set(['adbe.pkcs7.sha1', 'ETSI.RFC3161']);

/** For adbe.pkcs7.sha1 and document time-stamps: does the encapsulated digest match the byte range? */
function encapsulatedImprintProblem(sd: SignedData, subFilter: string, signed: Uint8Array): string | null {
  if (!ENCAPSULATING_SUBFILTERS.has(subFilter)) return null;
  if (!sd.content) return 'no encapsulated digest';
  if (subFilter === 'adbe.pkcs7.sha1') {
    return equalBytes(sd.content, createHash('sha1').update(signed).digest()) ? null : 'SHA-1 of the byte range differs';
  }
  try {
    const tst = parseTimeStampToken(sd.der).info;
    const h = hashName(tst.hashAlgorithm);
    if (!h) return `unknown imprint hash ${tst.hashAlgorithm}`;
    return equalBytes(digest(h, signed), tst.hashedMessage) ? null : 'document time-stamp imprint differs';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function classifyDer(der: Uint8Array): 'certificates' | 'crls' | 'ocspResponses' | null {
  for (const [kind, parse] of [
    ['certificates', parseCertificate],
    ['crls', parseCrl],
    ['ocspResponses', parseOcsp],
  ] as const) {
    try {
      parse(der);
      return kind;
    } catch {
      // not this kind
    }
  }
  return null;
}

export async function verifySignatures(input: VerifyInput, options: VerifyOptions): Promise<ValidationReport> {
  const validationTime = options.validationTime ?? new Date();
  const anchors = options.trustAnchors instanceof TrustStore ? options.trustAnchors : TrustStore.fromCertificates(options.trustAnchors);
  const warnings: string[] = [];
  const intermediates: Certificate[] = [];
  for (const d of options.intermediates ?? []) {
    try {
      intermediates.push(parseCertificate(d));
    } catch {
      warnings.push('ignored an unreadable intermediate certificate');
    }
  }
  const ctx: ValidationContext = {
    anchors,
    intermediates,
    supplied: loadRevocationData(
      (options.crls ?? []).map((der) => ({ der, source: 'supplied' as const })),
      (options.ocspResponses ?? []).map((der) => ({ der, source: 'supplied' as const })),
      warnings,
    ),
    validationTime,
    evidence: new Map(),
  };

  const signatures: SignatureReport[] = [];
  let document: Uint8Array | undefined;
  const pdf = input.pdf ?? (!input.signature && input.data && isPdf(input.data) ? input.data : undefined);

  if (pdf) {
    document = pdf;
    const found = findPdfSignatures(pdf);
    const dss = pdfValidationData(pdf, classifyDer);
    if (dss.certificates.length + dss.crls.length + dss.ocspResponses.length > 0) {
      for (const d of dss.certificates) intermediates.push(parseCertificate(d));
      const extra = loadRevocationData(
        dss.crls.map((der) => ({ der, source: 'signature' as const })),
        dss.ocspResponses.map((der) => ({ der, source: 'signature' as const })),
        warnings,
      );
      ctx.supplied.crls.push(...extra.crls);
      ctx.supplied.ocsp.push(...extra.ocsp);
    }
    if (found.length === 0) throw new SignatureError('SIGNATURE_NO_SIGNATURES', 'the PDF contains no signatures');
    found.forEach((sig, i) => {
      const kind = sig.coverage.subFilter === 'ETSI.RFC3161' ? 'PDF document time-stamp' : 'PDF signature';
      const id = sig.coverage.fieldName ? `${kind} ${sig.coverage.fieldName}` : `${kind} #${i + 1}`;
      let sd: SignedData;
      try {
        sd = parseSignedData(sig.cms);
      } catch (e) {
        signatures.push({ ...formatFailure(id, e, validationTime), pdf: sig.coverage });
        return;
      }
      const imprintProblem = encapsulatedImprintProblem(sd, sig.coverage.subFilter, sig.signedBytes);
      sd.signers.forEach((si, j) => {
        const r = validateSigner(sd, si, j, sig.signedBytes, ctx, sd.signers.length > 1 ? `${id}, signer #${j + 1}` : id);
        if (imprintProblem && r.indication !== 'TOTAL_FAILED') {
          r.indication = 'TOTAL_FAILED';
          r.subIndication = 'HASH_FAILURE';
          r.message = `The signed data has been changed after signing (digest mismatch). (${imprintProblem})`;
          r.messageRu = `Подписанные данные изменены после подписания (хэш не совпадает). (${imprintProblem})`;
        }
        r.format = 'PAdES';
        r.pdf = sig.coverage;
        if (!sig.coverage.coversWholeFile) r.warnings.push(`the PDF was changed after this signature: ${sig.coverage.appendedBytes} bytes appended (${sig.coverage.changes.join('; ')})`);
        if (sd.content && !ENCAPSULATING_SUBFILTERS.has(sig.coverage.subFilter)) r.warnings.push('PDF signature encapsulates content; PAdES requires a detached signature');
        signatures.push(r);
      });
    });
  } else {
    const sigBytes = input.signature ?? input.data;
    if (!sigBytes) throw new SignatureError('SIGNATURE_ARGUMENT_INVALID', 'nothing to verify: give a signature, a PDF or an attached CMS');
    const detached = input.signature ? input.data : undefined;
    const sd = parseCms(sigBytes);
    if (sd.signers.length === 0) throw new SignatureError('SIGNATURE_NO_SIGNATURES', 'the CMS contains no signers');
    document = detached ?? sd.content;
    sd.signers.forEach((si, i) => signatures.push(validateSigner(sd, si, i, detached, ctx)));
  }
  if (warnings.length) for (const s of signatures) s.warnings.push(...warnings);
  const hashes = docHashes(document, options.streebogDocumentHash === true);
  return {
    signatures,
    documentHash: hashes.sha256,
    documentHashStreebog: hashes.streebog,
    validationTime: validationTime.toISOString(),
    evidence: [...ctx.evidence.values()],
  };
}
