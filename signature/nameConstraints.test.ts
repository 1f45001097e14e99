import { describe, expect, it } from 'vitest';
import { within, type GeneralName } from './nameConstraints.ts';
import type { Name } from './names.ts';

// Matching rules of RFC 5280 §4.2.1.10 per name form. Whole chains are covered by the ext- fixtures
// (a DN outside the permitted subtree, an e-mail address in an excluded domain).
const dn = (...pairs: [string, string][]): GeneralName => ({
  kind: 'dn',
  value: { der: new Uint8Array(), attributes: pairs.map(([type, value]) => ({ type, name: type, value })) } satisfies Name,
});
const C = '2.5.4.6';
const O = '2.5.4.10';
const CN = '2.5.4.3';

describe('name constraint matching', () => {
  it('directory names: the base is a prefix of the RDN sequence, values compared case- and space-insensitively', () => {
    const base = dn([C, 'RU'], [O, 'Kartoteka Test']);
    expect(within(dn([C, 'RU'], [O, 'kartoteka  test'], [CN, 'Иванов']), base)).toBe(true);
    expect(within(dn([C, 'RU'], [O, 'Other'], [CN, 'Иванов']), base)).toBe(false);
    expect(within(dn([C, 'RU']), base)).toBe(false);
    expect(within(dn([O, 'Kartoteka Test'], [C, 'RU']), base)).toBe(false);
  });

  it('DNS names: the domain and its subdomains; a leading dot means subdomains only', () => {
    const d = (v: string): GeneralName => ({ kind: 'dns', value: v });
    expect(within(d('example.org'), d('example.org'))).toBe(true);
    expect(within(d('mail.example.org'), d('example.org'))).toBe(true);
    expect(within(d('badexample.org'), d('example.org'))).toBe(false);
    expect(within(d('example.org'), d('.example.org'))).toBe(false);
    expect(within(d('a.example.org'), d('.example.org'))).toBe(true);
  });

  it('e-mail: a mailbox, a host, or (leading dot) any host in a domain', () => {
    const e = (v: string): GeneralName => ({ kind: 'email', value: v });
    expect(within(e('clerk@example.org'), e('clerk@example.org'))).toBe(true);
    expect(within(e('boss@example.org'), e('clerk@example.org'))).toBe(false);
    expect(within(e('clerk@example.org'), e('example.org'))).toBe(true);
    expect(within(e('clerk@mail.example.org'), e('example.org'))).toBe(false);
    expect(within(e('clerk@mail.example.org'), e('.example.org'))).toBe(true);
  });

  it('URIs by host, IP addresses by address and mask', () => {
    expect(within({ kind: 'uri', value: 'https://ca.example.org/crl' }, { kind: 'uri', value: 'example.org' })).toBe(true);
    expect(within({ kind: 'uri', value: 'https://example.com/' }, { kind: 'uri', value: 'example.org' })).toBe(false);
    const net = { kind: 'ip' as const, value: Uint8Array.from([10, 1, 0, 0, 255, 255, 0, 0]) };
    expect(within({ kind: 'ip', value: Uint8Array.from([10, 1, 7, 9]) }, net)).toBe(true);
    expect(within({ kind: 'ip', value: Uint8Array.from([10, 2, 7, 9]) }, net)).toBe(false);
    expect(within({ kind: 'ip', value: new Uint8Array(16) }, net)).toBe(false);
  });
});
