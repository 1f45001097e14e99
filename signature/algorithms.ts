// Digest and signature algorithms. RSA and ECDSA go through Node's built-in crypto; GOST through
// gost.ts. Signers put either a combined "X-with-Y" OID or the bare key OID (rsaEncryption,
// ecPublicKey, gost3410-12-256) into signatureAlgorithm; the digest then comes from the SignerInfo.
import { constants, createHash, createPublicKey, verify as nodeVerify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { children, contents, hex, integer, oid, parseAll, type Node } from './asn1.ts';
import { verifyGost } from './gost.ts';
import { gostCurve, GOST_PARAM_SET_NAMES } from './gostCurves.ts';
import { OID } from './oids.ts';
import { gostR3411_94 } from './gost94.ts';
import { streebog256, streebog512 } from './streebog.ts';
import type { AlgorithmIdentifier } from './x509.ts';

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'streebog256' | 'streebog512' | 'gost94';

const HASH_BY_OID: Record<string, HashName> = {
  [OID.sha1]: 'sha1',
  [OID.sha224]: 'sha224',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
  [OID.streebog256]: 'streebog256',
  [OID.streebog512]: 'streebog512',
  [OID.gostR3411_94]: 'gost94',
};

export function hashName(oidStr: string): HashName | undefined {
  return HASH_BY_OID[oidStr];
}

export function digest(name: HashName, data: Uint8Array): Uint8Array {
  if (name === 'streebog256') return streebog256(data);
  if (name === 'streebog512') return streebog512(data);
  if (name === 'gost94') return gostR3411_94(data);
  return createHash(name).update(data).digest();
}

/** Signature algorithm → [family, hash]; undefined hash means "take it from the digest algorithm". */
const SIG_ALGS: Record<string, [Family, HashName | undefined]> = {
  [OID.sha1WithRSA]: ['rsa', 'sha1'],
  [OID.sha224WithRSA]: ['rsa', 'sha224'],
  [OID.sha256WithRSA]: ['rsa', 'sha256'],
  [OID.sha384WithRSA]: ['rsa', 'sha384'],
  [OID.sha512WithRSA]: ['rsa', 'sha512'],
  [OID.rsaEncryption]: ['rsa', undefined],
  [OID.rsaPss]: ['rsa-pss', undefined],
  [OID.ecdsaWithSHA1]: ['ecdsa', 'sha1'],
  [OID.ecdsaWithSHA224]: ['ecdsa', 'sha224'],
  [OID.ecdsaWithSHA256]: ['ecdsa', 'sha256'],
  [OID.ecdsaWithSHA384]: ['ecdsa', 'sha384'],
  [OID.ecdsaWithSHA512]: ['ecdsa', 'sha512'],
  [OID.ecPublicKey]: ['ecdsa', undefined],
  [OID.gost2012_256WithStreebog]: ['gost', 'streebog256'],
  [OID.gost2012_512WithStreebog]: ['gost', 'streebog512'],
  [OID.gost2012_256]: ['gost', undefined],
  [OID.gost2012_512]: ['gost', undefined],
  [OID.gost2001]: ['gost', undefined],
  [OID.gost2001WithGost94]: ['gost', 'gost94'],
};

export type Family = 'rsa' | 'rsa-pss' | 'ecdsa' | 'gost';

export interface PublicKeyInfo {
  keyAlgorithm: AlgorithmIdentifier;
  publicKey: Uint8Array;
  spki: Uint8Array;
}

export interface SignatureCheck {
  valid: boolean;
  /** Human-readable algorithm, e.g. "GOST R 34.10-2012 256 (CryptoPro-A) with Streebog-256". */
  algorithm: string;
  warnings: string[];
  /** Set when the algorithm or key cannot be used at all. */
  unsupported?: string;
}

const keyObjects = new Map<string, KeyObject>();

export function clearKeyObjectCache(): void {
  keyObjects.clear();
}

const EC_JWK_CURVES: Record<string, string> = { [OID.p256]: 'P-256', [OID.p384]: 'P-384', [OID.p521]: 'P-521' };

const b64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** An unsigned INTEGER's magnitude without the sign octet. */
function magnitude(n: Node): Uint8Array {
  const c = contents(n);
  let i = 0;
  while (i < c.length - 1 && c[i] === 0) i++;
  return c.subarray(i);
}

/**
 * The key as a JWK when it has a plain form: OpenSSL 3 imports a JWK through key parameters in
 * microseconds, while decoding SPKI DER goes through its decoder framework (≈0.2 ms per RSA key —
 * most of a cold RSA verification).
 */
function jwkOf(key: PublicKeyInfo): JsonWebKey | null {
  try {
    const o = key.keyAlgorithm.oid;
    if (o === OID.rsaEncryption || o === OID.rsaPss) {
      const [n, e] = children(parseAll(key.publicKey));
      if (!n || !e) return null;
      return { kty: 'RSA', n: b64url(magnitude(n)), e: b64url(magnitude(e)) };
    }
    if (o === OID.ecPublicKey && key.keyAlgorithm.params) {
      const crv = EC_JWK_CURVES[oid(key.keyAlgorithm.params)];
      const p = key.publicKey;
      if (!crv || p[0] !== 0x04 || p.length % 2 !== 1) return null;
      const half = (p.length - 1) / 2;
      return { kty: 'EC', crv, x: b64url(p.subarray(1, 1 + half)), y: b64url(p.subarray(1 + half)) };
    }
  } catch {
    return null;
  }
  return null;
}

function nodeKey(key: PublicKeyInfo): KeyObject {
  const id = hex(key.spki);
  let k = keyObjects.get(id);
  if (!k) {
    const jwk = jwkOf(key);
    k = jwk ? createPublicKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
    if (keyObjects.size > 2000) keyObjects.clear();
    keyObjects.set(id, k);
  }
  return k;
}

interface PssParams {
  hash: HashName;
  mgfHash: HashName;
  saltLength: number;
}

function pssParams(p: Node | undefined): PssParams | string {
  const out: PssParams = { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 };
  if (!p) return out;
  for (const c of children(p)) {
    const inner = children(c)[0];
    if (!inner) continue;
    if (c.tag === 0xa0) {
      const h = hashName(oid(children(inner)[0]!));
      if (!h) return 'unknown PSS hash';
      out.hash = h;
    } else if (c.tag === 0xa1) {
      const [mgfOid, mgfParams] = children(inner);
      if (oid(mgfOid!) !== OID.mgf1 || !mgfParams) return 'unknown PSS mask generation function';
      const h = hashName(oid(children(mgfParams)[0]!));
      if (!h) return 'unknown MGF1 hash';
      out.mgfHash = h;
    } else if (c.tag === 0xa2) {
      out.saltLength = Number(integer(inner));
    }
  }
  return out;
}

function gostKeyParams(key: PublicKeyInfo): { paramSet: string; digestParam?: string } | undefined {
  const p = key.keyAlgorithm.params;
  if (!p) return undefined;
  const c = children(p);
  const paramSet = c[0] ? oid(c[0]) : undefined;
  if (!paramSet) return undefined;
  return c[1] ? { paramSet, digestParam: oid(c[1]) } : { paramSet };
}

/**
 * Verifies `signature` over `data` with the key. `digestOid` is the SignerInfo's digest algorithm,
 * needed when signatureAlgorithm names only the key type.
 */
export function verifySignature(
  key: PublicKeyInfo,
  sigAlg: AlgorithmIdentifier,
  data: Uint8Array,
  signature: Uint8Array,
  digestOid?: string,
): SignatureCheck {
  const entry = SIG_ALGS[sigAlg.oid];
  if (!entry) return { valid: false, algorithm: sigAlg.oid, warnings: [], unsupported: `unknown signature algorithm ${sigAlg.oid}` };
  const [family] = entry;
  let hash = entry[1] ?? (digestOid ? hashName(digestOid) : undefined);
  const warnings: string[] = [];
  if (entry[1] && digestOid && hashName(digestOid) && hashName(digestOid) !== entry[1]) {
    warnings.push(`digest algorithm ${digestOid} differs from the one in the signature algorithm`);
  }
  try {
    if (family === 'gost') {
      // A bare key OID with no digest algorithm at hand (certificates, CRLs): the key size implies it.
      hash ??= key.keyAlgorithm.oid === OID.gost2012_512 ? 'streebog512' : key.keyAlgorithm.oid === OID.gost2001 ? 'gost94' : 'streebog256';
      return verifyGostSignature(key, hash, data, signature, warnings);
    }
    if (family === 'rsa-pss') {
      const pp = pssParams(sigAlg.params);
      if (typeof pp === 'string') return { valid: false, algorithm: 'RSASSA-PSS', warnings, unsupported: pp };
      if (pp.mgfHash !== pp.hash) return { valid: false, algorithm: 'RSASSA-PSS', warnings, unsupported: 'MGF1 hash differs from the message hash' };
      hash = pp.hash;
      const valid = nodeVerify(hash, data, { key: nodeKey(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pp.saltLength }, signature);
      return { valid, algorithm: `RSASSA-PSS with ${hash}`, warnings };
    }
    if (!hash) return { valid: false, algorithm: sigAlg.oid, warnings, unsupported: 'digest algorithm unknown' };
    if (family === 'rsa') {
      if (key.keyAlgorithm.oid !== OID.rsaEncryption && key.keyAlgorithm.oid !== OID.rsaPss) {
        return { valid: false, algorithm: `RSA with ${hash}`, warnings, unsupported: 'key is not an RSA key' };
      }
      const valid = nodeVerify(hash, data, { key: nodeKey(key), padding: constants.RSA_PKCS1_PADDING }, signature);
      return { valid, algorithm: `RSA PKCS#1 v1.5 with ${hash}`, warnings };
    }
    if (key.keyAlgorithm.oid !== OID.ecPublicKey) return { valid: false, algorithm: `ECDSA with ${hash}`, warnings, unsupported: 'key is not an EC key' };
    const curve = key.keyAlgorithm.params ? oid(key.keyAlgorithm.params) : '?';
    const algorithm = `ECDSA ${curve === OID.p256 ? 'P-256' : curve === OID.p384 ? 'P-384' : curve === OID.p521 ? 'P-521' : curve} with ${hash}`;
    const k = nodeKey(key);
    let valid = false;
    try {
      valid = nodeVerify(hash, data, { key: k, dsaEncoding: 'der' }, signature);
    } catch {
      valid = false;
    }
    if (!valid && signature.length % 2 === 0) {
      // Some signers put the raw r||s pair instead of the DER Ecdsa-Sig-Value.
      try {
        valid = nodeVerify(hash, data, { key: k, dsaEncoding: 'ieee-p1363' }, signature);
      } catch {
        valid = false;
      }
      if (valid) warnings.push('ECDSA signature is raw r||s, not DER');
    }
    return { valid, algorithm, warnings };
  } catch (e) {
    return { valid: false, algorithm: sigAlg.oid, warnings, unsupported: e instanceof Error ? e.message : String(e) };
  }
}

function verifyGostSignature(key: PublicKeyInfo, hash: HashName | undefined, data: Uint8Array, signature: Uint8Array, warnings: string[]): SignatureCheck {
  const kp = gostKeyParams(key);
  const keyOid = key.keyAlgorithm.oid;
  const bits = keyOid === OID.gost2012_512 ? 512 : 256;
  const label = keyOid === OID.gost2001 ? 'GOST R 34.10-2001' : `GOST R 34.10-2012 ${bits}`;
  if (keyOid !== OID.gost2012_256 && keyOid !== OID.gost2012_512 && keyOid !== OID.gost2001) {
    return { valid: false, algorithm: label, warnings, unsupported: 'key is not a GOST key' };
  }
  if (!kp) return { valid: false, algorithm: label, warnings, unsupported: 'GOST key without parameter set' };
  const curve = gostCurve(kp.paramSet);
  const algorithm = `${label} (${GOST_PARAM_SET_NAMES[kp.paramSet] ?? kp.paramSet}) with ${hash ?? '?'}`;
  if (!curve) return { valid: false, algorithm, warnings, unsupported: `unknown GOST parameter set ${kp.paramSet}` };
  if (!hash) return { valid: false, algorithm, warnings, unsupported: 'unknown digest algorithm' };
  let pub: Uint8Array;
  try {
    // The BIT STRING wraps an OCTET STRING with X||Y; some tools put the raw coordinates directly.
    const n = parseAll(key.publicKey);
    pub = n.tag === 0x04 ? contents(n) : key.publicKey;
  } catch {
    pub = key.publicKey;
  }
  const r = verifyGost(curve, pub, digest(hash, data), signature);
  if (r.valid && r.nonCanonical.length) warnings.push(`non-canonical GOST byte order accepted: ${r.nonCanonical.join(', ')}`);
  return { valid: r.valid, algorithm, warnings };
}

export function keyDescription(key: PublicKeyInfo): string {
  const o = key.keyAlgorithm.oid;
  if (o === OID.rsaEncryption || o === OID.rsaPss) return 'RSA';
  if (o === OID.ecPublicKey) return 'ECDSA';
  if (o === OID.gost2012_256) return 'GOST R 34.10-2012 256';
  if (o === OID.gost2012_512) return 'GOST R 34.10-2012 512';
  if (o === OID.gost2001) return 'GOST R 34.10-2001';
  return o;
}
