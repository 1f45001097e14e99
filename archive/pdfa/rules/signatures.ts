// ISO 19005-2 6.4.3: PDF signatures. The byte range must cover the whole file except the
// signature value, and the PKCS#7 object must carry the signing certificate and a single signer.
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import type { PdfFile } from '../file.ts';
import { PdfDict, PdfString, type PdfValue } from '../objects.ts';
import type { Findings } from '../report.ts';
import { numbers } from '../pages.ts';

/** Values of signature form fields: the document's signatures (usage-rights signatures under Perms are not). */
function signatureDictionaries(file: PdfFile): PdfDict[] {
  const out = new Set<PdfDict>();
  const seen = new Set<PdfDict>();
  const walk = (v: PdfValue | undefined, ft: string | undefined, depth: number): void => {
    const d = file.dictOf(v);
    if (!d || seen.has(d) || depth > 32) return;
    seen.add(d);
    const type = file.nameOf(d.get('FT')) ?? ft;
    if (type === 'Sig') {
      const sig = file.dictOf(d.get('V'));
      if (sig && sig.has('Contents')) out.add(sig);
    }
    const kids = file.resolve(d.get('Kids'));
    for (const k of Array.isArray(kids) ? kids : []) walk(k, type, depth + 1);
  };
  const fields = file.resolve(file.dictOf(file.catalog()?.get('AcroForm'))?.get('Fields'));
  for (const x of Array.isArray(fields) ? fields : []) walk(x, undefined, 0);
  return [...out];
}

export function checkSignatures(file: PdfFile, f: Findings): void {
  for (const sig of signatureDictionaries(file)) {
    const range = numbers(file, sig.get('ByteRange'));
    const b = file.buf;
    if (range && range.length === 4) {
      const [start, len1, off2, len2] = range as [number, number, number, number];
      const ok = start === 0 && b[len1] === 0x3c && b[off2 - 1] === 0x3e && off2 + len2 === b.length;
      if (!ok) f.add('6.4.3-1', 'the signature ByteRange does not cover the entire file except the signature value');
    } else if (file.nameOf(sig.get('Type')) !== 'DocTimeStamp') {
      f.add('6.4.3-1', 'a signature dictionary has no ByteRange of four integers');
    }
    const contents = file.resolve(sig.get('Contents'));
    if (!(contents instanceof PdfString)) continue;
    // The value is the DER object followed by zero padding up to the reserved width. The object's own length says
    // where it ends: stripping trailing zeros instead would cut a signature whose last byte happens to be 0x00.
    const bytes = contents.bytes;
    try {
      const ber = asn1js.fromBER(Uint8Array.from(bytes).buffer);
      if (ber.offset === -1) throw new Error(ber.result.error);
      if (bytes.subarray(ber.offset).some((x) => x !== 0)) throw new Error('bytes after the DER object are not zero padding');
      const signed = new SignedData({ schema: new ContentInfo({ schema: ber.result }).content });
      if (!signed.certificates || signed.certificates.length === 0) f.add('6.4.3-2', 'the PDF signature does not include the signing certificate');
      if (signed.signerInfos.length !== 1) f.add('6.4.3-3', `the PDF signature has ${signed.signerInfos.length} signers instead of one`);
    } catch {
      f.add('6.4.3-2', 'the signature value is not a DER-encoded PKCS#7 SignedData object');
    }
  }
}
