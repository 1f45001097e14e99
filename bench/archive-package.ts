// Archive throughput: packages per second for a typical card (3-page A4 scan at 200 dpi plus a
// detached GOST R 34.10-2012 signature with its CRLs), excluding OCR; and offline verification
// speed compared with plain hashing of the same bytes (verification should be hashing-bound).
// Usage: npx tsx bench/archive-package.ts [packages]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { streebog256, verifySignatures } from '../signature/index.ts';
import { buildPackage, imagesToPdfa, memoryTree, verifyTree, type PackageInput } from '../archive/index.ts';

const N = Number(process.argv[2] ?? 20);
const FIX = new URL('../signature/fixtures/out/', import.meta.url);
const pemToDer = (pem: string): Uint8Array => Uint8Array.from(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

function scanPage(n: number): Uint8Array {
  const c = createCanvas(1654, 2339);
  const g = c.getContext('2d');
  g.fillStyle = '#f4f1ea';
  g.fillRect(0, 0, 1654, 2339);
  g.fillStyle = '#222';
  g.font = '28px serif';
  for (let y = 200; y < 2200; y += 44) g.fillText(`Страница ${n}. Строка ${y}: входящее письмо, резолюция, исполнитель, срок исполнения.`, 120, y);
  return new Uint8Array(c.encodeSync('jpeg', 80));
}

const data = new Uint8Array(readFileSync(new URL('doc.txt', FIX)));
const signature = new Uint8Array(readFileSync(new URL('gost256A/detached.p7s', FIX)));
const anchor = pemToDer(readFileSync(new URL('trust/gost256A-root.pem', FIX), 'utf8'));
const crls = ['gost256A/inter.crl', 'gost256A/root.crl'].map((p) => new Uint8Array(readFileSync(new URL(p, FIX))));
const report = await verifySignatures({ data, signature }, { trustAnchors: [anchor], crls, validationTime: new Date('2026-11-24T10:00:00Z') });
const pages = [1, 2, 3].map(scanPage);
const scanBytes = pages.reduce((n, p) => n + p.length, 0);

let packageBytes = 0;
let last: Map<string, Uint8Array> | undefined;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const meta = { title: `Входящее письмо № ${i}`, author: 'Канцелярия', created: '2026-01-15T09:00:00+03:00', documentId: `card-${i}` };
  const pdfa = await imagesToPdfa(meta, pages.map((image) => ({ image, kind: 'jpeg' as const, dpi: 200 })));
  const input: PackageInput = {
    id: `urn:kartoteka:card:${i}`,
    kind: 'card',
    created: '2026-01-15T09:00:00+03:00',
    agent: { name: 'Архивист', address: 'mailto:archive@example.org' },
    descriptive: { number: String(i), correspondent: 'ООО «Ромашка»' },
    originals: [{ name: 'letter.txt', bytes: data, mime: 'text/plain' }],
    signatures: [{ name: 'letter.txt.p7s', bytes: signature, signs: 'letter.txt', report, trustAnchors: [anchor] }],
    pdfa: [{ name: 'letter.pdf', bytes: pdfa, mime: 'application/pdf' }],
  };
  last = buildPackage(input).files;
  packageBytes += [...last.values()].reduce((n, b) => n + b.length, 0);
}
const buildMs = performance.now() - t0;

const files = last!;
const size = [...files.values()].reduce((n, b) => n + b.length, 0);
const V = Math.max(5, Math.floor(N / 2));
const t1 = performance.now();
for (let i = 0; i < V; i++) {
  const r = await verifyTree(memoryTree(files));
  if (!r.valid) throw new Error(`verification failed: ${JSON.stringify(r.checks.filter((c) => !c.ok))}`);
}
const verifyMs = performance.now() - t1;
const t2 = performance.now();
for (let i = 0; i < V; i++) {
  for (const b of files.values()) {
    createHash('sha512').update(b).digest();
    createHash('sha256').update(b).digest();
    streebog256(b);
  }
}
const hashMs = performance.now() - t2;

const mb = (bytes: number, ms: number): string => `${((bytes / 1e6) / (ms / 1000)).toFixed(1)} MB/s`;
console.log(`typical card: 3-page scan (${(scanBytes / 1e6).toFixed(2)} MB JPEG), GOST detached signature; package ${(size / 1e6).toFixed(2)} MB`);
console.log(`build (PDF/A conversion + PDF/A validation + package): ${N} packages in ${buildMs.toFixed(0)} ms → ${((N * 1000) / buildMs).toFixed(1)} packages/s, ${mb(packageBytes, buildMs)}`);
console.log(`offline verification (OCFL, every digest once per algorithm, anchor, PDF/A re-validation, signature): ${mb(size * V, verifyMs)}, ${((V * 1000) / verifyMs).toFixed(1)} packages/s`);
console.log(`plain hashing of the same bytes (SHA-512 + SHA-256 + Streebog-256): ${mb(size * V, hashMs)}`);
