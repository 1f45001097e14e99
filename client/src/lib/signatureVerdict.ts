import type { CheckStatus, SignatureCheck, SignatureReport } from '../api/signatureEndpoints.ts';
import type { MessageKey } from '../i18n/ru.ts';

/** What the badge says: действительна / недействительна / не установлена. */
export type Verdict = 'valid' | 'invalid' | 'unknown';

export function verdictOf(status: CheckStatus | string): Verdict {
  if (status === 'passed') return 'valid';
  if (status === 'failed') return 'invalid';
  return 'unknown';
}

export function indicationVerdict(indication: SignatureReport['indication']): Verdict {
  return indication === 'TOTAL_PASSED' ? 'valid' : indication === 'TOTAL_FAILED' ? 'invalid' : 'unknown';
}

// The reason in plain words, for a clerk rather than a cryptographer (ETSI EN 319 102-1 sub-indications).
const SUB_INDICATION: Readonly<Record<string, MessageKey>> = {
  FORMAT_FAILURE: 'sig.sub.FORMAT_FAILURE',
  HASH_FAILURE: 'sig.sub.HASH_FAILURE',
  SIG_CRYPTO_FAILURE: 'sig.sub.SIG_CRYPTO_FAILURE',
  REVOKED: 'sig.sub.REVOKED',
  EXPIRED: 'sig.sub.EXPIRED',
  NOT_YET_VALID: 'sig.sub.NOT_YET_VALID',
  NO_SIGNING_CERTIFICATE_FOUND: 'sig.sub.NO_SIGNING_CERTIFICATE_FOUND',
  NO_CERTIFICATE_CHAIN_FOUND: 'sig.sub.NO_CERTIFICATE_CHAIN_FOUND',
  CHAIN_CONSTRAINTS_FAILURE: 'sig.sub.CHAIN_CONSTRAINTS_FAILURE',
  CRYPTO_CONSTRAINTS_FAILURE: 'sig.sub.CRYPTO_CONSTRAINTS_FAILURE',
  OUT_OF_BOUNDS_NO_POE: 'sig.sub.OUT_OF_BOUNDS_NO_POE',
  REVOKED_NO_POE: 'sig.sub.REVOKED_NO_POE',
  TRY_LATER: 'sig.sub.TRY_LATER',
  SIGNED_DATA_NOT_FOUND: 'sig.sub.SIGNED_DATA_NOT_FOUND',
  GENERIC: 'sig.sub.GENERIC',
};

/**
 * The dictionary key of a signature's reason: its sub-indication, or for a passed one «подпись верна»; an
 * unknown sub-indication falls back to the server's own sentence (the caller shows `messageRu`/`message`).
 */
export function reasonKey(signature: Pick<SignatureReport, 'indication' | 'subIndication'>): MessageKey | null {
  if (signature.subIndication) return SUB_INDICATION[signature.subIndication] ?? null;
  return signature.indication === 'TOTAL_PASSED' ? 'sig.sub.PASSED' : null;
}

/** A check that could not read the signature at all (status `error`): its library code → words. */
export function errorReasonKey(code: string | undefined): MessageKey {
  if (code === 'SIGNATURE_UNSUPPORTED_ALGORITHM') return 'sig.error.algorithm';
  if (code === 'SIGNATURE_NO_SIGNATURES') return 'sig.error.none';
  return 'sig.error.unreadable';
}

/** КС1–КС3 (and КВ, КА) from the certificate policies, in order and once each. */
export function signToolClasses(classes: readonly string[]): string {
  return [...new Set(classes)].sort((a, b) => a.localeCompare(b, 'ru')).join(', ');
}

const checkKey = (c: Pick<SignatureCheck, 'fileId' | 'signatureFileId'>) => `${c.fileId}|${c.signatureFileId ?? ''}`;

/** The latest check of each signed file (the list comes newest first; earlier results stay in the history). */
export function currentChecks<T extends Pick<SignatureCheck, 'fileId' | 'signatureFileId' | 'validatedAt'>>(checks: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const check of checks) {
    const key = checkKey(check);
    const seen = latest.get(key);
    if (!seen || Date.parse(check.validatedAt) > Date.parse(seen.validatedAt)) latest.set(key, check);
  }
  return [...latest.values()];
}

/**
 * After «Проверить заново»: which of the earlier results have not been replaced yet. The job writes a new check
 * per signed file; a file that was never signed writes none, so only files with an earlier result are awaited.
 * With no earlier result at all, the first new check ends the wait.
 */
export function awaitingRecheck(
  before: readonly Pick<SignatureCheck, 'fileId' | 'signatureFileId' | 'validatedAt'>[],
  now: readonly Pick<SignatureCheck, 'fileId' | 'signatureFileId' | 'validatedAt'>[],
): string[] {
  const latestNow = new Map(currentChecks(now).map((c) => [checkKey(c), Date.parse(c.validatedAt)]));
  const earlier = currentChecks(before);
  if (earlier.length === 0) return latestNow.size > 0 ? [] : ['*'];
  return earlier.filter((c) => (latestNow.get(checkKey(c)) ?? 0) <= Date.parse(c.validatedAt)).map(checkKey);
}

export function pendingKey(c: Pick<SignatureCheck, 'fileId' | 'signatureFileId'>): string {
  return checkKey(c);
}

const SEVERITY: Readonly<Record<Verdict, number>> = { valid: 0, unknown: 1, invalid: 2 };

/** Each file's verdict (the signed document and its signature file alike); the worst when several checks name it. */
export function fileVerdicts(checks: readonly Pick<SignatureCheck, 'fileId' | 'signatureFileId' | 'validatedAt' | 'status'>[]): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const check of currentChecks(checks)) {
    const verdict = verdictOf(check.status);
    for (const id of [check.fileId, check.signatureFileId]) {
      if (!id) continue;
      const seen = out[id];
      if (!seen || SEVERITY[verdict] > SEVERITY[seen]) out[id] = verdict;
    }
  }
  return out;
}

/** The text a trust-store import sends: PEM as it is, anything binary (DER) as base64. */
export function bundleText(bytes: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  if (head.includes('-----BEGIN')) return new TextDecoder().decode(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
