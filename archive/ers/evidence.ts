// Evidence records (RFC 4998): many data objects are hashed into one tree whose root is
// time-stamped once; each object gets its own record (reduced tree + token). Renewal time-stamps
// the previous time-stamp before its certificate or algorithm weakens, appending to the chain.
import { verifySignatures } from '../../signature/index.ts';
import { buildTree, hash, rootFromReduced } from './hashTree.ts';
import { decodeEvidenceRecord, encodeEvidenceRecord, type ArchiveTimeStamp } from './record.ts';
import { OID, readToken, timestampRequest, tokenFromResponse, TimestampError, type TimestampAuthority } from './tsp.ts';

type Alg = 'sha256' | 'sha512';

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

async function stamp(tsa: TimestampAuthority, alg: Alg, digest: Uint8Array): Promise<Uint8Array> {
  let response: Uint8Array;
  try {
    response = await tsa(timestampRequest(alg, digest));
  } catch (e) {
    if (e instanceof TimestampError) throw e;
    throw new TimestampError('ERS_TSA_FAILED', `the TSA could not be reached: ${e instanceof Error ? e.message : String(e)}`);
  }
  const token = tokenFromResponse(response);
  if (!same(readToken(token).imprint, digest)) throw new TimestampError('ERS_TOKEN_INVALID', 'the TSA time-stamped a different hash');
  return token;
}

/** One evidence record per data object, all under a single time-stamp. */
export async function createEvidenceRecords(objects: Uint8Array[], tsa: TimestampAuthority, alg: Alg = 'sha256'): Promise<Uint8Array[]> {
  const tree = buildTree(alg, objects.map((o) => hash(alg, o)));
  const token = await stamp(tsa, alg, tree.root);
  return tree.reduced.map((reduced) => encodeEvidenceRecord({ digestAlgorithms: [alg], chains: [[{ digestAlgorithm: alg, reduced, token }]] }));
}

/** Time-stamp renewal (RFC 4998 5.2): a new time-stamp over the hash of the last one. */
export async function renewEvidenceRecord(record: Uint8Array, tsa: TimestampAuthority, alg: Alg = 'sha256'): Promise<Uint8Array> {
  const er = decodeEvidenceRecord(record);
  const chain = er.chains[er.chains.length - 1];
  const last = chain?.[chain.length - 1];
  if (!chain || !last) throw new RangeError('the evidence record has no time-stamp to renew');
  const token = await stamp(tsa, alg, hash(alg, last.token));
  chain.push({ digestAlgorithm: alg, reduced: [], token });
  if (!er.digestAlgorithms.includes(alg)) er.digestAlgorithms.push(alg);
  return encodeEvidenceRecord(er);
}

export interface EvidenceCheck {
  ok: boolean;
  /** time-stamp times, oldest first: the data existed no later than the first */
  times: Date[];
  detail: string;
}

/**
 * Verifies a record against the data object: the reduced hash tree leads to the time-stamped root,
 * each renewal covers the previous time-stamp, and every token is signed by a TSA chaining to
 * `trustAnchors`, checked at its own time.
 */
export async function verifyEvidenceRecord(record: Uint8Array, data: Uint8Array, trustAnchors: Uint8Array[]): Promise<EvidenceCheck> {
  const times: Date[] = [];
  let er;
  try {
    er = decodeEvidenceRecord(record);
  } catch (e) {
    return { ok: false, times, detail: `not an RFC 4998 evidence record: ${e instanceof Error ? e.message : String(e)}` };
  }
  const chain = er.chains.flat();
  if (chain.length === 0) return { ok: false, times, detail: 'the evidence record has no time-stamps' };
  let previous: ArchiveTimeStamp | undefined;
  for (const ats of chain) {
    let info;
    try {
      info = readToken(ats.token);
    } catch (e) {
      return { ok: false, times, detail: e instanceof Error ? e.message : String(e) };
    }
    if (info.digestAlgorithm !== OID[ats.digestAlgorithm]) return { ok: false, times, detail: 'the time-stamp uses another digest algorithm than its archive time-stamp' };
    const expected = previous ? hash(ats.digestAlgorithm, previous.token) : rootFromReduced(ats.digestAlgorithm, hash(ats.digestAlgorithm, data), ats.reduced);
    if (!expected || !same(expected, info.imprint)) {
      return { ok: false, times, detail: previous ? 'a renewal time-stamp does not cover the previous time-stamp' : 'the data does not hash to the time-stamped root' };
    }
    const report = await verifySignatures({ signature: ats.token }, { trustAnchors, validationTime: info.time });
    const indication = report.signatures[0]?.indication;
    if (indication !== 'TOTAL_PASSED') return { ok: false, times, detail: `the time-stamp of ${info.time.toISOString()} is not valid: ${report.signatures[0]?.message ?? 'no signer'}` };
    times.push(info.time);
    previous = ats;
  }
  return { ok: true, times, detail: `${times.length} time-stamp(s), the first at ${times[0]!.toISOString()}` };
}
