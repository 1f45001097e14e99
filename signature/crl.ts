// Certificate revocation lists (RFC 5280 §5).
import { children, contents, expect, integer, oid, parseAll, raw, TAG, time, bitString, type Node } from './asn1.ts';
import { formatError } from './errors.ts';
import { parseName, type Name } from './names.ts';
import { OID } from './oids.ts';
import { algorithmIdentifier, type AlgorithmIdentifier } from './x509.ts';

export interface RevokedEntry {
  serial: bigint;
  date: Date;
  reason?: number;
}

export interface Crl {
  der: Uint8Array;
  tbs: Uint8Array;
  issuer: Name;
  thisUpdate: Date;
  nextUpdate?: Date;
  revoked: Map<bigint, RevokedEntry>;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
}

function isTime(n: Node | undefined): n is Node {
  return !!n && (n.tag === TAG.UTC_TIME || n.tag === TAG.GENERALIZED_TIME);
}

export function parseCrl(der: Uint8Array): Crl {
  try {
    const [tbsN, algN, sigN] = children(expect(parseAll(der), TAG.SEQUENCE, 'CertificateList'));
    const t = children(expect(tbsN, TAG.SEQUENCE, 'TBSCertList'));
    let i = 0;
    if (t[0]?.tag === TAG.INTEGER) i++;
    i++; // inner signature algorithm
    const issuer = parseName(t[i++]!);
    const thisUpdate = time(t[i++]!);
    let nextUpdate: Date | undefined;
    if (isTime(t[i])) nextUpdate = time(t[i++]!);
    const revoked = new Map<bigint, RevokedEntry>();
    if (t[i]?.tag === TAG.SEQUENCE) {
      for (const e of children(t[i++]!)) {
        const [s, d, ext] = children(e);
        const entry: RevokedEntry = { serial: integer(s!), date: time(d!) };
        if (ext) {
          for (const x of children(ext)) {
            const xs = children(x);
            if (oid(xs[0]!) === OID.reasonCode) entry.reason = Number(integer(parseAll(contents(xs[xs.length - 1]!))));
          }
        }
        revoked.set(entry.serial, entry);
      }
    }
    const crl: Crl = { der, tbs: raw(tbsN!), issuer, thisUpdate, revoked, signatureAlgorithm: algorithmIdentifier(algN!), signature: bitString(sigN!) };
    if (nextUpdate) crl.nextUpdate = nextUpdate;
    return crl;
  } catch (e) {
    if (e instanceof Error && 'code' in e) throw e;
    throw formatError(`CRL: cannot parse (${e instanceof Error ? e.message : String(e)})`);
  }
}

export const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];
