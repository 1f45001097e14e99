// Evidence records (RFC 4998): many data objects are hashed into one tree whose root is
// time-stamped once; each object gets its own record (reduced tree + token). Time-stamp renewal
// covers the previous time-stamp before the TSA's certificate expires (appending to the chain);
// hash-tree renewal covers the data and every chain again with a stronger digest (a new chain).
import { verifySignatures } from '../../signature/index.ts';
import { buildTree, hash, rootFromReduced } from './hashTree.ts';
import { decodeEvidenceRecord, encodedSequenceOf, encodeEvidenceRecord, type ArchiveTimeStamp, type EvidenceRecord } from './record.ts';
import { OID, readToken, timestampRequest, tokenFromResponse, TimestampError, type ErsAlgorithm, type TimestampAuthority } from './tsp.ts';

type Alg = ErsAlgorithm;

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

/**
 * A record decoded from our own encoding of it: renewals re-encode the whole record, so whatever a new time-stamp
 * covers must be computed from those bytes (a record written by another implementation may encode differently).
 */
const normalised = (record: Uint8Array): EvidenceRecord => decodeEvidenceRecord(encodeEvidenceRecord(decodeEvidenceRecord(record)));

function lastOf(er: EvidenceRecord): { chain: ArchiveTimeStamp[]; last: ArchiveTimeStamp } {
  const chain = er.chains[er.chains.length - 1];
  const last = chain?.[chain.length - 1];
  if (!chain || !last) throw new RangeError('the evidence record has no time-stamp to renew');
  return { chain, last };
}

/**
 * Time-stamp renewal (RFC 4998 5.2), before the TSA's certificate expires: one new time-stamp over a hash tree of
 * the records' last time-stamps (records of one batch share theirs, so usually a single leaf). Each record's last
 * chain grows by an ArchiveTimeStamp in that chain's own digest algorithm — a chain never changes algorithm; a
 * weakening algorithm calls for `renewHashTree`.
 */
export async function renewEvidenceRecords(records: Uint8Array[], tsa: TimestampAuthority): Promise<Uint8Array[]> {
  const decoded = records.map(normalised);
  const out: Uint8Array[] = new Array<Uint8Array>(records.length);
  for (const alg of new Set(decoded.map((er) => lastOf(er).last.digestAlgorithm))) {
    const members = decoded.flatMap((er, i) => (lastOf(er).last.digestAlgorithm === alg ? [i] : []));
    const leaves = distinct(members.map((i) => hash(alg, lastOf(decoded[i]!).last.token)));
    const tree = buildTree(alg, leaves);
    const token = await stamp(tsa, alg, tree.root);
    for (const i of members) {
      const er = decoded[i]!;
      const { chain, last } = lastOf(er);
      const leaf = leaves.findIndex((l) => same(l, hash(alg, last.token)));
      chain.push({ digestAlgorithm: alg, reduced: tree.reduced[leaf]!, token });
      out[i] = encodeEvidenceRecord(er);
    }
  }
  return out;
}

export async function renewEvidenceRecord(record: Uint8Array, tsa: TimestampAuthority): Promise<Uint8Array> {
  return (await renewEvidenceRecords([record], tsa))[0]!;
}

/**
 * Hash-tree renewal (RFC 4998 5.2), when the digest algorithm in use weakens: each data object is hashed again with
 * the new algorithm together with its record's whole ArchiveTimeStampSequence, h' = H(H(d) ‖ H(DER of the chains so
 * far)); the h' of every record go into one new hash tree under one time-stamp, and each record gets a new chain.
 * The data must be the object the record protects (checked first: renewing a record over other data would make a
 * new chain that proves nothing about the old one).
 */
export async function renewHashTree(items: { record: Uint8Array; data: Uint8Array }[], tsa: TimestampAuthority, alg: Alg): Promise<Uint8Array[]> {
  const decoded = items.map((it) => normalised(it.record));
  for (const [i, er] of decoded.entries()) {
    if (!coversData(er, items[i]!.data)) throw new RangeError(`record ${i + 1} does not protect the data given for its hash-tree renewal`);
  }
  const leaves = decoded.map((er, i) => renewedLeaf(alg, items[i]!.data, encodedSequenceOf(er, er.chains.length)));
  const tree = buildTree(alg, leaves);
  const token = await stamp(tsa, alg, tree.root);
  return decoded.map((er, i) => {
    er.chains.push([{ digestAlgorithm: alg, reduced: tree.reduced[i]!, token }]);
    if (!er.digestAlgorithms.includes(alg)) er.digestAlgorithms.push(alg);
    return encodeEvidenceRecord(er);
  });
}

/** The digest algorithm of the record's newest chain: the one a renewal keeps unless it weakens. */
export function currentAlgorithm(record: Uint8Array): Alg {
  return lastOf(decodeEvidenceRecord(record)).last.digestAlgorithm;
}

const renewedLeaf = (alg: Alg, data: Uint8Array, sequence: Uint8Array): Uint8Array => hash(alg, Uint8Array.from(Buffer.concat([hash(alg, data), hash(alg, sequence)])));

function distinct(list: Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const x of list) if (!out.some((y) => same(x, y))) out.push(x);
  return out;
}

/** The first chain's first time-stamp covers `data` (the hashes only; signatures are the verifier's business). */
function coversData(er: EvidenceRecord, data: Uint8Array): boolean {
  const first = er.chains[0]?.[0];
  if (!first) return false;
  const root = rootFromReduced(first.digestAlgorithm, hash(first.digestAlgorithm, data), first.reduced);
  return root !== undefined && same(root, readToken(first.token).imprint);
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
  if (er.chains.length === 0 || er.chains.some((c) => c.length === 0)) return { ok: false, times, detail: 'the evidence record has an empty time-stamp chain' };
  for (const [c, chain] of er.chains.entries()) {
    for (const [k, ats] of chain.entries()) {
      let info;
      try {
        info = readToken(ats.token);
      } catch (e) {
        return { ok: false, times, detail: e instanceof Error ? e.message : String(e) };
      }
      const alg = ats.digestAlgorithm;
      if (info.digestAlgorithm !== OID[alg]) return { ok: false, times, detail: 'the time-stamp uses another digest algorithm than its archive time-stamp' };
      if (alg !== chain[0]!.digestAlgorithm) return { ok: false, times, detail: `chain ${c + 1} changes its digest algorithm (RFC 4998 5.2 allows that only in a new chain)` };
      // The first time-stamp of the first chain covers the data; of a later chain, the data with every earlier chain
      // (hash-tree renewal); any other covers the time-stamp before it in its chain (time-stamp renewal).
      const leaf = k > 0 ? hash(alg, chain[k - 1]!.token) : c === 0 ? hash(alg, data) : renewedLeaf(alg, data, encodedSequenceOf(er, c));
      const root = rootFromReduced(alg, leaf, ats.reduced);
      if (!root || !same(root, info.imprint)) {
        const what = k > 0 ? 'a renewal time-stamp does not cover the previous time-stamp' : c === 0 ? 'the data does not hash to the time-stamped root' : `the hash-tree renewal of chain ${c + 1} does not cover the data and the earlier chains`;
        return { ok: false, times, detail: what };
      }
      const report = await verifySignatures({ signature: ats.token }, { trustAnchors, validationTime: info.time });
      const indication = report.signatures[0]?.indication;
      if (indication !== 'TOTAL_PASSED') return { ok: false, times, detail: `the time-stamp of ${info.time.toISOString()} is not valid: ${report.signatures[0]?.message ?? 'no signer'}` };
      if (times.length > 0 && info.time < times[times.length - 1]!) return { ok: false, times, detail: `the time-stamp of ${info.time.toISOString()} is older than the one it renews` };
      times.push(info.time);
    }
  }
  const algs = er.chains.map((chain) => chain[0]!.digestAlgorithm).join(' → ');
  return { ok: true, times, detail: `${times.length} time-stamp(s) in ${er.chains.length} chain(s) (${algs}), the first at ${times[0]!.toISOString()}` };
}
