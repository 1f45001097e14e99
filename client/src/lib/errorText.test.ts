import { describe, expect, test } from 'vitest';
import { ApiError, CLIENT_ERROR_CODES } from '../api/problem.ts';
import { en } from '../i18n/en.ts';
import { ru } from '../i18n/ru.ts';
import { errorMessage } from './errorText.ts';

describe('errorMessage', () => {
  const invalid = new ApiError({
    code: 'AUTH_INVALID_CREDENTIALS',
    status: 401,
    problem: { detail: 'Неверный логин или пароль', messages: { ru: 'Неверный логин или пароль', en: 'Invalid login or password' } },
  });

  test('shows the server message in the current language', () => {
    expect(errorMessage(invalid, 'ru')).toBe('Неверный логин или пароль');
    expect(errorMessage(invalid, 'en')).toBe('Invalid login or password');
  });

  test('falls back to the detail, then to the client’s own texts', () => {
    const detailOnly = new ApiError({ code: 'X', status: 409, problem: { detail: 'Конфликт версий' } });
    expect(errorMessage(detailOnly, 'en')).toBe('Конфликт версий');
    expect(errorMessage(new ApiError({ code: CLIENT_ERROR_CODES.network, status: 0 }), 'ru')).toBe(ru['error.network']);
    expect(errorMessage(new ApiError({ code: CLIENT_ERROR_CODES.unexpected, status: 502 }), 'en')).toBe(
      en['error.unexpected'].replace('{status}', '502'),
    );
    expect(errorMessage(new TypeError('boom'), 'en')).toBe('Interface error: boom');
  });
});
