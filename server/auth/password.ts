// scrypt from Node's crypto: memory-hard, no native addon to build. Parameters are stored with the hash so
// that they can be raised later without invalidating existing passwords.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LEN, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, keyText] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyText, 'base64url');
  const cost = Number(n);
  const key = await scryptAsync(password, Buffer.from(saltText, 'base64url'), expected.length, {
    N: cost,
    r: Number(r),
    p: Number(p),
    maxmem: 128 * cost * Number(r) * 2,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

// Checked against when the login does not exist, so that an unknown login costs the same time as a wrong password.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

export interface PasswordProblem {
  ru: string;
  en: string;
}

export function checkPasswordStrength(password: string): PasswordProblem | null {
  if (password.length < 10) return { ru: 'Пароль должен быть не короче 10 символов', en: 'The password must be at least 10 characters long' };
  if (password.length > 256) return { ru: 'Пароль слишком длинный', en: 'The password is too long' };
  return null;
}

export function generatePassword(): string {
  // 15 random bytes → 20 base64url characters: ~120 bits, easy to copy.
  return randomBytes(15).toString('base64url');
}
