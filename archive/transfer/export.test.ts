import { unzipSync, strFromU8 } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { digest } from '../ocfl/digest.ts';
import { memoryTree } from '../ocfl/tree.ts';
import { buildPackage } from '../package/build.ts';
import { verifyTree } from '../package/verify.ts';
import { exportTransfer, type TransferInput } from './export.ts';

const enc = new TextEncoder();
const card = (n: number) =>
  buildPackage({
    id: `urn:kartoteka:card:${n}`,
    kind: 'card',
    created: '2026-01-15T09:00:00+03:00',
    agent: { name: 'Архивист', address: 'mailto:archive@example.org' },
    descriptive: { number: String(n) },
    originals: [{ name: `letter-${n}.txt`, bytes: enc.encode(`письмо ${n}`), mime: 'text/plain' }],
  });

describe('transfer export (E-ARK SIP in a BagIt zip)', () => {
  const input: TransferInput = {
    id: 'urn:kartoteka:transfer:2026-01',
    created: '2026-03-01T10:00:00+03:00',
    organisation: 'Администрация муниципального района',
    archive: 'Государственный архив области',
    packages: [card(2), card(1)].map((p) => ({ id: p.manifest.id, files: p.files })),
  };

  it('is reproducible, a complete bag, and carries packages that still verify', async () => {
    const a = exportTransfer(input);
    expect(Buffer.from(a).equals(Buffer.from(exportTransfer(input)))).toBe(true);
    const files = unzipSync(a);
    const top = Object.keys(files)[0]!.split('/')[0]!;
    const at = (p: string): Uint8Array => files[`${top}/${p}`]!;
    expect(strFromU8(at('bagit.txt'))).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const manifest = strFromU8(at('manifest-sha512.txt')).trim().split('\n').map((l) => l.split('  ') as [string, string]);
    const payload = Object.keys(files).filter((k) => k.startsWith(`${top}/data/`));
    expect(manifest.map(([, p]) => `${top}/${p}`).sort()).toEqual(payload.sort());
    for (const [d, p] of manifest) expect(digest('sha512', at(p))).toBe(d);
    const oxum = /Payload-Oxum: (\d+)\.(\d+)/.exec(strFromU8(at('bag-info.txt')))!;
    expect(Number(oxum[2])).toBe(payload.length);
    expect(Number(oxum[1])).toBe(payload.reduce((n, k) => n + files[k]!.length, 0));
    for (const line of strFromU8(at('tagmanifest-sha512.txt')).trim().split('\n')) {
      const [d, p] = line.split('  ') as [string, string];
      expect(digest('sha512', at(p))).toBe(d);
    }
    const metsPath = payload.find((k) => k.endsWith('/METS.xml'))!;
    const mets = strFromU8(files[metsPath]!);
    expect(XMLValidator.validate(mets)).toBe(true);
    expect(mets.match(/<file /g)?.length).toBe(payload.length - 1);
    // Each package inside the SIP is still a verifiable OCFL object.
    const sipRoot = metsPath.replace(/METS\.xml$/, '');
    for (const p of input.packages) {
      const prefix = `${sipRoot}representations/${p.id.replace(/[^A-Za-z0-9._-]+/g, '_')}/data/`;
      const inner = new Map(Object.entries(files).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
      expect((await verifyTree(memoryTree(inner))).valid).toBe(true);
    }
  });
});
