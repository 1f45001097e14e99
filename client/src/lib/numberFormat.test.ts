import { describe, expect, it } from 'vitest';
import { formatPercent, formatTotal } from './numberFormat.ts';

describe('formatTotal', () => {
  it('groups digits the Russian way and marks a capped count', () => {
    expect(formatTotal('ru', { value: 10000, capped: true }).replace(/\s/g, ' ')).toBe('10 000+');
    expect(formatTotal('en', { value: 10000, capped: false })).toBe('10,000');
    expect(formatTotal('ru', { value: 7, capped: false })).toBe('7');
  });
});

describe('formatPercent', () => {
  it('uses the decimal comma in Russian', () => {
    expect(formatPercent('ru', 87.5)).toBe('87,5 %');
    expect(formatPercent('en', 100)).toBe('100.0 %');
  });
});
