import { describe, expect, test } from 'vitest';
import { isWriteMethod, readCookie } from './csrf.ts';

describe('readCookie', () => {
  test('finds one cookie among several and decodes it', () => {
    const cookies = 'theme=dark; kt_csrf=abc%2Fdef; other=1';
    expect(readCookie(cookies, 'kt_csrf')).toBe('abc/def');
    expect(readCookie(cookies, 'theme')).toBe('dark');
  });

  test('does not match a cookie whose name only ends the same', () => {
    expect(readCookie('not_kt_csrf=x', 'kt_csrf')).toBeNull();
    expect(readCookie('', 'kt_csrf')).toBeNull();
  });

  test('keeps a value that is not valid percent-encoding as it is', () => {
    expect(readCookie('kt_csrf=%E0%A4%A', 'kt_csrf')).toBe('%E0%A4%A');
  });
});

test('only GET, HEAD and OPTIONS are safe methods', () => {
  expect(['GET', 'head', 'OPTIONS'].map(isWriteMethod)).toEqual([false, false, false]);
  expect(['POST', 'put', 'PATCH', 'DELETE'].map(isWriteMethod)).toEqual([true, true, true, true]);
});
