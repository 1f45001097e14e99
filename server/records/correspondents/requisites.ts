// Checksums of Russian organisation and entrepreneur identifiers (ФНС rules). Small, exact arithmetic;
// no maintained npm package covers all four with the same error reporting, so it is ours.

const digits = (s: string): number[] => [...s].map(Number);

function weighted(ds: number[], weights: number[]): number {
  return weights.reduce((sum, w, i) => sum + w * (ds[i] ?? 0), 0);
}

export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) {
    const d = digits(inn);
    return (weighted(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10 === d[9];
  }
  if (/^\d{12}$/.test(inn)) {
    const d = digits(inn);
    const c11 = (weighted(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
    const c12 = (weighted(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) % 11) % 10;
    return c11 === d[10] && c12 === d[11];
  }
  return false;
}

export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/** ОГРН (13 digits) or ОГРНИП (15 digits). */
export function isValidOgrn(ogrn: string): boolean {
  if (/^\d{13}$/.test(ogrn)) return Number(BigInt(ogrn.slice(0, 12)) % 11n) % 10 === Number(ogrn[12]);
  if (/^\d{15}$/.test(ogrn)) return Number(BigInt(ogrn.slice(0, 14)) % 13n) % 10 === Number(ogrn[14]);
  return false;
}

export interface RequisiteProblem {
  field: 'inn' | 'kpp' | 'ogrn';
  ru: string;
  en: string;
}

export function checkRequisites(r: { inn?: string | null; kpp?: string | null; ogrn?: string | null; type: string }): RequisiteProblem[] {
  const problems: RequisiteProblem[] = [];
  if (r.inn && !isValidInn(r.inn)) problems.push({ field: 'inn', ru: `ИНН ${r.inn} не прошёл проверку контрольной суммы`, en: `INN ${r.inn} fails its checksum` });
  if (r.inn && r.type !== 'citizen' && r.type !== 'entrepreneur' && r.inn.length !== 10) {
    problems.push({ field: 'inn', ru: 'ИНН организации состоит из 10 цифр', en: 'An organisation’s INN has 10 digits' });
  }
  if (r.kpp && !isValidKpp(r.kpp)) problems.push({ field: 'kpp', ru: `КПП ${r.kpp} имеет неверный формат`, en: `KPP ${r.kpp} is malformed` });
  if (r.ogrn && !isValidOgrn(r.ogrn)) problems.push({ field: 'ogrn', ru: `ОГРН/ОГРНИП ${r.ogrn} не прошёл проверку контрольной суммы`, en: `OGRN/OGRNIP ${r.ogrn} fails its checksum` });
  if (r.ogrn && r.type === 'entrepreneur' && r.ogrn.length !== 15) problems.push({ field: 'ogrn', ru: 'ОГРНИП состоит из 15 цифр', en: 'An OGRNIP has 15 digits' });
  return problems;
}
