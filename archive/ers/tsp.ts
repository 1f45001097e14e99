// RFC 3161 time-stamp requests and responses. The TSA is pluggable: an HTTP client for a
// configured URL, or any function from request bytes to response bytes (tests use openssl ts).
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, ContentInfo, MessageImprint, SignedData, TSTInfo, TimeStampReq, TimeStampResp } from 'pkijs';

export type TimestampAuthority = (request: Uint8Array) => Promise<Uint8Array>;

export class TimestampError extends Error {
  constructor(
    readonly code: 'ERS_TSA_FAILED' | 'ERS_TSA_REJECTED' | 'ERS_TOKEN_INVALID',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Digests of hash trees and time-stamp imprints: SHA-2, and GOST R 34.11-2012 (Streebog) for TSAs accredited in
 * Russia, which time-stamp GOST imprints.
 */
export type ErsAlgorithm = 'sha256' | 'sha512' | 'streebog256' | 'streebog512';

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha512: '2.16.840.1.101.3.4.2.3',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

export const ERS_ALGORITHMS: readonly ErsAlgorithm[] = ['sha256', 'sha512', 'streebog256', 'streebog512'];

const buf = (u: Uint8Array): ArrayBuffer => Uint8Array.from(u).buffer;

/**
 * The nonce as a DER INTEGER's content: positive and minimal. Eight raw random bytes are neither one time in two (a
 * high first bit reads as negative) or one time in ~500 (a leading zero byte is illegal padding, which OpenSSL's TSA
 * answers with status 2, rejection).
 */
export function nonceInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return (trimmed[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...trimmed) : Uint8Array.from(trimmed);
}

export function timestampRequest(alg: ErsAlgorithm, digest: Uint8Array, nonce: Uint8Array = new Uint8Array(randomBytes(8))): Uint8Array {
  const req = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID[alg] }),
      hashedMessage: new asn1js.OctetString({ valueHex: buf(digest) }),
    }),
    nonce: new asn1js.Integer({ valueHex: buf(nonceInteger(nonce)) }),
    certReq: true,
  });
  return new Uint8Array(req.toSchema().toBER(false));
}

/** The TimeStampToken (a CMS ContentInfo) from a granted response. */
export function tokenFromResponse(response: Uint8Array): Uint8Array {
  const ber = asn1js.fromBER(buf(response));
  if (ber.offset === -1) throw new TimestampError('ERS_TSA_FAILED', 'the TSA answer is not DER');
  const resp = new TimeStampResp({ schema: ber.result });
  const status = resp.status.status;
  if ((status !== 0 && status !== 1) || !resp.timeStampToken) throw new TimestampError('ERS_TSA_REJECTED', `the TSA refused the request (status ${status})`);
  return new Uint8Array(resp.timeStampToken.toSchema().toBER(false));
}

export interface TokenInfo {
  time: Date;
  digestAlgorithm: string;
  imprint: Uint8Array;
}

export function readToken(token: Uint8Array): TokenInfo {
  try {
    const ber = asn1js.fromBER(buf(token));
    const signed = new SignedData({ schema: new ContentInfo({ schema: ber.result }).content });
    const eContent = signed.encapContentInfo.eContent;
    if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) throw new Error('not a TSTInfo');
    const info = new TSTInfo({ schema: asn1js.fromBER(eContent.getValue()).result });
    return {
      time: info.genTime,
      digestAlgorithm: info.messageImprint.hashAlgorithm.algorithmId,
      imprint: new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView),
    };
  } catch (e) {
    throw new TimestampError('ERS_TOKEN_INVALID', `not a time-stamp token: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A TSA reached over HTTP (RFC 3161 section 3.4). */
export function httpTimestampAuthority(url: string): TimestampAuthority {
  return async (request) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: Uint8Array.from(request) });
    if (!res.ok) throw new TimestampError('ERS_TSA_FAILED', `the TSA at ${url} answered HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
