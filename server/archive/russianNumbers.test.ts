import { describe, expect, it } from 'vitest';
import { CASES_NOUN, countOf, inWords, plural } from './russianNumbers.ts';

describe('counts written as on the forms', () => {
  it('agrees the noun with the number', () => {
    expect([1, 2, 5, 11, 12, 14, 21, 22, 25, 111, 101].map((n) => plural(n, ['дело', 'дела', 'дел']))).toEqual(['дело', 'дела', 'дел', 'дел', 'дел', 'дел', 'дело', 'дела', 'дел', 'дел', 'дело']);
  });
  it('writes numbers in words in the gender of the noun', () => {
    expect(inWords(1, 'n')).toBe('одно');
    expect(inWords(2, 'f')).toBe('две');
    expect(inWords(0, 'n')).toBe('ноль');
    expect(inWords(19, 'n')).toBe('девятнадцать');
    expect(inWords(342, 'n')).toBe('триста сорок два');
    expect(inWords(2001, 'n')).toBe('две тысячи одно');
    expect(inWords(21_500, 'm')).toBe('двадцать одна тысяча пятьсот');
    expect(inWords(3_000_000, 'm')).toBe('три миллиона');
  });
  it('gives the final entry’s count', () => {
    expect(countOf(1, CASES_NOUN)).toBe('1 (одно) дело');
    expect(countOf(12, CASES_NOUN)).toBe('12 (двенадцать) дел');
    expect(countOf(23, CASES_NOUN)).toBe('23 (двадцать три) дела');
  });
});
