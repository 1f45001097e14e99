// The status-check code printed on the citizen's receipt. Random, shown once, stored only as a SHA-256 digest: with
// 60 bits of randomness and the per-address throttle on status checks, a plain digest is enough (no password hashing).
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// No 0/O, 1/I: the code is read off paper and typed back.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

export function newStatusCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Spaces, dashes and case do not matter when the code is typed back. */
export function normaliseStatusCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashStatusCode(code: string): string {
  return createHash('sha256').update(`kartoteka-reception:${normaliseStatusCode(code)}`, 'utf8').digest('hex');
}

export function statusCodeMatches(code: string, storedHash: string): boolean {
  const given = Buffer.from(hashStatusCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The code as printed (XXXX-XXXX-XXXX), from however it was typed. */
export function formatStatusCode(code: string): string {
  const plain = normaliseStatusCode(code);
  const groups: string[] = [];
  for (let i = 0; i < plain.length; i += GROUP_LENGTH) groups.push(plain.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}
