// For the tests and the benchmark: a detached CMS signature with CRLs put into SignedData.crls, as a CAdES signer
// sends it, so that the server's signature check finds the revocation data inside the signature.
import { concat, raw } from '../../../signature/asn1.ts';
import { cmsParts, tlv } from '../../../signature/fixtures/der.ts';

export function withEmbeddedCrls(der: Uint8Array, crls: Uint8Array[]): Uint8Array {
  const p = cmsParts(der);
  const head = p.sd.slice(0, -1).filter((n) => n.tag !== 0xa1).map(raw);
  const body = concat(...head, tlv(0xa1, concat(...crls)), raw(p.sd[p.sd.length - 1]!));
  return tlv(0x30, concat(raw(p.ci[0]!), tlv(0xa0, tlv(0x30, body))));
}
