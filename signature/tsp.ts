// RFC 3161 time-stamp tokens: a SignedData whose content is TSTInfo.
import { children, expect, integer, octets, oid, parseAll, TAG, time } from './asn1.ts';
import { parseSignedData, type SignedData } from './cms.ts';
import { formatError } from './errors.ts';
import { OID } from './oids.ts';
import { algorithmIdentifier } from './x509.ts';

export interface TstInfo {
  policy: string;
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
  serial: bigint;
  genTime: Date;
}

export interface TimeStampToken {
  der: Uint8Array;
  signedData: SignedData;
  info: TstInfo;
}

export function parseTimeStampToken(der: Uint8Array): TimeStampToken {
  const signedData = parseSignedData(der);
  if (signedData.contentType !== OID.tstInfo || !signedData.content) throw formatError('time-stamp token without TSTInfo');
  const c = children(expect(parseAll(signedData.content), TAG.SEQUENCE, 'TSTInfo'));
  const [alg, hashed] = children(c[2]!);
  return {
    der,
    signedData,
    info: {
      policy: oid(c[1]!),
      hashAlgorithm: algorithmIdentifier(alg!).oid,
      hashedMessage: octets(hashed!),
      serial: integer(c[3]!),
      genTime: time(c[4]!),
    },
  };
}
