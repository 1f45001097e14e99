import { describe, expect, test } from 'vitest';
import { ru } from '../i18n/ru.ts';
import { awaitingRecheck, bundleText, currentChecks, errorReasonKey, fileVerdicts, reasonKey, signToolClasses, verdictOf } from './signatureVerdict.ts';

const SUBS = [
  'FORMAT_FAILURE', 'HASH_FAILURE', 'SIG_CRYPTO_FAILURE', 'REVOKED', 'EXPIRED', 'NOT_YET_VALID', 'NO_SIGNING_CERTIFICATE_FOUND',
  'NO_CERTIFICATE_CHAIN_FOUND', 'CHAIN_CONSTRAINTS_FAILURE', 'CRYPTO_CONSTRAINTS_FAILURE', 'OUT_OF_BOUNDS_NO_POE', 'REVOKED_NO_POE',
  'TRY_LATER', 'SIGNED_DATA_NOT_FOUND', 'GENERIC',
];

describe('signature verdicts in words', () => {
  test('check status → действительна / недействительна / не установлена', () => {
    expect(verdictOf('passed')).toBe('valid');
    expect(verdictOf('failed')).toBe('invalid');
    expect(verdictOf('indeterminate')).toBe('unknown');
    expect(verdictOf('error')).toBe('unknown');
  });

  test('every sub-indication of signature/report.ts has a plain Russian reason', () => {
    for (const sub of SUBS) {
      const key = reasonKey({ indication: 'INDETERMINATE', subIndication: sub });
      expect(key, sub).not.toBeNull();
      if (key) expect(ru[key]).toMatch(/[а-я]/);
    }
    expect(reasonKey({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' }) && ru[reasonKey({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' }) ?? 'sig.title']).toBe('документ изменён после подписания');
    expect(reasonKey({ indication: 'TOTAL_PASSED', subIndication: null })).toBe('sig.sub.PASSED');
    // A reason this client does not know yet falls back to the server's own sentence.
    expect(reasonKey({ indication: 'INDETERMINATE', subIndication: 'SOMETHING_NEW' })).toBeNull();
    expect(errorReasonKey('SIGNATURE_UNSUPPORTED_ALGORITHM')).toBe('sig.error.algorithm');
    expect(errorReasonKey(undefined)).toBe('sig.error.unreadable');
  });

  test('sign tool classes once each, in order', () => {
    expect(signToolClasses(['КС3', 'КС1', 'КС2', 'КС1'])).toBe('КС1, КС2, КС3');
    expect(signToolClasses([])).toBe('');
  });
});

const check = (fileId: string, sig: string | null, at: string) => ({ fileId, signatureFileId: sig, validatedAt: at });

describe('which result is current, and what a re-verification still waits for', () => {
  test('the latest check per signed file', () => {
    const list = [check('a', 's', '2026-11-24T10:00:00Z'), check('a', 's', '2026-11-24T11:00:00Z'), check('b', null, '2026-11-24T09:00:00Z')];
    expect(currentChecks(list)).toEqual([check('a', 's', '2026-11-24T11:00:00Z'), check('b', null, '2026-11-24T09:00:00Z')]);
  });

  test('a verdict per file: the document and its signature file, the worst when several checks name a file', () => {
    expect(
      fileVerdicts([
        { ...check('doc', 'sig', '2026-11-24T11:00:00Z'), status: 'passed' },
        { ...check('doc', 'sig', '2026-11-24T10:00:00Z'), status: 'failed' },
        { ...check('doc', 'sig2', '2026-11-24T10:00:00Z'), status: 'indeterminate' },
        { ...check('pdf', null, '2026-11-24T10:00:00Z'), status: 'failed' },
      ]),
    ).toEqual({ doc: 'unknown', sig: 'valid', sig2: 'unknown', pdf: 'invalid' });
  });

  test('waits for each earlier result to be replaced; with none, for the first result', () => {
    const before = [check('a', 's', '2026-11-24T10:00:00Z'), check('b', null, '2026-11-24T10:00:00Z')];
    expect(awaitingRecheck(before, before)).toEqual(['a|s', 'b|']);
    expect(awaitingRecheck(before, [check('a', 's', '2026-11-24T10:05:00Z'), ...before])).toEqual(['b|']);
    expect(awaitingRecheck(before, [check('b', null, '2026-11-24T10:06:00Z'), check('a', 's', '2026-11-24T10:05:00Z'), ...before])).toEqual([]);
    expect(awaitingRecheck([], [])).toEqual(['*']);
    expect(awaitingRecheck([], [check('a', null, '2026-11-24T10:00:00Z')])).toEqual([]);
  });
});

describe('trust store import text', () => {
  test('PEM goes as it is, DER as base64', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(bundleText(new TextEncoder().encode(pem))).toBe(pem);
    expect(bundleText(new Uint8Array([0x30, 0x82, 0x01, 0xff]))).toBe('MIIB/w==');
  });
});
