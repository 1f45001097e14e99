import { describe, expect, it } from 'vitest';
import { harmoniseCityCodes, mendCityCodes, mendPhoneText, phoneDigits } from './requisites.ts';

// Lines as tesseract read them from 150-dpi scans of generated letters.
describe('phone numbers through OCR damage', () => {
  it('mends brackets, look-alike letters in the city code and a comma between digit groups', () => {
    expect(mendPhoneText('моб. тел. 8 (996} 171-41-25')).toBe('моб. тел. 8 (996) 171-41-25');
    expect(mendPhoneText('ren.: +7 (8163) 48-47 -46, факс')).toBe('ren.: +7 (8163) 48-47-46, факс');
    expect(mendPhoneText('Тел. 8-81657:5-39-09, факс')).toBe('Тел. 8-81657-5-39-09, факс');
    expect(mendPhoneText('Тел. 8 (8165?) 3-05-30')).toBe('Тел. 8 (81657) 3-05-30');
    // a time of day keeps its colon
    expect(mendPhoneText('поступило 24.11.2025 09:45')).toBe('поступило 24.11.2025 09:45');
    expect(mendPhoneText('ten +7 (8163) 48-47-46, факс *7 (B163) 27-16-28')).toBe('ten +7 (8163) 48-47-46, факс +7 (8163) 27-16-28');
    expect(mendPhoneText('тел.: 8-902,868-78-56')).toBe('тел.: 8-902-868-78-56');
    // a comma between two numbers of a list stays
    expect(mendPhoneText('тел. 55-12-34, 55-12-35')).toBe('тел. 55-12-34, 55-12-35');
    // a bracketed word is no city code
    expect(mendPhoneText('ООО «Вектор» (ОOO)')).toBe('ООО «Вектор» (ОOO)');
  });

  it('mends the plus of +7, a point inside the code or for the last dash, and a space after a dash', () => {
    expect(mendPhoneText('тел: ¢7 8163 32 08 37')).toBe('тел: +7 8163 32 08 37');
    expect(mendPhoneText('Tea: *7 (81661) 2-85-87')).toBe('Tea: +7 (81661) 2-85-87');
    expect(mendPhoneText('тел +? (8163) 50-15-96')).toBe('тел +7 (8163) 50-15-96');
    expect(mendPhoneText('+7 (816.3) 48-47-46')).toBe('+7 (8163) 48-47-46');
    expect(mendPhoneText('тел +7 (495) 689- 30-02')).toBe('тел +7 (495) 689-30-02');
    expect(mendPhoneText('8 (986) 142-27.24')).toBe('8 (986) 142-27-24');
    // a footnote mark before a number that is not a phone, and a date, stay
    expect(mendPhoneText('*7 раз')).toBe('*7 раз');
    expect(mendPhoneText('от 02-10.2025')).toBe('от 02-10.2025');
  });

  it('mends a point after +7, a colon between local groups and an 8 read as «В» before the code (letters of session 7)', () => {
    expect(mendPhoneText('Тел/факс: +7.8163-40-19-15')).toBe('Тел/факс: +7-8163-40-19-15');
    expect(mendPhoneText('телфакс +7-81661-2:83-32 (доб, 118).')).toBe('телфакс +7-81661-2-83-32 (доб, 118).');
    expect(mendPhoneText('тел В (8163) 52-61-72')).toBe('тел 8 (8163) 52-61-72');
    // a «В» that is a preposition stays
    expect(mendPhoneText('обращаться В (8163) отдел')).toBe('обращаться В (8163) отдел');
  });

  it('settles a city code only the letter\'s other numbers can: `$` for 5 or 8, the closing bracket read as 1', () => {
    expect(mendCityCodes('Тел. +7 816$4 7 65 91', new Set(['81654']))).toBe('Тел. +7 81654 7 65 91');
    expect(mendCityCodes('Тел +7 $1654 7 65 91', new Set(['81654']))).toBe('Тел +7 81654 7 65 91');
    expect(mendCityCodes('тел +7 (81631 20-80-37', new Set(['8163']))).toBe('тел +7 (8163) 20-80-37');
    // without a code printed elsewhere nothing is guessed
    expect(mendCityCodes('Тел. +7 816$4 7 65 91', new Set(['8163']))).toBe('Тел. +7 816$4 7 65 91');
    expect(mendCityCodes('тел +7 (81631 20-80-37', new Set())).toBe('тел +7 (81631 20-80-37');
  });

  it('repairs a city code read once towards the one the letter prints twice, by a confusable digit only', () => {
    expect(harmoniseCityCodes(['+7 (8165) 42-45-18', '(8163) 65-13-18', '+7 (8163) 25-86-89'])).toEqual([
      '+7 (8163) 42-45-18', '(8163) 65-13-18', '+7 (8163) 25-86-89',
    ]);
    expect(harmoniseCityCodes(['+7 (81561) 3-26-26', '+7 (81661) 2-58-73', '+7 (81661) 3-25-45'])[0]).toBe('+7 (81661) 3-26-26');
    // codes written without brackets count alike
    expect(harmoniseCityCodes(['+7 (8163) 42-45-18', '+7 (8163) 65-13-18', '8-8165-25-86-89'])[2]).toBe('8-8163-25-86-89');
    expect(harmoniseCityCodes(['+7 8183 53 09 39', '+7 8163 23 78 74', '(8163) 603133'])[0]).toBe('+7 8163 53 09 39');
    // one each: nothing to choose between
    expect(harmoniseCityCodes(['+7 (81661) 3-51-06', '(81561) 3-25-45'])).toEqual(['+7 (81661) 3-51-06', '(81561) 3-25-45']);
    // a mobile operator code is another code, not a misreading
    expect(harmoniseCityCodes(['8 (906) 000-39-28', '8 (8163) 1-11-11', '8 (8163) 2-22-22'])[0]).toBe('8 (906) 000-39-28');
    expect(phoneDigits('8 (8163) 22-33-44')).toBe('78163223344');
  });
});
