import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './json.ts';

describe('canonicalJson (RFC 8785 of JSON.parse output)', () => {
  it('gives what the canonicalize package gives', () => {
    const texts = [
      '{"b":1,"a":[1,2,{"z":null,"y":true}],"10":1,"9":2,"":"x","é":"\\u00e9","\\ud83d\\ude00":"😀","€":1,"aa":-0,"n":1e21,"m":1e-7,"f":0.1,"big":123456789012345678901234,"s":"\\u0000\\u001f\\"\\\\\\/\\b\\f\\n\\r\\t\\u2028"}',
      '[]',
      '{}',
      '"x"',
      '1.5e300',
      'null',
      'true',
      '[[],[{}],{"a":{}}]',
      '{"__proto__":1,"constructor":2,"toJSON":"x","length":3}',
      '{"files":[{"path":"representations/rep-pdfa/letter.pdf","size":1582435,"digests":{"sha512":"ab","sha256":"cd","streebog-256":"ef"}}]}',
    ];
    for (const t of texts) expect(canonicalJson(JSON.parse(t)), t).toBe(canonicalize(JSON.parse(t)));
  });

  it('has no form for a lone surrogate (canonicalize throws)', () => {
    for (const t of ['"\\ud800"', '{"\\udc00":1}', '["a\\ud83d"]']) {
      expect(canonicalJson(JSON.parse(t))).toBeUndefined();
      expect(() => canonicalize(JSON.parse(t))).toThrow();
    }
  });
});
