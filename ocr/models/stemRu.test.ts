import { describe, expect, it } from 'vitest';
import { stemRu } from './stemRu.ts';
import { stemsOf } from './features.ts';

describe('stemRu (Snowball Russian)', () => {
  it('gives one stem for the inflected forms of a word', () => {
    for (const [words, stem] of [
      [['земельного', 'земельный', 'земельным'], 'земельн'],
      [['участка', 'участков', 'участку'], 'участк'],
      [['дороги', 'дорогой', 'дорогам'], 'дорог'],
      [['задолженности', 'задолженность'], 'задолжен'],
    ] as const) {
      for (const w of words) expect(stemRu(w)).toBe(stem);
    }
  });

  it('leaves words without a vowel-bounded region alone', () => {
    expect(stemRu('мкр')).toBe('мкр');
    expect(stemRu('ул')).toBe('ул');
  });

  it('is what the models see: stop words and numbers dropped, Latin kept', () => {
    expect(stemsOf('О предоставлении земельного участка № 12 для ИЖС, e-mail')).toEqual(['предоставлен', 'земельн', 'участк', 'ижс', 'mail']);
  });
});
