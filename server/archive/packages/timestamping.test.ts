// The local test TSA: answers with a token carrying its certificate, labelled untrusted in its subject, and
// replaces its key before the certificate would expire within the window a renewal needs.
import { readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createEvidenceRecords, type TimestampAuthority } from '../../../archive/index.ts';
import { localTsa, opensslAvailable, tokenFacts } from './timestamping.ts';

const openssl = opensslAvailable();
if (!openssl) console.warn('[skip] local test TSA: needs openssl (openssl ts -reply)');

describe.skipIf(!openssl)('local test TSA', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kartoteka-local-tsa-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function stampWith(minValidMs: number) {
    const responses: Uint8Array[] = [];
    const inner = localTsa(dir, minValidMs);
    const tsa: TimestampAuthority = async (request) => {
      const response = await inner(request);
      responses.push(response);
      return response;
    };
    await createEvidenceRecords([new TextEncoder().encode('package.json')], tsa);
    return tokenFacts(responses[0]!);
  }

  it('stamps with a certificate labelled untrusted, and rotates it when it would not outlive a renewal', async () => {
    const first = await stampWith(86_400_000);
    expect(new X509Certificate(first.certificate).subject).toMatch(/UNTRUSTED/);
    const same = await stampWith(86_400_000);
    expect(Buffer.compare(Buffer.from(same.certificate), Buffer.from(first.certificate))).toBe(0);
    // Asking for more validity than a fresh certificate has left forces a new key; the old pair stays beside.
    const rotated = await stampWith(400 * 86_400_000);
    expect(Buffer.compare(Buffer.from(rotated.certificate), Buffer.from(first.certificate))).not.toBe(0);
    expect(readdirSync(join(dir, 'archive-tsa')).filter((f) => /^tsa-.*\.pem$/.test(f))).toHaveLength(1);
  });
});
