// Check digits of Russian registration identifiers (Federal Tax Service rules).

function weighted(digits: string, weights: number[]): number {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += Number(digits[i]) * weights[i]!;
  return (s % 11) % 10;
}

/** INN: 10 digits (organisation) or 12 digits (person, individual entrepreneur). */
export function validInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) return weighted(inn, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[9]);
  if (/^\d{12}$/.test(inn)) {
    return (
      weighted(inn, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[10]) &&
      weighted(inn, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === Number(inn[11])
    );
  }
  return false;
}

/** KPP has no check digit: 4-digit tax office, 2-character reason code (never 00), 3-digit serial. */
export function validKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp) && !/^0000/.test(kpp) && kpp.slice(4, 6) !== '00';
}

/** OGRN (13 digits, mod 11) and OGRNIP (15 digits, mod 13). */
export function validOgrn(ogrn: string): boolean {
  if (/^\d{13}$/.test(ogrn)) return Number(BigInt(ogrn.slice(0, 12)) % 11n % 10n) === Number(ogrn[12]);
  if (/^\d{15}$/.test(ogrn)) return Number(BigInt(ogrn.slice(0, 14)) % 13n % 10n) === Number(ogrn[14]);
  return false;
}
