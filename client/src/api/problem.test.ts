import { describe, expect, test } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES, errorFromBody, parseRetryAfter, toProblem } from './problem.ts';

describe('toProblem', () => {
  test('keeps the documented fields of a server problem', () => {
    const problem = toProblem({
      type: 'https://kartoteka.dev/problems/auth-invalid-credentials',
      title: 'Unauthorized',
      status: 401,
      detail: 'Неверный логин или пароль',
      code: 'AUTH_INVALID_CREDENTIALS',
      messages: { ru: 'Неверный логин или пароль', en: 'Wrong login or password' },
      requestId: 'r-1',
      errors: [{ path: '/login', message: 'required' }, { path: 5 }],
      extra: 'ignored',
    });
    expect(problem).toEqual({
      type: 'https://kartoteka.dev/problems/auth-invalid-credentials',
      title: 'Unauthorized',
      status: 401,
      detail: 'Неверный логин или пароль',
      code: 'AUTH_INVALID_CREDENTIALS',
      messages: { ru: 'Неверный логин или пароль', en: 'Wrong login or password' },
      requestId: 'r-1',
      errors: [{ path: '/login', message: 'required' }],
    });
  });

  test('rejects bodies that are not problem documents', () => {
    expect(toProblem(null)).toBeNull();
    expect(toProblem([1, 2])).toBeNull();
    expect(toProblem({ items: [] })).toBeNull();
    expect(toProblem({ code: 42 })).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  test('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('errorFromBody', () => {
  test('uses the server code when there is one', () => {
    const error = errorFromBody(429, { code: 'AUTH_LOCKED', detail: 'Вход временно заблокирован' }, '30');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('AUTH_LOCKED');
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).toBe('Вход временно заблокирован');
  });

  test('marks a response without a problem document as unexpected', () => {
    const error = errorFromBody(502, '<html>Bad gateway</html>', null);
    expect(error.code).toBe(CLIENT_ERROR_CODES.unexpected);
    expect(error.problem).toBeNull();
  });
});
