// Russian person names: initials forms, full names, and the genitive -> nominative inversion needed
// for "от Журавлёва Олега Алексеевича".

const CAP = 'А-ЯЁ';
const LOW = 'а-яё';
const SURNAME = `[${CAP}][${LOW}]+(?:-[${CAP}][${LOW}]+)?`;
const INI = `[${CAP}]\\.\\s?[${CAP}]\\.?`;

/** `А.В. Петров` or `Петров А.В.` (also with one initial). */
export const INITIALS_NAME = new RegExp(`(?:${INI}\\s?${SURNAME}|${SURNAME}\\s${INI})(?![${LOW}])`);
const INITIALS_NAME_FULL = new RegExp(`^(?:${INI}\\s?${SURNAME}|${SURNAME}\\s${INI})$`);
/** `Петров Андрей Викторович` */
export const FULL_NAME = new RegExp(`${SURNAME}\\s[${CAP}][${LOW}]+\\s[${CAP}][${LOW}]+(?:вич|вна|чна|ична|ич|оглы|кызы)`);

export function isInitialsName(s: string): boolean {
  return INITIALS_NAME_FULL.test(s.trim());
}

export function findInitialsName(s: string): { name: string; index: number } | null {
  const m = INITIALS_NAME.exec(s);
  return m ? { name: m[0].replace(/\s+/g, ' ').trim(), index: m.index } : null;
}

/** Surname of a name in any of the printed forms. */
export function surnameOf(name: string): string | null {
  const m = new RegExp(SURNAME).exec(name.replace(new RegExp(INI, 'g'), ' '));
  return m ? m[0] : null;
}

function male(patronymicGen: string): boolean | null {
  if (/вича$|ича$|оглы$/.test(patronymicGen)) return true;
  if (/вны$|чны$|ичны$|кызы$/.test(patronymicGen)) return false;
  return null;
}

function firstNameNom(w: string, isMale: boolean): string {
  const special: Record<string, string> = {
    Павла: 'Павел', Льва: 'Лев', Петра: 'Пётр', Любови: 'Любовь', Ильи: 'Илья', Никиты: 'Никита',
    Фомы: 'Фома', Саввы: 'Савва', Кузьмы: 'Кузьма', Луки: 'Лука',
  };
  if (special[w]) return special[w]!;
  if (isMale) {
    if (/ия$/.test(w)) return w.replace(/ия$/, 'ий');
    if (/[аеоу]я$/.test(w)) return w.replace(/я$/, 'й');
    // Игоря -> Игорь: a consonant before -я means a soft sign in the nominative
    if (/[бвгджзклмнпрстфхцчшщ]я$/.test(w)) return w.replace(/я$/, 'ь');
    if (/а$/.test(w)) return w.slice(0, -1);
    return w;
  }
  if (/[гкхжшчщ]и$/.test(w)) return w.replace(/и$/, 'а');
  if (/и$/.test(w)) return w.replace(/и$/, 'я');
  if (/ы$/.test(w)) return w.replace(/ы$/, 'а');
  return w;
}

function surnameNom(w: string, isMale: boolean): string {
  if (isMale) {
    if (/(ск|цк)ого$/.test(w)) return w.replace(/ого$/, 'ий');
    if (/ого$/.test(w)) return w.replace(/ого$/, 'ой');
    if (/его$/.test(w)) return w.replace(/его$/, 'ий');
    if (/(ов|ев|ёв|ин|ын)а$/.test(w)) return w.slice(0, -1);
    if (/(енко|ко|их|ых|аго|яго)$/.test(w)) return w;
    if (/[бвгджзклмнпрстфхцчшщ]а$/.test(w)) return w.slice(0, -1);
    if (/[ау]я$/.test(w)) return w.replace(/я$/, 'й');
    return w;
  }
  if (/(ск|цк)ой$/.test(w)) return w.replace(/ой$/, 'ая');
  if (/(ов|ев|ёв|ин|ын)ой$/.test(w)) return w.replace(/ой$/, 'а');
  if (/ой$/.test(w)) return w.replace(/ой$/, 'ая');
  return w;
}

function patronymicNom(w: string): string {
  if (/ича$/.test(w)) return w.slice(0, -1);
  if (/ны$/.test(w)) return w.replace(/ы$/, 'а');
  return w;
}

/**
 * `Журавлёва Олега Алексеевича` -> `Журавлёв Олег Алексеевич`. `signatureSurname` (nominative, from
 * the signature) wins over the rule-based guess when it is a prefix-compatible form.
 */
export function genitiveToNominative(full: string, signatureSurname?: string | null): string | null {
  const parts = full.trim().split(/\s+/);
  if (parts.length !== 3) return null;
  const [sur, first, pat] = parts as [string, string, string];
  const isMale = male(pat);
  if (isMale === null) return null;
  let surname = surnameNom(sur, isMale);
  if (signatureSurname && signatureSurname.slice(0, 3).toLowerCase() === sur.slice(0, 3).toLowerCase()) surname = signatureSurname;
  return `${surname} ${firstNameNom(first, isMale)} ${patronymicNom(pat)}`;
}

/** True when the words look like a nominative full name (surname, first name, patronymic). */
export function isNominativeFullName(s: string): boolean {
  return new RegExp(`^${SURNAME}\\s[${CAP}][${LOW}]+\\s[${CAP}][${LOW}]+(?:вич|вна|чна|ична|ич|оглы|кызы)$`).test(s.trim());
}
