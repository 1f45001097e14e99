// Names of the logical package layout (E-ARK CSIP 2.x folder names) and the package.json model.

export const PACKAGE_FORMAT = 'kartoteka-archive-package/1';
export const PATHS = {
  anchor: 'package.json',
  original: 'representations/rep-original',
  pdfa: 'representations/rep-pdfa',
  descriptive: 'metadata/descriptive',
  preservation: 'metadata/preservation',
  signatureEvidence: 'evidence/signatures',
  pdfaEvidence: 'evidence/pdfa',
  verify: 'documentation/VERIFY.md',
} as const;

export type Role =
  | 'original'
  | 'signature'
  | 'pdfa'
  | 'descriptive-metadata'
  | 'preservation-metadata'
  | 'signature-report'
  | 'signature-evidence'
  | 'trust-anchor'
  | 'pdfa-report'
  | 'evidence'
  | 'documentation';

export interface FileEntry {
  path: string;
  size: number;
  mime: string;
  role: Role;
  digests: { sha512: string; sha256: string; 'streebog-256': string };
}

export interface SignatureEntry {
  /** the signature file (detached CMS); equal to `signs` for a signature embedded in that PDF (PAdES) */
  signature: string;
  /** the signed original */
  signs: string;
  report: string;
  trustAnchors: string[];
  evidence: string[];
  /** time at which the signature is verified offline (best signature time at ingest) */
  validationTime: string;
  indications: string[];
}

export interface PdfaEntry {
  file: string;
  report: string;
  conformant: boolean;
}

/** A package an aggregate (case, inventory) is made of, pinned by the digest of its package.json. */
export interface MemberEntry {
  id: string;
  /** SHA-512 (hex) of the member's package.json */
  anchor: string;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  id: string;
  kind: 'card' | 'case' | 'inventory' | 'act';
  created: string;
  files: FileEntry[];
  signatures: SignatureEntry[];
  pdfa: PdfaEntry[];
  /** only for aggregates (case → cards, inventory → cases) */
  members?: MemberEntry[];
}
