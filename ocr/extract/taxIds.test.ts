import { describe, expect, it } from 'vitest';
import { readTaxIds, repairKppLength, repairWithAnchor } from './taxIds.ts';
import { validInn, validOgrn } from './ids.ts';

// Lines as tesseract read them from 150-dpi scans of generated letters.
const values = (lines: string[], known?: (inn: string) => boolean): Record<string, string | null> => {
  const r = readTaxIds(lines, known);
  return { inn: r.inn?.value ?? null, kpp: r.kpp?.value ?? null, ogrn: r.ogrn?.value ?? null };
};

describe('readTaxIds: damaged labels', () => {
  it('reads exact labels and the INN/KPP pair as before', () => {
    expect(values(['ОГРН 1195311798065, ИНН/КПП 5311704320/531102001'])).toEqual({ inn: '5311704320', kpp: '531102001', ogrn: '1195311798065' });
    expect(values(['ОКПО 99449165. ИНН 5311369110, КПП 531101001'])).toEqual({ inn: '5311369110', kpp: '531101001', ogrn: null });
    expect(values(['ОГРНИП 310531068565640, ИНН 531168345240'])).toEqual({ inn: '531168345240', kpp: null, ogrn: '310531068565640' });
  });

  it('takes look-alike labels (КИП, КИЙ, ОТРН, ННН, OF PH) when check digits or the shared tax office agree', () => {
    expect(values(['ОГРН 1005301103851, ИНН 5301612888, КИП 530101001'])).toEqual({ inn: '5301612888', kpp: '530101001', ogrn: '1005301103851' });
    expect(values(['ОТРН 5195310633073, ИНН 5310424009, КИЙ 531001001'])).toEqual({ inn: '5310424009', kpp: '531001001', ogrn: '5195310633073' });
    expect(values(['ОГРНИП 310531068565640, ННН 531168345240']).inn).toBe('531168345240');
    expect(values(['OF PH 5015302490088 ИНН 5302115092, КПП 530202001']).ogrn).toBe('5015302490088');
  });

  it('reads the pair whatever its label became, with a semicolon or a split INN', () => {
    expect(values(['ОКПО 12858107, ОГРН 5095550024523, HHH, KIN 5330508377;533007001']).inn).toBe('5330508377');
    expect(values(['ИННИПП 53114307 74/531101001'])).toEqual({ inn: '5311430774', kpp: '531101001', ogrn: null });
    expect(values(['OKNO 81365976, ОГРН 103531 3950638.', 'ИНН 5313570777, КПП 531301001']).ogrn).toBe('1035313950638');
    expect(values(['ОКПО 99449165, ИННКПП 5311369110, 531101001'])).toEqual({ inn: '5311369110', kpp: '531101001', ogrn: null });
    expect(values(['ОГРН 1135308459196, ИНН КПИ 5308234240 53080100}'])).toMatchObject({ inn: '5308234240', kpp: '530801001' });
    // after a plain ИНН label a comma ends the INN: the next number is not taken for a KPP without its label
    expect(values(['ИНН 5311369110, 531101001']).kpp).toBeNull();
  });

  it('takes an unlabelled INN only beside a KPP of the same tax office', () => {
    expect(values(['5327007525, КПП 532701001'])).toEqual({ inn: '5327007525', kpp: '532701001', ogrn: null });
    // an unlabelled 10-digit number with a valid check digit, but no KPP beside it
    expect(validInn('5326201329')).toBe(true);
    expect(values(['YO: 5326201329']).inn).toBeNull();
  });
});

describe('readTaxIds: repairs against the shared tax office', () => {
  it('repairs a misread INN digit that the KPP and OGRN contradict', () => {
    expect(values(['ОГРН 1195311798065, ИННИКИП 9311704320/531102001'])).toEqual({ inn: '5311704320', kpp: '531102001', ogrn: '1195311798065' });
  });

  it('separates INN and KPP when the slash was read as digits, and repairs the KPP office code', () => {
    expect(values(['ОГРН 1195311798055, ИННАПП 5311704320521 102001"'])).toMatchObject({ inn: '5311704320', kpp: '531102001' });
  });

  it('rebuilds a KPP that lost a digit on the INN\'s office code, only when one reading is left', () => {
    expect(values(['ОГРН 1025321671616, ИНН 5321768178, КПП 53210101']).kpp).toBe('532101001');
    expect(values(['ОКПО 21948526, ИНН 5312424131, КИА 51201001']).kpp).toBe('531201001');
    expect(values(['5327007525, КПИ 53270101'])).toEqual({ inn: '5327007525', kpp: '532701001', ogrn: null });
    expect(repairKppLength('53210101', '5321')).toBe('532101001');
    expect(repairKppLength('53210101', '5322')).toBeNull();
  });

  it('abstains without corroboration: no second identifier, a lost INN digit, an odd serial behind a look-alike label', () => {
    expect(values(['ОКПО 99449165, ИНН 5311369810, КПИ'])).toEqual({ inn: null, kpp: null, ogrn: null });
    expect(values(['ОКПО 21948526, ИНН 512424131, КПИ 532201001'])).toEqual({ inn: null, kpp: null, ogrn: null });
    // reason code 00 does not exist: a misread digit, and which one is unknown
    expect(values(['ИНН 5317494936, КИП 531700001'])).toEqual({ inn: '5317494936', kpp: null, ogrn: null });
    const odd = readTaxIds(['ORO 17104866, HHH 5326201329, KH 532601008']);
    expect(odd.inn?.value).toBe('5326201329');
    expect(odd.kpp?.confidence).toBeLessThan(0.3);
  });

  it('confirms a repair by a registry of known INNs when nothing else on the letter can', () => {
    expect(values(['ОКПО 99449165, ИНН 5311369810'], (inn) => inn === '5311369110').inn).toBeNull(); // 8 for 1 is not a confusion it tries
    expect(values(['ИНН 5311369170'], (inn) => inn === '5311369110').inn).toBe('5311369110');
  });

  it('repairs an anchored slot and then one more confusable digit, only when unique', () => {
    const fixed = repairWithAnchor('9311704320', '5311', 0, validInn);
    expect(fixed).toBe('5311704320');
    // 1195311798055: four one-digit repairs outside the office code are valid (…798065 is the printed one)
    expect(repairWithAnchor('1195311798055', '5311', 3, validOgrn)).toBeNull();
    expect(repairWithAnchor('5095550024323', '5330', 3, validOgrn)).toBe('5095330024323');
    expect(repairWithAnchor('9311704320', '7777', 0, validInn)).toBeNull();
  });
});
