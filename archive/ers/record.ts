// RFC 4998 EvidenceRecord encoding. A record starts with one ArchiveTimeStampChain of one ArchiveTimeStamp;
// time-stamp renewals append ArchiveTimeStamps to the last chain, hash-tree renewals start a new chain.
import * as asn1js from 'asn1js';
import { ERS_ALGORITHMS, OID, type ErsAlgorithm } from './tsp.ts';

export interface ArchiveTimeStamp {
  digestAlgorithm: ErsAlgorithm;
  reduced: Uint8Array[][];
  token: Uint8Array;
}

export interface EvidenceRecord {
  digestAlgorithms: (ErsAlgorithm)[];
  chains: ArchiveTimeStamp[][];
  /**
   * Each chain's DER exactly as read (decoding only): a hash-tree renewal covers the earlier chains' bytes, so a
   * verifier must hash what was time-stamped, not a re-encoding of it.
   */
  encodedChains?: Uint8Array[];
}

const buf = (u: Uint8Array): ArrayBuffer => Uint8Array.from(u).buffer;
const algId = (a: ErsAlgorithm): asn1js.Sequence => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID[a] })] });
const algName = (oid: string): ErsAlgorithm => {
  const found = ERS_ALGORITHMS.find((a) => OID[a] === oid);
  if (!found) throw new RangeError(`unsupported digest algorithm ${oid}`);
  return found;
};

function atsSchema(a: ArchiveTimeStamp): asn1js.Sequence {
  const token = asn1js.fromBER(buf(a.token)).result;
  const parts: asn1js.BaseBlock[] = [
    new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.ObjectIdentifier({ value: OID[a.digestAlgorithm] })] }),
  ];
  if (a.reduced.length > 0) {
    parts.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 2 },
        value: a.reduced.map((group) => new asn1js.Sequence({ value: group.map((h) => new asn1js.OctetString({ valueHex: buf(h) })) })),
      }),
    );
  }
  parts.push(token);
  return new asn1js.Sequence({ value: parts });
}

const chainSchema = (chain: ArchiveTimeStamp[]): asn1js.Sequence => new asn1js.Sequence({ value: chain.map(atsSchema) });

export function encodeEvidenceRecord(er: EvidenceRecord): Uint8Array {
  const seq = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Sequence({ value: er.digestAlgorithms.map(algId) }),
      new asn1js.Sequence({ value: er.chains.map(chainSchema) }),
    ],
  });
  return new Uint8Array(seq.toBER(false));
}

/**
 * RFC 4998 5.2, hash-tree renewal step 3: the DER ArchiveTimeStampSequence of the chains before the new one (the
 * chains' own bytes when the record was read, so that a record written by another implementation verifies).
 */
export function encodedSequenceOf(er: EvidenceRecord, chainCount: number): Uint8Array {
  const chains = er.chains.slice(0, chainCount).map((chain, i) => er.encodedChains?.[i] ?? new Uint8Array(chainSchema(chain).toBER(false)));
  const body = Buffer.concat(chains);
  return Uint8Array.from(Buffer.concat([derHeader(0x30, body.length), body]));
}

function derHeader(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

export function decodeEvidenceRecord(der: Uint8Array): EvidenceRecord {
  const ber = asn1js.fromBER(buf(der));
  if (ber.offset === -1 || !(ber.result instanceof asn1js.Sequence)) throw new RangeError('not an EvidenceRecord');
  const [version, algs, ...rest] = ber.result.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 1) throw new RangeError('EvidenceRecord version is not 1');
  const seqOf = (b: asn1js.BaseBlock | undefined): asn1js.BaseBlock[] => (b instanceof asn1js.Sequence ? b.valueBlock.value : []);
  const digestAlgorithms = seqOf(algs).map((a) => algName((seqOf(a)[0] as asn1js.ObjectIdentifier).valueBlock.toString()));
  const sequence = rest[rest.length - 1];
  const encodedChains = seqOf(sequence).map((chain) => Uint8Array.from(chain.valueBeforeDecodeView));
  const chains = seqOf(sequence).map((chain) =>
    seqOf(chain).map((atsBlock): ArchiveTimeStamp => {
      let digestAlgorithm: ErsAlgorithm = digestAlgorithms[0] ?? 'sha256';
      let reduced: Uint8Array[][] = [];
      let token: Uint8Array | undefined;
      for (const part of seqOf(atsBlock)) {
        const tag = part.idBlock;
        if (tag.tagClass === 3 && tag.tagNumber === 0) {
          const inner = (part as asn1js.Constructed).valueBlock.value[0];
          const oid = inner instanceof asn1js.ObjectIdentifier ? inner : (seqOf(inner)[0] as asn1js.ObjectIdentifier);
          digestAlgorithm = algName(oid.valueBlock.toString());
        } else if (tag.tagClass === 3 && tag.tagNumber === 2) {
          reduced = (part as asn1js.Constructed).valueBlock.value.map((g) => seqOf(g).map((h) => new Uint8Array((h as asn1js.OctetString).valueBlock.valueHexView)));
        } else if (tag.tagClass === 1) token = new Uint8Array(part.toBER(false));
      }
      if (!token) throw new RangeError('ArchiveTimeStamp without a time-stamp token');
      return { digestAlgorithm, reduced, token };
    }),
  );
  return { digestAlgorithms, chains, encodedChains };
}
