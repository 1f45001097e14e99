import { describe, expect, it } from 'vitest';
import { checkRequisites, isValidInn, isValidKpp, isValidOgrn } from './requisites.ts';

describe('requisites', () => {
  it('checks INN of organisations (10) and persons (12)', () => {
    expect(isValidInn('7707083893')).toBe(true); // ПАО Сбербанк
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('77070838')).toBe(false);
  });
  it('checks OGRN and OGRNIP', () => {
    expect(isValidOgrn('1027700132195')).toBe(true); // ПАО Сбербанк
    expect(isValidOgrn('1027700132196')).toBe(false);
    expect(isValidOgrn('304500116000157')).toBe(true);
    expect(isValidOgrn('304500116000158')).toBe(false);
  });
  it('checks KPP format', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('77360100')).toBe(false);
  });
  it('explains problems in both languages', () => {
    const p = checkRequisites({ type: 'company', inn: '7707083894', ogrn: '1027700132195' });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ field: 'inn' });
    expect(p[0]?.ru).toMatch(/контрольной суммы/);
  });
});
