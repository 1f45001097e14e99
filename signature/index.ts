// Public API of the signature library: electronic signature verification (CMS/CAdES/PAdES with
// GOST R 34.10-2012, RSA and ECDSA) and the GOST R 34.11-2012 hash used across Kartoteka.
export { Streebog, streebog256, streebog512 } from './streebog.ts';
export { closeStreebogWorkers, streebogMany } from './streebogParallel.ts';
export { verifySignatures, type VerifyInput, type VerifyOptions } from './verify.ts';
export { TrustStore, type TrustAnchorSummary } from './trustStore.ts';
export { clearVerificationCaches } from './caches.ts';
export { SignatureError, type SignatureErrorCode } from './errors.ts';
export type {
  CertificateInfo,
  EvidenceItem,
  Indication,
  PdfCoverage,
  QualifiedDetails,
  ReferencesReport,
  RevocationInfo,
  SignatureReport,
  SignerReport,
  SubIndication,
  TimestampInfo,
  ValidationReport,
} from './report.ts';
