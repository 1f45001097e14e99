// RFC 4998 EvidenceRecord encoding: one ArchiveTimeStampChain of one ArchiveTimeStamp per record
// (renewals append ArchiveTimeStamps to the chain).
import * as asn1js from 'asn1js';
import { OID } from './tsp.ts';

export interface ArchiveTimeStamp {
  digestAlgorithm: 'sha256' | 'sha512';
  reduced: Uint8Array[][];
  token: Uint8Array;
}

export interface EvidenceRecord {
  digestAlgorithms: ('sha256' | 'sha512')[];
  chains: ArchiveTimeStamp[][];
}

const buf = (u: Uint8Array): ArrayBuffer => Uint8Array.from(u).buffer;
const algId = (a: 'sha256' | 'sha512'): asn1js.Sequence => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID[a] })] });
const algName = (oid: string): 'sha256' | 'sha512' => {
  if (oid === OID.sha256) return 'sha256';
  if (oid === OID.sha512) return 'sha512';
  throw new RangeError(`unsupported digest algorithm ${oid}`);
};

export function encodeEvidenceRecord(er: EvidenceRecord): Uint8Array {
  const ats = (a: ArchiveTimeStamp): asn1js.Sequence => {
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
  };
  const seq = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Sequence({ value: er.digestAlgorithms.map(algId) }),
      new asn1js.Sequence({ value: er.chains.map((chain) => new asn1js.Sequence({ value: chain.map(ats) })) }),
    ],
  });
  return new Uint8Array(seq.toBER(false));
}

export function decodeEvidenceRecord(der: Uint8Array): EvidenceRecord {
  const ber = asn1js.fromBER(buf(der));
  if (ber.offset === -1 || !(ber.result instanceof asn1js.Sequence)) throw new RangeError('not an EvidenceRecord');
  const [version, algs, ...rest] = ber.result.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 1) throw new RangeError('EvidenceRecord version is not 1');
  const seqOf = (b: asn1js.BaseBlock | undefined): asn1js.BaseBlock[] => (b instanceof asn1js.Sequence ? b.valueBlock.value : []);
  const digestAlgorithms = seqOf(algs).map((a) => algName((seqOf(a)[0] as asn1js.ObjectIdentifier).valueBlock.toString()));
  const sequence = rest[rest.length - 1];
  const chains = seqOf(sequence).map((chain) =>
    seqOf(chain).map((atsBlock): ArchiveTimeStamp => {
      let digestAlgorithm: 'sha256' | 'sha512' = digestAlgorithms[0] ?? 'sha256';
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
  return { digestAlgorithms, chains };
}
