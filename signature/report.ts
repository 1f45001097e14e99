// The validation report, modelled on ETSI EN 319 102-1 / TS 119 102-2, and the evidence bundle.
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'REVOKED_NO_POE'
  | 'TRY_LATER'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'GENERIC';

export interface QualifiedDetails {
  ownerName?: string;
  surname?: string;
  givenName?: string;
  position?: string;
  organisation?: string;
  department?: string;
  inn?: string;
  innle?: string;
  ogrn?: string;
  ogrnip?: string;
  snils?: string;
  email?: string;
  subjectSignTool?: string;
  issuerSignTool?: string[];
  /** КС1–КС3 / КВ / КА classes from the certificate policies. */
  signToolClasses: string[];
  policies: string[];
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  keyAlgorithm: string;
  subjectKeyIdentifier?: string;
  trustAnchor: boolean;
}

export interface SignerReport extends CertificateInfo {
  qualified: QualifiedDetails;
}

export interface RevocationInfo {
  type: 'CRL' | 'OCSP';
  certificate: string;
  status: 'good' | 'revoked' | 'unknown';
  revocationTime?: string;
  reason?: string;
  /** CRL thisUpdate / OCSP producedAt. */
  issuedAt: string;
  thisUpdate: string;
  nextUpdate?: string;
  /** Whether a "good" status was fresh enough to rely on (revocations are always relied on). */
  fresh: boolean;
  source: 'signature' | 'supplied';
  sha256: string;
}

export interface ReferencesReport {
  certificates: { referenced: number; matched: number };
  revocation: { referenced: number; matched: number; usedButUnreferenced: number };
  /**
   * Earliest genTime of a valid time-stamp over the references (CAdES-X type 1 or 2): proof that the
   * referenced certificates and revocation data existed then. Null when none is valid.
   */
  provenAt: string | null;
}

export interface TimestampInfo {
  type: 'signature-time-stamp' | 'content-time-stamp' | 'archive-time-stamp' | 'esc-time-stamp' | 'cert-crl-time-stamp';
  genTime: string;
  valid: boolean;
  tsa?: string;
  hashAlgorithm: string;
  problem?: string;
  sha256: string;
}

export interface SignatureReport {
  /** Position of the signature: "signer #1", or "PDF field Signature1" for PAdES. */
  id: string;
  format: 'CMS' | 'CAdES-BES' | 'CAdES-T' | 'CAdES-C' | 'CAdES-X' | 'CAdES-X-L' | 'CAdES-A' | 'PAdES';
  indication: Indication;
  subIndication: SubIndication | null;
  /** Why, in English and Russian. */
  message: string;
  messageRu: string;
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  signer: SignerReport | null;
  signingTime: string | null;
  bestSignatureTime: string;
  validationTime: string;
  certificateChain: CertificateInfo[];
  revocation: RevocationInfo[];
  timestamps: TimestampInfo[];
  warnings: string[];
  /** Signed and unsigned attributes present, by name (unknown ones by OID). */
  attributes: { signed: string[]; unsigned: string[] };
  /** CAdES-C complete certificate / revocation references matched against this validation's data. */
  references?: ReferencesReport;
  /** PAdES only. */
  pdf?: PdfCoverage;
}

export interface PdfCoverage {
  fieldName?: string;
  subFilter: string;
  byteRange: number[];
  coversWholeFile: boolean;
  /** Bytes appended after the signed revision. */
  appendedBytes: number;
  /** Incremental updates after the signed revision and what they change. */
  changes: string[];
}

export interface EvidenceItem {
  type: 'certificate' | 'crl' | 'ocsp' | 'timestamp';
  sha256: string;
  /** Exact bytes as found or supplied. */
  der: Uint8Array;
  description: string;
}

export interface ValidationReport {
  signatures: SignatureReport[];
  /** Hex SHA-256 of the signed document (the signed file, or the PDF). */
  documentHash: string | null;
  /** Hex Streebog-256 of the same bytes when requested (`streebogDocumentHash`), for Russian archive profiles. */
  documentHashStreebog: string | null;
  validationTime: string;
  evidence: EvidenceItem[];
}
