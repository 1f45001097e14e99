// OCSP responses (RFC 6960): BasicOCSPResponse with its own signature and the certificates it carries.
import { bitString, children, expect, integer, octets, oid, parseAll, raw, TAG, time, type Node } from './asn1.ts';
import { formatError } from './errors.ts';
import { parseName, type Name } from './names.ts';
import { OID } from './oids.ts';
import { algorithmIdentifier, type AlgorithmIdentifier } from './x509.ts';

export type CertStatus = 'good' | 'revoked' | 'unknown';

export interface SingleResponse {
  hashAlgorithm: string;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  serial: bigint;
  status: CertStatus;
  revocationTime?: Date;
  revocationReason?: number;
  thisUpdate: Date;
  nextUpdate?: Date;
}

export interface OcspResponse {
  der: Uint8Array;
  /** OCSPResponseStatus; 0 = successful. */
  status: number;
  tbs: Uint8Array;
  responderName?: Name;
  responderKeyHash?: Uint8Array;
  producedAt: Date;
  responses: SingleResponse[];
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  certificates: Uint8Array[];
}

function single(n: Node): SingleResponse {
  const c = children(n);
  const [alg, nameHash, keyHash, serial] = children(c[0]!);
  const statusN = c[1]!;
  let i = 2;
  const thisUpdate = time(c[i++]!);
  let nextUpdate: Date | undefined;
  if (c[i]?.tag === 0xa0) nextUpdate = time(children(c[i++]!)[0]!);
  const r: SingleResponse = {
    hashAlgorithm: algorithmIdentifier(alg!).oid,
    issuerNameHash: octets(nameHash!),
    issuerKeyHash: octets(keyHash!),
    serial: integer(serial!),
    status: statusN.tag === 0x80 ? 'good' : statusN.tag === 0xa1 ? 'revoked' : 'unknown',
    thisUpdate,
  };
  if (nextUpdate) r.nextUpdate = nextUpdate;
  if (statusN.tag === 0xa1) {
    const rc = children(statusN);
    r.revocationTime = time(rc[0]!);
    if (rc[1]) r.revocationReason = Number(integer(children(rc[1])[0]!));
  }
  return r;
}

/** Accepts an OCSPResponse or a bare BasicOCSPResponse. */
export function parseOcsp(der: Uint8Array): OcspResponse {
  try {
    const root = children(expect(parseAll(der), TAG.SEQUENCE, 'OCSPResponse'));
    let basicN: Node;
    let status = 0;
    if (root[0]?.tag === TAG.ENUMERATED) {
      status = Number(integer(root[0]));
      if (status !== 0 || !root[1]) {
        return { der, status, tbs: new Uint8Array(), producedAt: new Date(0), responses: [], signatureAlgorithm: { oid: '' }, signature: new Uint8Array(), certificates: [] };
      }
      const [type, bytes] = children(children(root[1])[0]!);
      if (oid(type!) !== OID.ocspBasic) throw formatError('OCSP: unsupported response type');
      basicN = parseAll(octets(bytes!));
    } else basicN = parseAll(der);
    const [tbsN, algN, sigN, certsN] = children(basicN);
    const t = children(tbsN!);
    let i = 0;
    if (t[0]?.tag === 0xa0) i++;
    const rid = t[i++]!;
    const producedAt = time(t[i++]!);
    const responses = children(t[i++]!).map(single);
    const out: OcspResponse = {
      der,
      status,
      tbs: raw(tbsN!),
      producedAt,
      responses,
      signatureAlgorithm: algorithmIdentifier(algN!),
      signature: bitString(sigN!),
      certificates: certsN ? children(children(certsN)[0]!).map(raw) : [],
    };
    if (rid.tag === 0xa1) out.responderName = parseName(children(rid)[0]!);
    else out.responderKeyHash = octets(children(rid)[0]!);
    return out;
  } catch (e) {
    if (e instanceof Error && 'code' in e) throw e;
    throw formatError(`OCSP: cannot parse (${e instanceof Error ? e.message : String(e)})`);
  }
}
