// The archival pipeline through the HTTP API: a registered card with a PDF and a GOST signature is filed,
// archived, packaged by the worker, downloaded as a ZIP and verified offline; tampering with any part is caught;
// the evidence record verifies; fixity detects a changed stored file; a later change becomes a new OCFL version.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageZip, verifyPackage } from '../../../archive/index.ts';
import { loadManifest, readFixture } from '../../../signature/fixtures/manifest.ts';
import { JobWorker } from '../../jobs/worker.ts';
import { hashedObjectPath } from '../../archive/packages/ocflStore.ts';
import { configureArchive } from '../../archive/packages/archiveConfig.ts';
import { scheduleAlgorithmRenewals } from '../../archive/packages/evidenceJobs.ts';
import { opensslAvailable } from '../../archive/packages/timestamping.ts';
import { startTestServer, type TestClient, type TestServer } from '../../testing/testServer.ts';
import { withEmbeddedCrls } from '../../archive/packages/cadesFixture.ts';

const fixtures = loadManifest();
const gost = fixtures.find((c) => c.name === 'gost256A-detached-der');
const pades = fixtures.find((c) => c.name === 'pades-gost256A-dss');
const openssl = opensslAvailable();
if (!gost || !pades) console.warn('[skip] archive packages: signature/fixtures/out (gost256A-detached-der, pades-gost256A-dss) is missing');
if (!openssl) console.warn('[skip] archive packages: openssl is needed for the local test TSA (openssl ts -reply)');

const BIN = fileURLToPath(new URL('../../../bin/kartoteka', import.meta.url));

/** `kartoteka archive verify <zip> --json`: the verifier an archive would run decades later, without the server. */
function cliVerify(path: string): Promise<{ code: number; out: { valid: boolean; checks: { name: string; ok: boolean }[] } }> {
  return new Promise((resolve) => {
    execFile(BIN, ['archive', 'verify', path, '--json'], (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: JSON.parse(stdout) as { valid: boolean; checks: { name: string; ok: boolean }[] } });
    });
  });
}

async function letterPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2026-11-20T09:00:00Z'));
  doc.setModificationDate(new Date('2026-11-20T09:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Letter about the road repair on Lenin street, 2026', { x: 50, y: 780, size: 12, font });
  return doc.save();
}

interface Pkg {
  id: string;
  status: string;
  currentVersion: number;
  fixityAlert: boolean;
  lastFixityResult: string | null;
  notes: { file: string; kind: string; message: string }[];
  files: { path: string; role: string }[];
  signatures: { indications: string[]; signature: string; signs: string }[];
  pdfa: { conformant: boolean }[];
  versions: { version: string; message: string }[];
  evidence: { trusted: boolean; label: string; current: boolean; algorithm: string }[];
  fixity: { result: string; trigger: string }[];
}

describe.skipIf(!gost || !pades || !openssl)('archival packages through the API', () => {
  let srv: TestServer;
  let clerk: TestClient;
  let archivist: TestClient;
  let worker: JobWorker;
  let tmp = '';
  let cardId = '';
  let packageId = '';

  const drain = () => worker.drain();
  const zipOf = async (): Promise<Uint8Array> => {
    const res = await fetch(`${srv.url}/api/packages/${packageId}/download`, { headers: { cookie: [...archivist.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/zip');
    return new Uint8Array(await res.arrayBuffer());
  };
  const verifyZip = async (bytes: Uint8Array, name: string) => {
    const p = join(tmp, name);
    writeFileSync(p, bytes);
    return verifyPackage(p);
  };
  const detail = async (): Promise<Pkg> => (await archivist.get<Pkg>(`/api/packages/${packageId}`)).body;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'kartoteka-pkg-test-'));
    srv = await startTestServer();
    clerk = await srv.login('clerk');
    archivist = await srv.login('archivist');
    const admin = await srv.login('admin');
    worker = new JobWorker(srv.rt.knex, srv.rt.blobs, pino({ level: 'silent' }), { kinds: ['signature.verify', 'search.index_card', 'archive.package_card', 'archive.evidence', 'archive.evidence_renew', 'archive.fixity'] });
    const root = Buffer.from(readFixture(gost!.trust[0]!)).toString('utf8');
    expect((await admin.post('/api/trust-anchors', { bundle: root })).status).toBe(201);

    const signature = withEmbeddedCrls(readFixture(gost!.signature!), gost!.crl.map(readFixture));
    const ids = [
      (await clerk.upload(await letterPdf(), 'письмо.pdf')).body.id,
      (await clerk.upload(readFixture(gost!.data!), 'doc.txt')).body.id,
      (await clerk.upload(signature, 'doc.txt.sig')).body.id,
      // A PDF with an embedded GOST signature and its CRL in the document security store (PAdES-LT).
      (await clerk.upload(readFixture(pades!.pdf!), 'подписанный.pdf')).body.id,
    ];
    const card = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: 'О ремонте дороги по ул. Ленина', fileIds: ids });
    expect(card.status).toBe(201);
    cardId = card.body.id;
    await drain();
  });
  afterAll(async () => {
    await srv?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('archives only filed cards, with If-Match, and only for archivists and administrators', async () => {
    const checks = (await clerk.get<{ items: { status: string }[] }>(`/api/cards/${cardId}/signatures`)).body.items;
    expect(checks.map((c) => c.status)).toEqual(['passed', 'passed']);
    let card = await clerk.get<{ version: number }>(`/api/cards/${cardId}`);
    expect((await archivist.post<{ code: string }>(`/api/cards/${cardId}/archive`, {}, { 'if-match': `"v${card.body.version}"` })).body.code).toBe('CARD_TRANSITION_FORBIDDEN');
    const filed = await clerk.post(`/api/cards/${cardId}/file-in-case`, { caseIndex: '01-10' }, { 'if-match': `"v${card.body.version}"` });
    expect(filed.status).toBe(200);
    card = await clerk.get<{ version: number }>(`/api/cards/${cardId}`);
    expect((await clerk.post(`/api/cards/${cardId}/archive`, {}, { 'if-match': `"v${card.body.version}"` })).status).toBe(403);
    expect((await archivist.post<{ code: string }>(`/api/cards/${cardId}/archive`, {})).status).toBe(428);
    expect((await archivist.post(`/api/cards/${cardId}/archive`, {}, { 'if-match': `"v${card.body.version - 1}"` })).status).toBe(412);
    const archived = await archivist.post<{ id: string; status: string }>(`/api/cards/${cardId}/archive`, {}, { 'if-match': `"v${card.body.version}"` });
    expect(archived.status, JSON.stringify(archived.body)).toBe(202);
    expect(archived.body.status).toBe('pending');
    packageId = archived.body.id;
    expect((await clerk.get(`/api/packages/${packageId}`)).status).toBe(403);
    expect((await clerk.get<{ status: string }>(`/api/cards/${cardId}`)).body.status).toBe('archived');
  });

  it('packages the card: originals, signature with evidence, PDF/A copy, metadata; the ZIP verifies offline', async () => {
    await drain();
    const pkg = await detail();
    expect(pkg.status).toBe('packaged');
    const roles = new Set(pkg.files.map((f) => f.role));
    for (const r of ['original', 'signature', 'pdfa', 'descriptive-metadata', 'preservation-metadata', 'signature-report', 'signature-evidence', 'trust-anchor', 'pdfa-report', 'documentation']) expect(roles).toContain(r);
    // The detached GOST signature and the one embedded in the PDF (PAdES), both re-verifiable offline.
    expect(pkg.signatures).toEqual([expect.objectContaining({ indications: ['TOTAL_PASSED'] }), expect.objectContaining({ indications: ['TOTAL_PASSED'] })]);
    expect(pkg.signatures.filter((x) => x.signature === x.signs).map((x) => x.signs)).toEqual(['representations/rep-original/подписанный.pdf']);
    expect(pkg.pdfa.every((p) => p.conformant)).toBe(true);
    expect(pkg.notes.some((n) => n.file === 'doc.txt' && n.kind === 'no-rendition')).toBe(true);
    // The embedded signature's report and evidence are filed like a detached one's, with no note of doubt.
    expect(pkg.notes).not.toContainEqual(expect.objectContaining({ file: 'подписанный.pdf', kind: 'signature' }));
    const server = await archivist.get<{ valid: boolean; checks: { name: string; ok: boolean }[] }>(`/api/packages/${packageId}/verify`);
    expect(server.body.checks.filter((c) => !c.ok)).toEqual([]);
    expect(server.body.valid).toBe(true);
    const listed = await archivist.get<{ items: { id: string }[] }>(`/api/packages?q=${encodeURIComponent('Ленина')}`);
    expect(listed.body.items.map((i) => i.id)).toEqual([packageId]);
  });

  it('archive search: case index, years, fund, text and kind, with the package of each hit', async () => {
    type Found = { items: { id: string; package: { id: string } | null }[] };
    const year = new Date().getFullYear();
    const byCase = await archivist.get<Found>(`/api/archive/search?caseIndex=01-10&yearFrom=${year}&yearTo=${year}&kind=incoming`);
    expect(byCase.status).toBe(200);
    expect(byCase.body.items.map((i) => i.id)).toEqual([cardId]);
    expect(byCase.body.items[0]?.package?.id).toBe(packageId);
    expect((await archivist.get<Found>(`/api/archive/search?q=${encodeURIComponent('ремонте дороги')}&archivedOnly=true`)).body.items.map((i) => i.id)).toEqual([cardId]);
    expect((await archivist.get<Found>('/api/archive/search?caseIndex=99-99')).body.items).toEqual([]);
    expect((await archivist.get<Found>('/api/archive/search?yearTo=2000')).body.items).toEqual([]);
    expect((await archivist.get<Found>('/api/archive/search?fund=00000000-0000-4000-8000-000000000000')).body.items).toEqual([]);
    expect((await archivist.get<Found>('/api/archive/search?kind=outgoing')).body.items).toEqual([]);
    expect((await clerk.get('/api/archive/search')).status).toBe(403);
  });

  it('adds an RFC 4998 evidence record from the local TSA, labelled untrusted, as OCFL v2', async () => {
    const pkg = await detail();
    expect(pkg.evidence).toHaveLength(1);
    expect(pkg.evidence[0]).toMatchObject({ trusted: false, current: true });
    expect(pkg.evidence[0]?.label).toMatch(/UNTRUSTED/);
    expect(pkg.currentVersion).toBe(2);
    expect(pkg.versions.map((v) => v.version)).toEqual(['v1', 'v2']);
    const result = await verifyZip(await zipOf(), 'v2.zip');
    const cli = await cliVerify(join(tmp, 'v2.zip'));
    expect(cli.code).toBe(0);
    expect(cli.out.valid).toBe(true);
    const er = result.checks.find((c) => c.name === 'evidence-records');
    expect(er?.ok).toBe(true);
    expect(er?.detail).toMatch(/1 time-stamp/);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('the ZIP is deterministic, and a flipped byte in any part makes it invalid', async () => {
    const zip = await zipOf();
    expect(Buffer.compare(Buffer.from(zip), Buffer.from(await zipOf()))).toBe(0);
    const entries = unzipSync(zip);
    const parts = {
      original: /content\/representations\/rep-original\/письмо\.pdf$/,
      signature: /content\/representations\/rep-original\/doc\.txt\.sig$/,
      pdfa: /content\/representations\/rep-pdfa\//,
      metadata: /content\/metadata\/descriptive\//,
      evidence: /content\/evidence\/signatures\/.*report\.json$/,
      record: /content\/evidence\/records\/package\.json\.ers$/,
      anchor: /content\/package\.json$/,
    };
    for (const [part, re] of Object.entries(parts)) {
      const path = Object.keys(entries).find((k) => re.test(k));
      expect(path, part).toBeDefined();
      const files = new Map(Object.entries(entries).map(([k, v]) => [k, Uint8Array.from(v)]));
      const bytes = files.get(path!)!;
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      const result = await verifyZip(packageZip(files), `tampered-${part}.zip`);
      expect(result.valid, part).toBe(false);
    }
    const cli = await cliVerify(join(tmp, 'tampered-anchor.zip'));
    expect(cli.code).toBe(1);
    expect(cli.out.checks.filter((c) => !c.ok).map((c) => c.name)).toContain('ocfl-digests');
  });

  it('a later change (signatures re-verified) becomes a new OCFL version; an unchanged card writes none', async () => {
    await archivist.post(`/api/packages/${packageId}/repackage`);
    await drain();
    expect((await detail()).currentVersion).toBe(2);
    expect((await clerk.post(`/api/cards/${cardId}/signatures/verify`)).status).toBe(202);
    await drain();
    await archivist.post(`/api/packages/${packageId}/repackage`);
    await drain();
    const pkg = await detail();
    // v3: the new package content; v4: its evidence record.
    expect(pkg.versions.map((v) => v.version)).toEqual(['v1', 'v2', 'v3', 'v4']);
    const result = await verifyZip(await zipOf(), 'v4.zip');
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('renews the evidence record (a time-stamp over the previous one) as a further version that still verifies', async () => {
    const before = await detail();
    const due = srv.rt.knex('jobs').where({ kind: 'archive.evidence_renew', state: 'queued' });
    // Each batch scheduled its renewal before the TSA certificate expires.
    const queued = (await due.clone().count('* as n').first()) as { n: string | number };
    expect(Number(queued.n)).toBeGreaterThanOrEqual(1);
    await due.clone().update({ run_at: srv.rt.knex.fn.now() });
    await drain();
    const after = await detail();
    expect(after.currentVersion).toBe(before.currentVersion + 1);
    expect(after.evidence).toHaveLength(2);
    expect(after.evidence[0]).toMatchObject({ current: true, trusted: false });
    const result = await verifyZip(await zipOf(), 'renewed.zip');
    expect(result.checks.find((c) => c.name === 'evidence-records')?.detail).toMatch(/2 time-stamp/);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('renews the hash tree with a stronger digest when ERS_HASH_ALGORITHM is raised (RFC 4998 hash-tree renewal)', async () => {
    const before = await detail();
    configureArchive(srv.config, { ...process.env, ERS_HASH_ALGORITHM: 'sha512' });
    try {
      expect(await scheduleAlgorithmRenewals(srv.rt.knex)).toBeGreaterThanOrEqual(1);
      await drain();
      const after = await detail();
      expect(after.currentVersion).toBe(before.currentVersion + 1);
      expect(after.evidence.map((e) => e.algorithm)).toEqual(['sha512', 'sha256', 'sha256']);
      expect(after.evidence[0]).toMatchObject({ current: true });
      const audit = (await srv.rt.knex('audit_log').where({ action: 'archive.evidence_rehashed', object_id: packageId }).first('payload')) as { payload: { from: string; to: string } } | undefined;
      expect(audit?.payload).toMatchObject({ from: 'sha256', to: 'sha512' });
      const result = await verifyZip(await zipOf(), 'rehashed.zip');
      expect(result.checks.find((c) => c.name === 'evidence-records')?.detail).toMatch(/3 time-stamp\(s\) in 2 chain\(s\) \(sha256 → sha512\)/);
      expect(result.checks.filter((c) => !c.ok)).toEqual([]);
      // Once renewed, nothing is left in the old algorithm to renew.
      expect(await scheduleAlgorithmRenewals(srv.rt.knex)).toBe(0);
    } finally {
      configureArchive(srv.config);
    }
  });

  it('fixity: on demand and scheduled, a changed stored byte is detected, audited and flagged', async () => {
    const manual = await archivist.post<{ result: string; bytes: number }>(`/api/packages/${packageId}/fixity`);
    expect(manual.body.result).toBe('ok');
    expect(manual.body.bytes).toBeGreaterThan(0);
    const pkg = await detail();
    const content = pkg.files.find((f) => f.path.endsWith('письмо.pdf') && f.role === 'original');
    expect(content).toBeDefined();
    const onDisk = join(srv.dataDir, 'ocfl', hashedObjectPath(`urn:kartoteka:card:${cardId}`), 'v1', 'content', content!.path);
    const bytes = readFileSync(onDisk);
    bytes[10]! ^= 0x01;
    writeFileSync(onDisk, bytes);
    await srv.rt.knex('archive_packages').where({ id: packageId }).update({ last_fixity_at: null });
    await srv.rt.knex('jobs').where({ kind: 'archive.fixity', state: 'queued' }).update({ run_at: srv.rt.knex.fn.now() });
    await drain();
    const after = await detail();
    expect(after.fixityAlert).toBe(true);
    expect(after.lastFixityResult).toBe('mismatch');
    expect(after.fixity.map((f) => `${f.trigger}:${f.result}`)).toEqual(expect.arrayContaining(['scheduled:mismatch', 'manual:ok']));
    const failed = (await srv.rt.knex('audit_log').where({ action: 'archive.fixity_failed', object_id: packageId }).count('* as n').first()) as { n: string | number };
    expect(Number(failed.n)).toBeGreaterThan(0);
    const alerts = await archivist.get<{ items: { package: { id: string }; lastCheck: { problems: { code: string }[] } }[] }>('/api/archive/fixity-alerts');
    expect(alerts.body.items.map((a) => a.package.id)).toEqual([packageId]);
    expect(alerts.body.items[0]?.lastCheck.problems.length).toBeGreaterThan(0);
    expect((await archivist.get<{ valid: boolean }>(`/api/packages/${packageId}/verify`)).body.valid).toBe(false);
  });
});
