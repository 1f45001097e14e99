import { describe, expect, test } from 'vitest';
import { en } from './en.ts';
import { interpolate, translate } from './format.ts';
import { ru } from './ru.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  test('Russian and English have the same keys (the type check enforces it; this guards casts)', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  test('every key has text in both languages and the same placeholders', () => {
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(ru[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
    }
  });

  test('the Russian dictionary is Russian', () => {
    const cyrillic = Object.entries(ru).filter(([, text]) => /[а-яё]/i.test(text)).length;
    // Only language-neutral strings (the English toggle label, "—", "№") may lack Cyrillic.
    expect(Object.keys(ru).length - cyrillic).toBeLessThanOrEqual(5);
  });
});

describe('interpolate', () => {
  test('fills named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Проверено записей: {checked}.', { checked: 12 })).toBe('Проверено записей: 12.');
    expect(interpolate('{a} и {b}', { a: 'x' })).toBe('x и {b}');
    expect(translate('en', 'admin.tokens.revoked', { name: 'ci' })).toBe('Token “ci” revoked.');
  });
});
