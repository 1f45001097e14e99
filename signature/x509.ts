// X.509 certificates (RFC 5280): the fields path validation and the report need, with the original
// encodings kept for signature checks and the evidence bundle.
import { createHash } from 'node:crypto';
import {
  bitString,
  children,
  contents,
  expect,
  integer,
  octets,
  oid,
  parseAll,
  raw,
  string,
  TAG,
  time,
  type Node,
} from './asn1.ts';
import { formatError } from './errors.ts';
import { parseName, type Name } from './names.ts';
import { OID } from './oids.ts';

export interface AlgorithmIdentifier {
  oid: string;
  params?: Node;
}

export interface Extension {
  critical: boolean;
  value: Uint8Array;
}

export interface Certificate {
  der: Uint8Array;
  tbs: Uint8Array;
  serial: bigint;
  issuer: Name;
  subject: Name;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  keyAlgorithm: AlgorithmIdentifier;
  publicKey: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  extensions: Map<string, Extension>;
  subjectKeyId?: Uint8Array;
  authorityKeyId?: Uint8Array;
  basicConstraints?: { ca: boolean; pathLen?: number };
  /** Key usage bits (bit 0 = digitalSignature) or undefined when the extension is absent. */
  keyUsage?: number;
  extKeyUsage?: string[];
  policies: string[];
  subjectSignTool?: string;
  issuerSignTool?: string[];
  sha1: string;
  sha256: string;
}

export const KEY_USAGE = {
  digitalSignature: 1 << 0,
  nonRepudiation: 1 << 1,
  keyCertSign: 1 << 5,
  cRLSign: 1 << 6,
} as const;

export function algorithmIdentifier(n: Node): AlgorithmIdentifier {
  const [o, p] = children(expect(n, TAG.SEQUENCE, 'AlgorithmIdentifier'));
  if (!o) throw formatError('AlgorithmIdentifier without OID');
  return p && p.tag !== TAG.NULL ? { oid: oid(o), params: p } : { oid: oid(o) };
}

function parseKeyUsage(v: Uint8Array): number {
  const n = parseAll(v);
  const bits = bitString(n);
  // Bit 0 is the most significant bit of the first octet.
  let out = 0;
  for (let i = 0; i < Math.min(bits.length, 2) * 8; i++) {
    if ((bits[i >> 3]! >> (7 - (i & 7))) & 1) out |= 1 << i;
  }
  return out;
}

function parseExtension(cert: Certificate, type: string, value: Uint8Array): void {
  const n = parseAll(value);
  switch (type) {
    case OID.subjectKeyIdentifier:
      cert.subjectKeyId = octets(n);
      break;
    case OID.authorityKeyIdentifier: {
      const keyId = children(n).find((c) => c.tag === 0x80);
      if (keyId) cert.authorityKeyId = contents(keyId);
      break;
    }
    case OID.basicConstraints: {
      const c = children(n);
      const ca = c[0]?.tag === TAG.BOOLEAN ? contents(c[0])[0] !== 0 : false;
      const pl = c.find((x) => x.tag === TAG.INTEGER);
      cert.basicConstraints = pl ? { ca, pathLen: Number(integer(pl)) } : { ca };
      break;
    }
    case OID.keyUsage:
      cert.keyUsage = parseKeyUsage(value);
      break;
    case OID.extKeyUsage:
      cert.extKeyUsage = children(n).map(oid);
      break;
    case OID.certificatePolicies:
      cert.policies = children(n).map((pi) => oid(children(pi)[0]!));
      break;
    case OID.subjectSignTool:
      cert.subjectSignTool = string(n);
      break;
    case OID.issuerSignTool:
      cert.issuerSignTool = children(n).map(string);
      break;
    default:
      break;
  }
}

const cache = new Map<string, Certificate>();

export function clearCertificateCache(): void {
  cache.clear();
}

/** Parses a DER certificate; results are cached by SHA-256 because the same CA certificates recur. */
export function parseCertificate(der: Uint8Array): Certificate {
  const sha256 = createHash('sha256').update(der).digest('hex');
  const hit = cache.get(sha256);
  if (hit) return hit;
  const cert = parseCertificateUncached(der, sha256);
  if (cache.size > 5000) cache.clear();
  cache.set(sha256, cert);
  return cert;
}

function parseCertificateUncached(der: Uint8Array, sha256: string): Certificate {
  try {
    const root = parseAll(der);
    const [tbsN, sigAlgN, sigN] = children(expect(root, TAG.SEQUENCE, 'Certificate'));
    if (!tbsN || !sigAlgN || !sigN) throw formatError('Certificate: missing fields');
    const t = children(expect(tbsN, TAG.SEQUENCE, 'TBSCertificate'));
    let i = 0;
    if (t[0]?.tag === 0xa0) i++;
    const serialN = t[i++]!;
    i++; // inner signature algorithm: the outer one is authoritative and must match
    const issuerN = t[i++]!;
    const validityN = t[i++]!;
    const subjectN = t[i++]!;
    const spkiN = t[i++]!;
    if (!spkiN) throw formatError('Certificate: truncated TBSCertificate');
    const [nb, na] = children(validityN);
    const [keyAlgN, keyN] = children(spkiN);
    const cert: Certificate = {
      der,
      tbs: raw(tbsN),
      serial: integer(serialN),
      issuer: parseName(issuerN),
      subject: parseName(subjectN),
      notBefore: time(nb!),
      notAfter: time(na!),
      spki: raw(spkiN),
      keyAlgorithm: algorithmIdentifier(keyAlgN!),
      publicKey: bitString(keyN!),
      signatureAlgorithm: algorithmIdentifier(sigAlgN),
      signature: bitString(sigN),
      extensions: new Map(),
      policies: [],
      // Computed on first use: nothing on the verification path reads it.
      get sha1(): string {
        return createHash('sha1').update(der).digest('hex');
      },
      sha256,
    };
    const extWrap = t.slice(i).find((x) => x.tag === 0xa3);
    if (extWrap) {
      for (const e of children(children(extWrap)[0]!)) {
        const parts = children(e);
        const type = oid(parts[0]!);
        const critical = parts.length === 3 && contents(parts[1]!)[0] !== 0;
        const value = contents(parts[parts.length - 1]!);
        cert.extensions.set(type, { critical, value });
        parseExtension(cert, type, value);
      }
    }
    return cert;
  } catch (e) {
    if (e instanceof Error && 'code' in e) throw e;
    throw formatError(`Certificate: cannot parse (${e instanceof Error ? e.message : String(e)})`);
  }
}

export function serialHex(cert: Certificate): string {
  const h = cert.serial.toString(16);
  return h.length % 2 ? '0' + h : h;
}

/** SHA-1 of the subjectPublicKey bits: the method-1 key identifier, used when a certificate has no SKI. */
export function computedKeyId(cert: Certificate): Uint8Array {
  return createHash('sha1').update(cert.publicKey).digest();
}
