import { describe, expect, it } from 'vitest';
import { concat } from './asn1.ts';
import { oidDer, tlv } from './fixtures/der.ts';
import { readFixture } from './fixtures/manifest.ts';
import { pemBlocks } from './input.ts';
import { policyProblems } from './policyConstraints.ts';
import { parseCertificate, type Certificate, type Extension } from './x509.ts';

// RFC 5280 §6.1 policy processing on synthetic paths: a real certificate with its names, policies and
// policy extensions replaced. Whole chains signed by OpenSSL are in the ext- fixtures (a mapped policy,
// a policy not expected after a mapping, mapping inhibited by an upper CA, anyPolicy inhibited).
const base = parseCertificate(pemBlocks(new TextDecoder().decode(readFixture('ext/root.pem')))[0]!);
const P1 = '1.2.643.100.113.1';
const P2 = '1.2.643.100.113.2';
const P3 = '1.2.643.100.113.3';
const ANY = '2.5.29.32.0';

const name = (cn: string): Certificate['subject'] => ({
  der: tlv(0x30, tlv(0x31, tlv(0x30, concat(oidDer('2.5.4.3'), tlv(0x0c, new TextEncoder().encode(cn)))))),
  attributes: [{ type: '2.5.4.3', name: 'CN', value: cn }],
});
const int = (tag: number, v: number): Uint8Array => tlv(tag, Uint8Array.of(v));
const ext = (value: Uint8Array): Extension => ({ critical: true, value });

interface Spec {
  policies?: string[];
  requireExplicit?: number;
  inhibitMapping?: number;
  inhibitAny?: number;
  mappings?: [string, string][];
}

/** A path leaf first, anchor last, from top-down specs (the anchor is added above the first). */
function path(...specs: Spec[]): Certificate[] {
  const certs = specs.map((s, i): Certificate => {
    const extensions = new Map<string, Extension>();
    const pc = [s.requireExplicit === undefined ? null : int(0x80, s.requireExplicit), s.inhibitMapping === undefined ? null : int(0x81, s.inhibitMapping)].filter((x): x is Uint8Array => x !== null);
    if (pc.length) extensions.set('2.5.29.36', ext(tlv(0x30, concat(...pc))));
    if (s.inhibitAny !== undefined) extensions.set('2.5.29.54', ext(int(0x02, s.inhibitAny)));
    if (s.mappings) extensions.set('2.5.29.33', ext(tlv(0x30, concat(...s.mappings.map(([a, b]) => tlv(0x30, concat(oidDer(a), oidDer(b))))))));
    return { ...base, subject: name(`c${i + 1}`), issuer: name(`c${i}`), policies: s.policies ?? [], extensions };
  });
  return [...certs.reverse(), { ...base, subject: name('c0'), issuer: name('c0') }];
}

describe('certificate policies along a path (RFC 5280 §6.1)', () => {
  it('without a required explicit policy nothing fails, policies or not', () => {
    expect(policyProblems(path({ policies: [P1] }, {}))).toEqual([]);
    expect(policyProblems(path({}, { policies: [P2] }))).toEqual([]);
  });

  it('requireExplicitPolicy: the intersection of the policies must stay non-empty', () => {
    expect(policyProblems(path({ policies: [P1], requireExplicit: 0 }, { policies: [P1, P2] }))).toEqual([]);
    expect(policyProblems(path({ policies: [P1], requireExplicit: 0 }, { policies: [P2] }))).toHaveLength(1);
    // A CA without policies below: the tree is gone, so any required explicit policy fails the path;
    // a skip count above the two certificates below never requires one.
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 1 }, { policies: [] }, { policies: [P1] }))).toHaveLength(1);
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 2 }, { policies: [] }, { policies: [P1] }))).toHaveLength(1);
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 3 }, { policies: [] }, { policies: [P1] }))).toEqual([]);
  });

  it('anyPolicy in a CA keeps every policy valid; in the leaf it matches what the CA expects', () => {
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 0 }, { policies: [P3] }))).toEqual([]);
    expect(policyProblems(path({ policies: [P1], requireExplicit: 0 }, { policies: [ANY] }))).toEqual([]);
  });

  it('policy mappings change the policy expected below the mapping CA', () => {
    const mapping: Spec = { policies: [P1], requireExplicit: 0, mappings: [[P1, P3]] };
    expect(policyProblems(path(mapping, { policies: [P3] }))).toEqual([]);
    expect(policyProblems(path(mapping, { policies: [P1, P2] }))).toHaveLength(1);
    // One issuer policy mapped to two subject policies: either is valid.
    expect(policyProblems(path({ ...mapping, mappings: [[P1, P2], [P1, P3]] }, { policies: [P2] }))).toEqual([]);
    // A mapping of a policy the CA got through anyPolicy.
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 0, mappings: [[P1, P3]] }, { policies: [P3] }))).toEqual([]);
  });

  it('inhibitPolicyMapping deletes mapped policies in the CAs it covers, and counts down', () => {
    const sub: Spec = { policies: [P1], mappings: [[P1, P3]] };
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 0, inhibitMapping: 0 }, sub, { policies: [P3] }))).toHaveLength(1);
    // The same mapping is allowed with a skip count of 1 (the next CA may still map).
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 0, inhibitMapping: 1 }, sub, { policies: [P3] }))).toEqual([]);
    // A CA's own inhibitPolicyMapping applies below it, not to its own mappings.
    expect(policyProblems(path({ ...sub, requireExplicit: 0, inhibitMapping: 0 }, { policies: [P3] }))).toEqual([]);
  });

  it('inhibitAnyPolicy: anyPolicy no longer counts in the certificates it covers', () => {
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 0, inhibitAny: 0 }, { policies: [ANY] }))).toHaveLength(1);
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 0, inhibitAny: 1 }, { policies: [ANY] }))).toEqual([]);
    expect(policyProblems(path({ policies: [ANY], requireExplicit: 0, inhibitAny: 0 }, { policies: [P1] }))).toEqual([]);
  });

  it('a mapping to or from anyPolicy is an error whatever the constraints', () => {
    expect(policyProblems(path({ policies: [P1], mappings: [[ANY, P3]] }, { policies: [P3] }))).toEqual([expect.stringMatching(/maps anyPolicy/)]);
    expect(policyProblems(path({ policies: [P1], mappings: [[P1, ANY]] }, { policies: [P3] }))).toEqual([expect.stringMatching(/maps anyPolicy/)]);
  });
});
