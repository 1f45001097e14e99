import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, opensslTsa } from '../package/testSupport.ts';
import { createEvidenceRecords, renewEvidenceRecord, verifyEvidenceRecord } from './evidence.ts';
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
    const renewed = await renewEvidenceRecord(record!, tsa, 'sha512');
    const check = await verifyEvidenceRecord(renewed, objects[0]!, [tsaCert]);
    expect(check.ok).toBe(true);
    expect(check.times).toHaveLength(2);
    expect((await verifyEvidenceRecord(renewed, objects[0]!, [])).ok).toBe(false);
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
