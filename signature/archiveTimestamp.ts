// CAdES-A archive time-stamps. archive-time-stamp-v3 (ETSI EN 319 122-1 §5.5.3): what its message imprint covers, and the
// ats-hash-index-v3 that lists the certificates, CRLs and unsigned attribute values present when it
// was made. The imprint is the hash of
//   eContentType ‖ H(signed content) ‖ version ‖ sid ‖ digestAlgorithm ‖ signedAttrs ‖
//   signatureAlgorithm ‖ signature ‖ ATSHashIndexV3
// (each field's complete encoding, H with the time-stamp's own imprint algorithm); every hash in the
// index must still match an item of the signature — data may be added later, never removed or changed.
import { children, concat, equalBytes, octets, oid, parseAll, raw, TAG, tlv, type Node } from './asn1.ts';
import { digest, hashName, type HashName } from './algorithms.ts';
import type { SignedData, SignerInfo } from './cms.ts';
import { OID } from './oids.ts';
import type { TimeStampToken } from './tsp.ts';

export const ATS_HASH_INDEX_V3 = '0.4.0.19122.1.5';

interface SignedDataFields {
  eContentType: Uint8Array;
  certificates: Uint8Array[];
  crls: Uint8Array[];
}

function signedDataFields(der: Uint8Array): SignedDataFields {
  const [, wrapped] = children(parseAll(der));
  const sd = children(children(wrapped!)[0]!);
  const eci = children(sd[2]!);
  let i = 3;
  const certificates = sd[i]?.tag === 0xa0 ? children(sd[i++]!).map(raw) : [];
  const crls = sd[i]?.tag === 0xa1 ? children(sd[i]!).map(raw) : [];
  return { eContentType: raw(eci[0]!), certificates, crls };
}

/** The SignerInfo's fields up to and including the signature, and its unsigned attribute values as type ‖ value. */
function signerFields(si: SignerInfo): { signed: Uint8Array[]; unsignedValues: Uint8Array[] } {
  const fields = children(parseAll(si.der));
  const last = fields[fields.length - 1];
  const hasUnsigned = last?.tag === 0xa1;
  const signed = (hasUnsigned ? fields.slice(0, -1) : fields).map(raw);
  const unsignedValues: Uint8Array[] = [];
  if (hasUnsigned) {
    for (const attr of children(last!)) {
      const [type, values] = children(attr);
      for (const v of children(values!)) unsignedValues.push(concat(raw(type!), raw(v)));
    }
  }
  return { signed, unsignedValues };
}

interface HashIndex {
  der: Uint8Array;
  hash: HashName;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  unsignedAttrValues: Uint8Array[];
}

function parseIndex(n: Node): HashIndex | string {
  const parts = children(n);
  let hash: HashName = 'sha256';
  let i = 0;
  const first = parts[0];
  // The optional hashIndAlgorithm is an AlgorithmIdentifier (starts with an OID); the lists hold OCTET STRINGs.
  if (first && children(first)[0]?.tag === TAG.OID) {
    const h = hashName(oid(children(first)[0]!));
    if (!h) return `unknown hash algorithm in ats-hash-index-v3`;
    hash = h;
    i = 1;
  }
  const list = (k: number): Uint8Array[] => (parts[k] ? children(parts[k]!).map(octets) : []);
  return { der: raw(n), hash, certificates: list(i), crls: list(i + 1), unsignedAttrValues: list(i + 2) };
}

function allPresent(hashes: Uint8Array[], items: Uint8Array[], h: HashName): boolean {
  const have = items.map((b) => digest(h, b));
  return hashes.every((x) => have.some((y) => equalBytes(x, y)));
}

/**
 * The bytes an archive-time-stamp-v3 must have hashed, or why they cannot be formed. `content` is the
 * signed content (encapsulated or the detached document).
 */
export function archiveTimestampV3Input(sd: SignedData, si: SignerInfo, content: Uint8Array, token: TimeStampToken): { input: Uint8Array } | { problem: string } {
  try {
    return v3Input(sd, si, content, token);
  } catch (e) {
    return { problem: `malformed archive-time-stamp-v3 data: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function v3Input(sd: SignedData, si: SignerInfo, content: Uint8Array, token: TimeStampToken): { input: Uint8Array } | { problem: string } {
  const h = hashName(token.info.hashAlgorithm);
  if (!h) return { problem: `unknown imprint hash ${token.info.hashAlgorithm}` };
  const tsSigner = token.signedData.signers[0];
  const indexNode = tsSigner?.unsignedAttrs.get(ATS_HASH_INDEX_V3)?.[0];
  if (!indexNode) return { problem: 'archive-time-stamp-v3 without ats-hash-index-v3' };
  const index = parseIndex(indexNode);
  if (typeof index === 'string') return { problem: index };
  const fields = signedDataFields(sd.der);
  const signer = signerFields(si);
  // Values added after this time-stamp (later archive time-stamps) are not in its index; anything it lists must remain.
  if (!allPresent(index.certificates, fields.certificates, index.hash)) return { problem: 'a certificate covered by the archive time-stamp has been removed or changed' };
  if (!allPresent(index.crls, fields.crls, index.hash)) return { problem: 'revocation data covered by the archive time-stamp has been removed or changed' };
  if (!allPresent(index.unsignedAttrValues, signer.unsignedValues, index.hash)) {
    return { problem: 'an unsigned attribute covered by the archive time-stamp has been removed or changed' };
  }
  return { input: concat(fields.eContentType, digest(h, content), ...signer.signed, index.der) };
}

/**
 * archive-time-stamp v2 (ETSI TS 101 733 §6.4.1): the imprint covers encapContentInfo, the detached
 * content if any, the certificates and crls fields, and every field of the SignerInfo with the
 * unsigned attributes that precede the time-stamp. Producers differ in whether the certificates,
 * crls and unsigned attributes are hashed with their [0]/[1] tags or as bare concatenations, so the
 * four readings are offered as candidates (the imprint decides).
 */
export function archiveTimestampV2Inputs(sd: SignedData, si: SignerInfo, content: Uint8Array): { token: Uint8Array; inputs: Uint8Array[] }[] {
  try {
    return v2Inputs(sd, si, content);
  } catch {
    return []; // the signature parsed already; a token that cannot be located is reported by its absence
  }
}

function v2Inputs(sd: SignedData, si: SignerInfo, content: Uint8Array): { token: Uint8Array; inputs: Uint8Array[] }[] {
  const [, wrapped] = children(parseAll(sd.der));
  const sdNodes = children(children(wrapped!)[0]!);
  const eci = sdNodes[2]!;
  const detached = children(eci).length < 2;
  const certsNode = sdNodes.find((n) => n.tag === 0xa0);
  const crlsNode = sdNodes.find((n) => n.tag === 0xa1);
  const tagged = concat(...[certsNode, crlsNode].filter((n): n is Node => !!n).map(raw));
  const bare = concat(...[certsNode, crlsNode].filter((n): n is Node => !!n).flatMap((n) => children(n).map(raw)));
  const fields = children(parseAll(si.der));
  const last = fields[fields.length - 1];
  const attrs = last?.tag === 0xa1 ? children(last) : [];
  const signerFieldsBytes = concat(...(last?.tag === 0xa1 ? fields.slice(0, -1) : fields).map(raw));
  const head = concat(raw(eci), detached ? content : new Uint8Array());
  const out: { token: Uint8Array; inputs: Uint8Array[] }[] = [];
  attrs.forEach((attr, j) => {
    const [type, values] = children(attr);
    if (!type || oid(type) !== OID.archiveTimeStampV2) return;
    const before = attrs.slice(0, j).map(raw);
    const unsignedTagged = before.length ? tlv(0xa1, concat(...before)) : new Uint8Array();
    const unsignedBare = concat(...before);
    const inputs = [tagged, bare].flatMap((certs) => [unsignedTagged, unsignedBare].map((u) => concat(head, certs, signerFieldsBytes, u)));
    for (const v of children(values!)) out.push({ token: raw(v), inputs });
  });
  return out;
}

/**
 * CAdES-X time-stamps over the CAdES-C data "without the type or length encoding" (TS 101 733 §6.3.5,
 * §6.3.6; RFC 5126): type 1 (ESC) covers the signature value's octets, the signature-time-stamp(s),
 * complete-certificate-references and complete-revocation-references; type 2 (certCRLTimestamp) only
 * the two references. Read as the whole attributes, as their values, or as the values' contents —
 * producers differ, so all three are candidates.
 */
export function cadesXTimestampInputs(si: SignerInfo, type: 1 | 2): Uint8Array[] {
  try {
    const fields = children(parseAll(si.der));
    const last = fields[fields.length - 1];
    const attrs = last?.tag === 0xa1 ? children(last) : [];
    const refs = [OID.completeCertificateRefs, OID.completeRevocationRefs];
    const covered = type === 1 ? [OID.signatureTimeStamp, ...refs] : refs;
    const picked = covered.flatMap((t) => attrs.filter((a) => oid(children(a)[0]!) === t));
    const values = picked.flatMap((a) => children(children(a)[1]!));
    const head = type === 1 ? [si.signature] : [];
    return [
      concat(...head, ...picked.map(raw)),
      concat(...head, ...values.map(raw)),
      concat(...head, ...values.map((v) => v.buf.subarray(v.cstart, v.cend))),
    ];
  } catch {
    return [];
  }
}
