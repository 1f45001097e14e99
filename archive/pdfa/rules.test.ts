// Clause-level checks on small mutations of a conformant file, so the validator is exercised in CI
// even without the veraPDF corpus.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from './produce/produce.ts';
import { checkPdfa } from './validate.ts';

let base: string;
beforeAll(async () => {
  const pdf = await generateDocument({ title: 'Акт', author: 'Архив', created: '2026-01-15T12:00:00Z', documentId: 'rules' }, [{ text: 'Проверка правил PDF/A' }]);
  base = Buffer.from(pdf).toString('latin1');
});

const rules = (text: string): string[] => checkPdfa(Uint8Array.from(Buffer.from(text, 'latin1'))).errors.map((e) => e.rule);
const once = (text: string, from: string | RegExp, to: string | ((m: string, ...groups: string[]) => string)): string => {
  const out = typeof to === 'string' ? text.replace(from, to) : text.replace(from, to);
  if (out === text) throw new Error(`mutation ${String(from)} did not apply`);
  return out;
};

describe('PDF/A rules on mutated files', () => {
  it('starts from a conformant file', () => {
    expect(rules(base)).toEqual([]);
  });
  it('6.1.2: header version', () => {
    expect(rules(once(base, '%PDF-1.7', '%PDF-1.9'))).toContain('6.1.2-1');
  });
  it('6.1.3: data after %%EOF and a missing ID', () => {
    expect(rules(`${base}garbage`)).toContain('6.1.3-3');
    expect(rules(once(base, /\/ID \[/, '/XD ['))).toContain('6.1.3-1');
  });
  it('6.1.9: spacing around obj', () => {
    expect(rules(once(base, /\n2 0 obj\n/, '\n2 0  obj\n'))).toContain('6.1.9-1');
  });
  it('6.1.7.1: stream Length', () => {
    expect(rules(once(base, /\/Length (\d+)/, (_m: string, n: string) => `/Length ${Number(n) + 5}`))).toContain('6.1.7.1-1');
  });
  it('6.6.4: PDF/A identification', () => {
    expect(rules(once(base, '<pdfaid:part>2</pdfaid:part>', '<pdfaid:part>1</pdfaid:part>'))).toContain('6.6.4-2');
    expect(rules(once(base, '<pdfaid:conformance>B</pdfaid:conformance>', '<pdfaid:conformance>X</pdfaid:conformance>'))).toContain('6.6.4-3');
  });
  it('6.6.2.3.1: a predefined property with the wrong value type', () => {
    // Same length, so offsets and Length stay right.
    expect(rules(once(base, '<pdf:Producer>', '<pdf:Keywords>').replace('</pdf:Producer>', '</pdf:Keywords>'))).toEqual([]);
    const bad = once(base, /<xmp:CreateDate>[^<]*<\/xmp:CreateDate>/, (m: string) => m.replace(/>[^<]*</, `>${'x'.repeat(m.length - '<xmp:CreateDate></xmp:CreateDate>'.length)}<`));
    expect(rules(bad)).toContain('6.6.2.3.1-2');
  });
  it('6.6.2.1: XMP packet header attributes', () => {
    expect(rules(once(base, 'id="W5M0MpCehiHzreSzNTczkc9d"', 'bytes="1234567890123456789"'))).toContain('6.6.2.1-2');
  });
  it('6.1.3, 6.1.4: "trailer" and "xref" inside stream data are data, not the file structure', () => {
    const extra = '<!-- xref trailer << /Encrypt 1 0 R >> -->\n';
    const end = base.indexOf('<?xpacket end');
    const obj = base.lastIndexOf(' obj', end);
    const length = /\/Length (\d+)/.exec(base.slice(obj, end))!;
    const at = obj + length.index;
    const mutated = `${base.slice(0, at)}/Length ${Number(length[1]) + extra.length}${base.slice(at + length[0].length, end)}${extra}${base.slice(end)}`;
    expect(rules(mutated)).toEqual([]);
    expect(rules(once(base, '%%EOF', `xref 0 1\ntrailer\n<< /Encrypt 1 0 R >>\n%%EOF`))).toEqual(expect.arrayContaining(['6.1.3-2', '6.1.4-2']));
  });
  it('6.2.4.3 and 6.2.3: without the output intent DeviceRGB text is not allowed', () => {
    expect(rules(once(base, '/S /GTS_PDFA1', '/S /GTS_PDFX1'))).toEqual(expect.arrayContaining(['6.2.4.3-2']));
  });
});
