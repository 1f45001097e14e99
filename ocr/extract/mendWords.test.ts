import { describe, expect, it } from 'vitest';
import { mendPosition, mendWord, mendWords } from './mendWords.ts';

const lexicon = new Set(['участка', 'директор', 'занятии', 'заняли', 'порядке', 'медика', 'санитарной', 'помощи', 'свеча', 'свече']);

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

  it('puts back a first letter lost at a blurred line start', () => {
    expect(mendWord('частка', lexicon)).toBe('участка');
  });

  it('mends function words a heading is misread into', () => {
    expect(mendWords('О направлении сведений с получателях мер', lexicon)).toBe('О направлении сведений о получателях мер');
    // «с» governs the instrumental: left alone
    expect(mendWords('О договоре с подрядчиками', lexicon)).toBe('О договоре с подрядчиками');
  });

  it('changes no word without a word list', () => {
    expect(mendWords('Днректор', null)).toBe('Днректор');
  });
});

describe('a signer\'s position read through the signature', () => {
  const words = new Set(['генеральный', 'директор', 'директ', 'коммерческий', 'глава', 'района']);

  it('cuts the scribble after the last word and restores a position noun it begins or is one letter from', () => {
    expect(mendPosition("Генеральный директфр\\ ^^')", words)).toBe('Генеральный директор');
    expect(mendPosition('Генеральный директ Р\\', words)).toBe('Генеральный директор');
  });

  it('leaves a position that ends in a word of its own alone', () => {
    expect(mendPosition('Глава района', words)).toBe('Глава района');
    expect(mendPosition('Коммерческий директор ООО «Дорстрой»', words)).toBe('Коммерческий директор ООО «Дорстрой»');
  });
});
