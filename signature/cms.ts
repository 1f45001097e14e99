// CMS SignedData (RFC 5652) with the CAdES attributes (ETSI EN 319 122-1) the validator uses.
import { children, concat, contents, expect, integer, octets, oid, parseAll, raw, TAG, tlv, type Node } from './asn1.ts';
import { formatError } from './errors.ts';
import { parseName, type Name } from './names.ts';
import { OID } from './oids.ts';
import { algorithmIdentifier, type AlgorithmIdentifier } from './x509.ts';

const OCSP_RI_FORMAT = '1.3.6.1.5.5.7.16.2';

export interface SignerId {
  issuer?: Name;
  serial?: bigint;
  subjectKeyId?: Uint8Array;
}

export interface SignerInfo {
  version: number;
  sid: SignerId;
  digestAlgorithm: string;
  /** DER of the signed attributes re-tagged as SET OF, i.e. the bytes the signature covers. */
  signedAttrsDer?: Uint8Array;
  signedAttrs: Map<string, Node[]>;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  unsignedAttrs: Map<string, Node[]>;
  der: Uint8Array;
}

export interface SignedData {
  der: Uint8Array;
  digestAlgorithms: string[];
  contentType: string;
  /** Encapsulated content; undefined for a detached signature. */
  content?: Uint8Array;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
  signers: SignerInfo[];
}

function attributes(n: Node): Map<string, Node[]> {
  const m = new Map<string, Node[]>();
  for (const a of children(n)) {
    const [t, vals] = children(a);
    if (!t || !vals) throw formatError('CMS: malformed attribute');
    const type = oid(t);
    m.set(type, [...(m.get(type) ?? []), ...children(vals)]);
  }
  return m;
}

function parseSignerInfo(n: Node): SignerInfo {
  const c = children(expect(n, TAG.SEQUENCE, 'SignerInfo'));
  let i = 0;
  const version = Number(integer(c[i++]!));
  const sidN = c[i++]!;
  let sid: SignerId;
  if (sidN.tag === TAG.SEQUENCE) {
    const [iss, ser] = children(sidN);
    sid = { issuer: parseName(iss!), serial: integer(ser!) };
  } else if (sidN.tag === 0x80 || sidN.tag === 0xa0) {
    sid = { subjectKeyId: sidN.tag === 0x80 ? contents(sidN) : octets(sidN) };
  } else throw formatError('CMS: unknown SignerIdentifier');
  const digestAlgorithm = algorithmIdentifier(c[i++]!).oid;
  let signedAttrsDer: Uint8Array | undefined;
  let signedAttrs = new Map<string, Node[]>();
  if (c[i]?.tag === 0xa0) {
    const sa = c[i++]!;
    // The signature covers the DER SET OF, i.e. the same bytes with the universal SET tag. BER
    // encoders sometimes give the [0] an indefinite length; the signer still hashed the definite form.
    const indefinite = sa.buf[sa.start + 1] === 0x80;
    signedAttrsDer = indefinite ? tlv(0x31, concat(...children(sa).map(raw))) : concat(Uint8Array.of(0x31), sa.buf.subarray(sa.start + 1, sa.end));
    signedAttrs = attributes(sa);
  }
  const signatureAlgorithm = algorithmIdentifier(c[i++]!);
  const signature = octets(expect(c[i++], TAG.OCTET_STRING, 'SignerInfo.signature'));
  const unsignedAttrs = c[i]?.tag === 0xa1 ? attributes(c[i]!) : new Map<string, Node[]>();
  const out: SignerInfo = { version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature, unsignedAttrs, der: raw(n) };
  if (signedAttrsDer) out.signedAttrsDer = signedAttrsDer;
  return out;
}

export function parseSignedData(der: Uint8Array): SignedData {
  const root = parseAll(der);
  const [ct, wrapped] = children(expect(root, TAG.SEQUENCE, 'ContentInfo'));
  if (!ct || oid(ct) !== OID.signedData) throw formatError('CMS: not a SignedData ContentInfo');
  const sd = children(expect(children(expect(wrapped, 0xa0, 'ContentInfo.content'))[0], TAG.SEQUENCE, 'SignedData'));
  let i = 1;
  const digestAlgorithms = children(expect(sd[i++], TAG.SET, 'digestAlgorithms')).map((a) => algorithmIdentifier(a).oid);
  const eci = children(expect(sd[i++], TAG.SEQUENCE, 'EncapsulatedContentInfo'));
  const contentType = oid(eci[0]!);
  let content: Uint8Array | undefined;
  if (eci[1]) content = octets(children(expect(eci[1], 0xa0, 'eContent'))[0]!);
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  if (sd[i]?.tag === 0xa0) {
    for (const c of children(sd[i++]!)) if (c.tag === TAG.SEQUENCE) certificates.push(raw(c));
  }
  if (sd[i]?.tag === 0xa1) {
    for (const c of children(sd[i++]!)) {
      if (c.tag === TAG.SEQUENCE) crls.push(raw(c));
      else if (c.tag === 0xa1) {
        const [fmt, val] = children(c);
        if (fmt && val && oid(fmt) === OCSP_RI_FORMAT) ocspResponses.push(raw(val));
      }
    }
  }
  const signers = children(expect(sd[i], TAG.SET, 'signerInfos')).map(parseSignerInfo);
  const out: SignedData = { der, digestAlgorithms, contentType, certificates, crls, ocspResponses, signers };
  if (content) out.content = content;
  return out;
}
