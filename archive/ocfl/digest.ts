// Digest algorithms of OCFL 1.1 (manifest: sha512/sha256; fixity: the spec's table and the
// 0001-digest-algorithms extension) plus GOST R 34.11-2012 (Streebog-256) from signature/.
import { createHash } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { streebog256 } from '../../signature/index.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const ALGORITHMS: Record<string, (d: Uint8Array) => string> = {
  md5: (d) => createHash('md5').update(d).digest('hex'),
  sha1: (d) => createHash('sha1').update(d).digest('hex'),
  sha256: (d) => createHash('sha256').update(d).digest('hex'),
  sha512: (d) => createHash('sha512').update(d).digest('hex'),
  'blake2b-512': (d) => createHash('blake2b512').update(d).digest('hex'),
  'blake2b-160': (d) => hex(blake2b(d, { dkLen: 20 })),
  'blake2b-256': (d) => hex(blake2b(d, { dkLen: 32 })),
  'blake2b-384': (d) => hex(blake2b(d, { dkLen: 48 })),
  'sha512/256': (d) => createHash('sha512-256').update(d).digest('hex'),
  'streebog-256': (d) => hex(streebog256(d)),
};

/** Algorithms OCFL 1.1 lists for fixity, and those of the registered digest extension. */
export const SPEC_FIXITY = new Set(['md5', 'sha1', 'sha256', 'sha512', 'blake2b-512']);
export const EXTENSION_FIXITY = new Set(['blake2b-160', 'blake2b-256', 'blake2b-384', 'sha512/256', 'size']);
/** Our local extension declaring GOST R 34.11-2012 for fixity. */
export const GOST_EXTENSION = 'kartoteka-gost-digest-algorithms';
export const GOST_FIXITY = new Set(['streebog-256']);

export function digest(algorithm: string, data: Uint8Array): string | undefined {
  if (algorithm === 'size') return String(data.length);
  return ALGORITHMS[algorithm]?.(data);
}

export function hexLength(algorithm: string): number | undefined {
  const l: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128, 'blake2b-512': 128, 'streebog-256': 64 };
  return l[algorithm];
}

/**
 * Remembers digests of byte arrays during one build or one verification, where the same bytes are
 * hashed for the OCFL manifest, the fixity block and package.json. Scoped by the caller, never
 * global: arrays must not change while a cache that has seen them is in use.
 */
export class DigestCache {
  private readonly seen = new WeakMap<Uint8Array, Map<string, string | undefined>>();
  digest(algorithm: string, data: Uint8Array): string | undefined {
    let m = this.seen.get(data);
    if (!m) {
      m = new Map();
      this.seen.set(data, m);
    }
    if (!m.has(algorithm)) m.set(algorithm, digest(algorithm, data));
    return m.get(algorithm);
  }
}
