import { describe, expect, it } from 'vitest';
import { harmoniseCityCodes, mendPhoneText, phoneDigits } from './requisites.ts';

// Lines as tesseract read them from 150-dpi scans of generated letters.
describe('phone numbers through OCR damage', () => {
  it('mends brackets, look-alike letters in the city code and a comma between digit groups', () => {
    expect(mendPhoneText('моб. тел. 8 (996} 171-41-25')).toBe('моб. тел. 8 (996) 171-41-25');
    expect(mendPhoneText('ten +7 (8163) 48-47-46, факс *7 (B163) 27-16-28')).toBe('ten +7 (8163) 48-47-46, факс *7 (8163) 27-16-28');
    expect(mendPhoneText('тел.: 8-902,868-78-56')).toBe('тел.: 8-902-868-78-56');
    // a comma between two numbers of a list stays
    expect(mendPhoneText('тел. 55-12-34, 55-12-35')).toBe('тел. 55-12-34, 55-12-35');
    // a bracketed word is no city code
    expect(mendPhoneText('ООО «Вектор» (ОOO)')).toBe('ООО «Вектор» (ОOO)');
  });

  it('repairs a city code read once towards the one the letter prints twice, by a confusable digit only', () => {
    expect(harmoniseCityCodes(['+7 (8165) 42-45-18', '(8163) 65-13-18', '+7 (8163) 25-86-89'])).toEqual([
      '+7 (8163) 42-45-18', '(8163) 65-13-18', '+7 (8163) 25-86-89',
    ]);
    expect(harmoniseCityCodes(['+7 (81561) 3-26-26', '+7 (81661) 2-58-73', '+7 (81661) 3-25-45'])[0]).toBe('+7 (81661) 3-26-26');
    // one each: nothing to choose between
    expect(harmoniseCityCodes(['+7 (81661) 3-51-06', '(81561) 3-25-45'])).toEqual(['+7 (81661) 3-51-06', '(81561) 3-25-45']);
    // a mobile operator code is another code, not a misreading
    expect(harmoniseCityCodes(['8 (906) 000-39-28', '8 (8163) 1-11-11', '8 (8163) 2-22-22'])[0]).toBe('8 (906) 000-39-28');
    expect(phoneDigits('8 (8163) 22-33-44')).toBe('78163223344');
  });
});
