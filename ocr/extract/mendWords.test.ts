import { describe, expect, it } from 'vitest';
import { mendWord, mendWords } from './mendWords.ts';

const lexicon = new Set(['директор', 'занятии', 'заняли', 'порядке', 'медика', 'санитарной', 'помощи', 'свеча', 'свече']);

describe('mending one-letter misreadings against the model’s words', () => {
  it('mends a word the model does not know that is one confusable letter from exactly one it knows', () => {
    expect(mendWord('Днректор', lexicon)).toBe('Директор');
    expect(mendWord('занятин', lexicon)).toBe('занятии');
    expect(mendWord('ДНРЕКТОР', lexicon)).toBe('ДИРЕКТОР');
  });

  it('leaves known words, short words, names without a neighbour and ambiguous readings alone', () => {
    expect(mendWord('порядке', lexicon)).toBe('порядке');
    expect(mendWord('пс', lexicon)).toBe('пс');
    expect(mendWord('Олховское', lexicon)).toBe('Олховское');
    // «свечо» is one confusable letter from «свеча» and from «свече»
    expect(mendWord('свечо', lexicon)).toBe('свечо');
    expect(mendWord('свечо', new Set(['свеча']))).toBe('свеча');
  });

  it('mends the words of a phrase but not the parts of a hyphenated compound', () => {
    expect(mendWords('О самовольном занятин участка', lexicon)).toBe('О самовольном занятии участка');
    expect(mendWords('О первичной медико-санитарной помощи', lexicon)).toBe('О первичной медико-санитарной помощи');
  });

  it('changes nothing without a word list', () => {
    expect(mendWords('Днректор', null)).toBe('Днректор');
  });
});
