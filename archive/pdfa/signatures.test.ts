import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasOpenssl } from '../package/testSupport.ts';
import { checkPdfa } from './validate.ts';

const openssl = hasOpenssl();
if (!openssl) console.warn('skipped: PDF signature rules need openssl to make CMS objects');

/** A one-page PDF with a signature field whose value holds `cms`; ByteRange computed unless given. */
function signedPdf(cms: Uint8Array, byteRange?: number[]): Uint8Array {
  const hex = Buffer.from(cms).toString('hex').toUpperCase().padEnd(cms.length * 2 + 64, '0');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>',
    '<< /Type /Annot /Subtype /Widget /FT /Sig /T (S1) /F 132 /Rect [0 0 0 0] /P 3 0 R /V 5 0 R >>',
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [BR] /Contents <${hex}> >>`,
  ];
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n${xref}\n%%EOF\n`;
  // The placeholder keeps its width so offsets stay valid after the range is written in.
  const width = 40;
  let text = body.replace('[BR]', `[${' '.repeat(width)}]`);
  const c0 = text.indexOf('/Contents <') + 10;
  const c1 = text.indexOf('>', c0) + 1;
  const range = byteRange ?? [0, c0, c1, text.length - c1];
  text = text.replace(`[${' '.repeat(width)}]`, `[${range.join(' ').padEnd(width)}]`);
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

function cms(args: string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  try {
    const p = (f: string): string => join(dir, f);
    for (const n of ['a', 'b']) {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p(`${n}.key`), '-out', p(`${n}.pem`), '-days', '30', '-subj', `/CN=${n}`], { stdio: 'ignore' });
    }
    writeFileSync(p('data'), 'signed bytes');
    const signers = args.includes('two') ? ['-signer', p('a.pem'), '-inkey', p('a.key'), '-signer', p('b.pem'), '-inkey', p('b.key')] : ['-signer', p('a.pem'), '-inkey', p('a.key')];
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', p('data'), ...signers, ...(args.includes('nocerts') ? ['-nocerts'] : []), '-outform', 'DER', '-out', p('sig')], { stdio: 'ignore' });
    return new Uint8Array(readFileSync(p('sig')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rules = (pdf: Uint8Array): string[] => checkPdfa(pdf).errors.map((e) => e.rule).filter((r) => r.startsWith('6.4.3'));

describe.skipIf(!openssl)('PDF signatures (ISO 19005-2 6.4.3)', () => {
  it('accepts one signer with its certificate over the whole file', () => {
    expect(rules(signedPdf(cms([])))).toEqual([]);
  });
  it('accepts a signature value whose last byte is 0x00 (padding is found by the DER length, not by stripping zeros)', () => {
    const der = cms([]);
    // The SignerInfo's signature octets end the structure; a zero last byte keeps it well-formed DER.
    der[der.length - 1] = 0;
    expect(rules(signedPdf(der))).toEqual([]);
  });
  it('rejects bytes after the signature object that are not zero padding', () => {
    const der = cms([]);
    expect(rules(signedPdf(Uint8Array.from([...der, 0x01])))).toEqual(['6.4.3-2']);
  });
  it('rejects a byte range that leaves part of the file uncovered', () => {
    expect(rules(signedPdf(cms([]), [0, 100, 200, 50]))).toContain('6.4.3-1');
  });
  it('rejects a signature without the signing certificate', () => {
    expect(rules(signedPdf(cms(['nocerts'])))).toContain('6.4.3-2');
  });
  it('rejects two signers in one signature', () => {
    expect(rules(signedPdf(cms(['two'])))).toContain('6.4.3-3');
  });
});
