import type { HttpClient } from './http.ts';

// Shapes of the signature routes (issue 4 item 9); the report mirrors signature/report.ts (ETSI EN 319 102-1).
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
export type CheckStatus = 'passed' | 'failed' | 'indeterminate' | 'error';

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
  trustAnchor: boolean;
}

export interface TimestampInfo {
  type: string;
  genTime: string;
  valid: boolean;
  tsa?: string;
  hashAlgorithm: string;
  problem?: string;
}

export interface RevocationInfo {
  type: 'CRL' | 'OCSP';
  certificate: string;
  status: 'good' | 'revoked' | 'unknown';
  revocationTime?: string;
  issuedAt: string;
  source: 'signature' | 'supplied';
}

export interface SignatureReport {
  id: string;
  format: string;
  indication: Indication;
  subIndication: string | null;
  message: string;
  messageRu: string;
  signatureAlgorithm?: string;
  signer: (CertificateInfo & { qualified: QualifiedDetails }) | null;
  signingTime: string | null;
  bestSignatureTime: string;
  validationTime: string;
  certificateChain: CertificateInfo[];
  revocation: RevocationInfo[];
  timestamps: TimestampInfo[];
  warnings: string[];
  pdf?: { fieldName?: string; coversWholeFile: boolean; appendedBytes: number; changes: string[] };
}

/** What the job stored: a report, or the reason the signature could not be read at all. */
export interface CheckReport {
  signatures?: SignatureReport[];
  documentHash?: string | null;
  error?: { code: string; message: string };
}

export interface SignatureCheck {
  id: string;
  fileId: string;
  signatureFileId: string | null;
  status: CheckStatus | string;
  summary: string;
  validatedAt: string;
  report: CheckReport | null;
}

export interface TrustAnchor {
  id: string;
  subject: string;
  sha256: string;
  notAfter: string;
}

const id = (value: string) => encodeURIComponent(value);

export function signatureProtocolUrl(checkId: string): string {
  return `/api/signature-checks/${id(checkId)}/protocol`;
}

export function createSignatureApi(http: HttpClient) {
  return {
    /** Newest first: a file verified again has several checks; the first per file is current. */
    forCard: async (cardId: string) => (await http.get<{ items: SignatureCheck[] }>(`/api/cards/${id(cardId)}/signatures`)).items,
    reverify: async (cardId: string) => (await http.post<{ queued: number }>(`/api/cards/${id(cardId)}/signatures/verify`)).queued,
    trustAnchors: {
      list: async () => (await http.get<{ items: TrustAnchor[] }>('/api/trust-anchors')).items,
      /** A PEM bundle, or DER in base64. */
      import: async (bundle: string) => (await http.post<{ items: TrustAnchor[] }>('/api/trust-anchors', { bundle })).items,
      remove: (anchorId: string) => http.delete(`/api/trust-anchors/${id(anchorId)}`),
    },
  };
}

export type SignatureApi = ReturnType<typeof createSignatureApi>;
