import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, opensslTsa } from '../package/testSupport.ts';
import { createEvidenceRecords, currentAlgorithm, renewEvidenceRecord, renewEvidenceRecords, renewHashTree, verifyEvidenceRecord } from './evidence.ts';
import { decodeEvidenceRecord, encodeEvidenceRecord } from './record.ts';
import { gostEngineAvailable, opensslGostTsa } from './testGostTsa.ts';
import type { TimestampAuthority } from './tsp.ts';

const openssl = hasOpenssl();
if (!openssl) console.warn('skipped: evidence record tests need openssl as an independent TSA (openssl ts -reply)');

let tsa: TimestampAuthority;
let tsaCert: Uint8Array = new Uint8Array();
let close = (): void => undefined;
beforeAll(() => {
  if (!openssl) return;
  const t = opensslTsa();
  tsa = t.tsa;
  tsaCert = t.certificate;
  close = t.close;
});
afterAll(() => close());

describe.skipIf(!openssl)('RFC 4998 evidence records', () => {
  const objects = ['a', 'b', 'c', 'd', 'e'].map((x) => new TextEncoder().encode(`package.json of card ${x}`));

  it('batches packages under one time-stamp and verifies each one offline', async () => {
    const records = await createEvidenceRecords(objects, tsa);
    expect(records).toHaveLength(5);
    for (const [i, r] of records.entries()) {
      const check = await verifyEvidenceRecord(r, objects[i]!, [tsaCert]);
      expect(check.detail).toMatch(/time-stamp/);
      expect(check.ok).toBe(true);
    }
    // A sibling in the first partial hash tree is covered too (RFC 4998 4.3); an object elsewhere is not.
    expect((await verifyEvidenceRecord(records[0]!, objects[4]!, [tsaCert])).ok).toBe(false);
    expect((await verifyEvidenceRecord(records[0]!, new TextEncoder().encode('other'), [tsaCert])).ok).toBe(false);
  });

  it('renews a record and still verifies the whole chain; an unknown TSA fails', async () => {
    const [record] = await createEvidenceRecords([objects[0]!], tsa);
    const renewed = await renewEvidenceRecord(record!, tsa);
    const check = await verifyEvidenceRecord(renewed, objects[0]!, [tsaCert]);
    expect(check.ok).toBe(true);
    expect(check.times).toHaveLength(2);
    expect(decodeEvidenceRecord(renewed).chains.map((c) => c.length)).toEqual([2]);
    expect((await verifyEvidenceRecord(renewed, objects[0]!, [])).ok).toBe(false);
  });

  it('renews the records of several batches under one time-stamp', async () => {
    const first = await createEvidenceRecords(objects.slice(0, 3), tsa);
    const second = await createEvidenceRecords(objects.slice(3), tsa);
    let requests = 0;
    const counting: TimestampAuthority = (q) => {
      requests += 1;
      return tsa(q);
    };
    const renewed = await renewEvidenceRecords([...first, ...second], counting);
    expect(requests).toBe(1);
    for (const [i, r] of renewed.entries()) {
      const check = await verifyEvidenceRecord(r, objects[i]!, [tsaCert]);
      expect(check.detail).toMatch(/2 time-stamp/);
      expect(check.ok).toBe(true);
    }
    // The shared renewal vouches for the two batches' time-stamps, not for a third one renewed elsewhere.
    const [other] = await createEvidenceRecords([objects[0]!], tsa);
    const swapped = decodeEvidenceRecord(renewed[0]!);
    swapped.chains[0]![0] = decodeEvidenceRecord(other!).chains[0]![0]!;
    const check = await verifyEvidenceRecord(encodeEvidenceRecord({ ...swapped, encodedChains: undefined }), objects[0]!, [tsaCert]);
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/renewal time-stamp does not cover/);
  });

  it('renews the hash tree with a stronger digest as a new chain covering the data and the earlier chains', async () => {
    const records = await createEvidenceRecords(objects.slice(0, 3), tsa);
    const timeRenewed = await renewEvidenceRecords(records, tsa);
    const renewed = await renewHashTree(
      timeRenewed.map((record, i) => ({ record, data: objects[i]! })),
      tsa,
      'sha512',
    );
    for (const [i, r] of renewed.entries()) {
      const er = decodeEvidenceRecord(r);
      expect(er.chains.map((c) => c.map((a) => a.digestAlgorithm))).toEqual([['sha256', 'sha256'], ['sha512']]);
      expect(er.digestAlgorithms).toEqual(['sha256', 'sha512']);
      expect(currentAlgorithm(r)).toBe('sha512');
      const check = await verifyEvidenceRecord(r, objects[i]!, [tsaCert]);
      expect(check.detail).toMatch(/3 time-stamp\(s\) in 2 chain\(s\) \(sha256 → sha512\)/);
      expect(check.ok).toBe(true);
      expect((await verifyEvidenceRecord(r, objects[(i + 1) % 3]!, [tsaCert])).ok).toBe(false);
    }
    // The new chain covers the old chains' bytes: dropping the time-stamp renewal from the first chain breaks it.
    const shortened = decodeEvidenceRecord(renewed[0]!);
    shortened.chains[0]!.pop();
    const check = await verifyEvidenceRecord(encodeEvidenceRecord({ ...shortened, encodedChains: undefined }), objects[0]!, [tsaCert]);
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/hash-tree renewal of chain 2/);
    // A later time-stamp renewal continues the new chain in its algorithm.
    const again = await renewEvidenceRecord(renewed[1]!, tsa);
    expect(decodeEvidenceRecord(again).chains[1]!.map((a) => a.digestAlgorithm)).toEqual(['sha512', 'sha512']);
    expect((await verifyEvidenceRecord(again, objects[1]!, [tsaCert])).ok).toBe(true);
  });

  it('refuses a hash-tree renewal over data the record does not protect, and a chain that changes algorithm', async () => {
    const [record] = await createEvidenceRecords([objects[0]!], tsa);
    await expect(renewHashTree([{ record: record!, data: objects[1]! }], tsa, 'sha512')).rejects.toThrow(/does not protect/);
    const [strong] = await createEvidenceRecords([objects[0]!], tsa, 'sha512');
    const er = decodeEvidenceRecord(record!);
    er.chains[0]!.push(decodeEvidenceRecord(strong!).chains[0]![0]!);
    const check = await verifyEvidenceRecord(encodeEvidenceRecord({ ...er, encodedChains: undefined }), objects[0]!, [tsaCert]);
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/changes its digest algorithm/);
  });

  it('detects a changed hash in the reduced tree and a changed time-stamp', async () => {
    const [record] = await createEvidenceRecords(objects.slice(0, 2), tsa);
    const sibling = createHash('sha256').update(objects[1]!).digest();
    const at = Buffer.from(record!).indexOf(sibling);
    expect(at).toBeGreaterThan(0);
    const bad = Uint8Array.from(record!);
    bad[at] = bad[at]! ^ 0x01;
    expect((await verifyEvidenceRecord(bad, objects[0]!, [tsaCert])).ok).toBe(false);
    const genTime = Buffer.from(record!).indexOf(Buffer.from(String(new Date().getUTCFullYear())));
    const badTime = Uint8Array.from(record!);
    badTime[genTime + 3] = badTime[genTime + 3]! ^ 0x01;
    expect((await verifyEvidenceRecord(badTime, objects[0]!, [tsaCert])).ok).toBe(false);
  });
});

const gost = openssl && gostEngineAvailable();
if (openssl && !gost) console.warn('skipped: GOST evidence records need the gost engine for openssl (Debian libengine-gost-openssl)');

describe.skipIf(!gost)('RFC 4998 evidence records in GOST R 34.11-2012 with a GOST TSA', () => {
  it('time-stamps Streebog hash trees, renews them, and moves SHA-2 records to Streebog by hash-tree renewal', async () => {
    const g = opensslGostTsa();
    try {
      const objects = ['один', 'два', 'три'].map((x) => new TextEncoder().encode(`package.json ${x}`));
      const records = await createEvidenceRecords(objects, g.tsa, 'streebog256');
      for (const [i, r] of records.entries()) {
        expect(decodeEvidenceRecord(r).chains[0]![0]!.digestAlgorithm).toBe('streebog256');
        const check = await verifyEvidenceRecord(r, objects[i]!, [g.certificate]);
        expect(check.detail).toMatch(/streebog256/);
        expect(check.ok).toBe(true);
      }
      expect((await verifyEvidenceRecord(records[0]!, objects[2]!, [g.certificate])).ok).toBe(false);
      const renewed = await renewEvidenceRecord(records[1]!, g.tsa);
      expect((await verifyEvidenceRecord(renewed, objects[1]!, [g.certificate])).times).toHaveLength(2);
      // A record made by the RSA TSA in SHA-256 is carried over to Streebog-512 under the GOST TSA.
      const [sha] = await createEvidenceRecords([objects[0]!], tsa);
      const [moved] = await renewHashTree([{ record: sha!, data: objects[0]! }], g.tsa, 'streebog512');
      const check = await verifyEvidenceRecord(moved!, objects[0]!, [tsaCert, g.certificate]);
      expect(check.detail).toMatch(/sha256 → streebog512/);
      expect(check.ok).toBe(true);
      expect((await verifyEvidenceRecord(moved!, objects[0]!, [tsaCert])).ok).toBe(false);
    } finally {
      g.close();
    }
  });
});
