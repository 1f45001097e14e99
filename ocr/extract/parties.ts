// Who wrote to whom: addressee, signer, executor, citizen, and the sending organisation's letterhead.
import type { Box } from '../types.ts';
import { found, none, type Found } from './found.ts';
import { continuation, EXECUTOR_LABEL, labelledBy, rowOf, type LetterView, type Seg } from './layout.ts';
import { FULL_NAME, INITIALS_NAME, findInitialsName, genitiveToNominative, isInitialsName, isNominativeFullName } from './names.ts';
import { findDates, normKey, repairAddressText, tidy } from './text.ts';

const CONTACT_CS = /(?<![а-яёА-ЯЁ])г\.\s[А-ЯЁ][а-яё]/;
// «тел.», «тел:», «телефон», not the «Телеком» of a firm's name
const CONTACT_I = /(?:(?<![а-яё])тел(?:ефон|(?![а-яё]))|(?<![а-яё])факс|(?<![а-яё])(?:моб|сот)\.\s?(?:тел\.?\s?)?[+8(]|e-?mail|www|http|@|ИНН|КПП|ОГРН|ОКПО|БИК|р\/с|к\/с|(?<![а-яёА-ЯЁ])ул\.|(?<![а-яёА-ЯЁ])д\.\s?\d|пр-т|просп|пер\.|шоссе|\d{6},|индекс|почтов)/i;
const isContact = (t: string): boolean => CONTACT_I.test(t) || (CONTACT_CS.test(t) && !/^[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ]/.test(t));

/** Dative openings of an addressee block and ways of naming the receiving body. */
const ADDRESSEE_START = /^(?:Главе|Глав[еы](?![а-яёА-ЯЁ])|Заместителю|Первому|Председателю|Начальнику|Руководителю|Директору|Министру|Мэру|Губернатору|Прокурору|Управляющему|Генеральному|Уполномоченному|Депутату|Секретарю|Ректору|Президенту|Сити-менеджеру|И\.\s?о\.|Врио|Исполняющему|Временно|Заведующему|Командиру|Атаману|Старосте|Советнику|Помощнику|В\s+[а-яё])/;

export function extractAddressee(view: LetterView, recipientNames: string[]): Found<string | null> {
  const header = view.p1.filter((s) => s.box.y0 < view.bodyTop);
  // Web-form appeals label the addressee.
  const label = header.find((s) => /^(?:Адресат|Кому)(?![а-яёА-ЯЁ]):?$/i.test(s.text));
  if (label) {
    const value = rowOf(header, label).find((o) => o.box.x0 > label.box.x1);
    // An e-mail's «Кому:» names a mailbox; the addressee is then printed in the letter itself.
    if (value && !value.text.includes('@')) {
      const k = view.p1.indexOf(value);
      const block: Seg[] = [];
      for (const s of continuation(view.p1, k, 4)) {
        // the next labelled row of the form is another field
        if (s !== value && rowOf(header, s).some((o) => o.box.x1 < value.box.x0 - 10)) break;
        if (s.box.x0 >= label.box.x1) block.push(s);
      }
      return found(tidy(block.map((s) => s.text).join(' ')), 0.9, block);
    }
  }
  const recipientKeys = recipientNames.map(normKey).filter(Boolean);
  // A dative block ("Главе города …") is the addressee; the bare recipient name is only a fallback,
  // because a web form's title also names the recipient.
  return addresseeBlock(view, recipientKeys, true) ?? addresseeBlock(view, recipientKeys, false) ?? none();
}

function addresseeBlock(view: LetterView, recipientKeys: string[], dativeOnly: boolean): Found<string | null> | null {
  for (let k = 0; k < view.p1.length; k++) {
    const s = view.p1[k]!;
    if (s.box.y0 >= view.bodyTop) break;
    const key = normKey(s.text);
    const blockKey = (): string => normKey(continuation(view.p1, k, 4).map((b) => b.text).join(' '));
    // The recipient's name may be split over lines: "Администрация города / Северореченска".
    const isRecipient = recipientKeys.some(
      (r) => key.startsWith(r.slice(0, Math.min(r.length, 25))) || (key.length >= 12 && key.includes(' ') && r.startsWith(key) && blockKey().startsWith(r)),
    );
    // OCR may open a gap inside the first word of a letter-spaced line («Гла ве города …»)
    const glued = s.text.replace(/^([А-ЯЁ][а-яё]{1,5})\s([а-яё]{2,9})(?=\s)/, '$1$2');
    const joined = !ADDRESSEE_START.test(s.text) && ADDRESSEE_START.test(glued) && /^[А-ЯЁ][а-яё]+(?:у|ю|е)\s/.test(glued) ? glued : s.text;
    // «В администрацию …» is an addressee in a narrow block; a wide line opening with «В» is a body sentence («В ходе …»)
    const dative = ADDRESSEE_START.test(joined) && !(/^В\s/.test(joined) && s.box.x1 - s.box.x0 > s.pw * 0.6);
    if (dativeOnly ? !dative : !isRecipient) continue;
    if (isContact(s.text) || /^(?:На|от)\s/i.test(s.text)) continue;
    // The sender's own name on a letterhead is not an addressee: it is above every requisite line.
    const block = continuation(view.p1, k, 6).filter((b) => !isContact(b.text));
    const lines: Seg[] = [];
    // A form's labels start at the text's left edge; an angular blank's letterhead, centred in its column, runs
    // beside the addressee's rows and is no label.
    const margin = Math.min(...view.p1.map((o) => o.box.x0));
    const label = (o: Seg, b: Seg): boolean => o.box.x1 < b.box.x0 && o.box.x0 < margin + (b.box.y1 - b.box.y0) * 1.5 && isFormLabel(o, b);
    const besideFirst = rowOf(view.p1, s).some((o) => o.box.x1 < s.box.x0);
    for (const b of block) {
      if (FROM_START.test(b.text) || /^(?:проживающ|зарегистрированн)/i.test(b.text) || APPLICANT_LABEL.test(b.text) || GENITIVE_FULL.test(b.text)) break;
      // a form's next labelled row ("Фамилия") is another field
      if (b !== s && !besideFirst && rowOf(view.p1, b).some((o) => label(o, b))) break;
      lines.push(b);
    }
    if (!lines.length) continue;
    const texts = lines.map((b) => (b === s && dativeOnly ? joined : b.text));
    return found(tidy(texts.join(' ')), dativeOnly ? 0.85 : 0.7, lines);
  }
  return null;
}

function isFormLabel(s: Seg, other?: Seg): boolean {
  if (other) {
    const h = other.box.y1 - other.box.y0;
    if (Math.abs((s.box.y0 + s.box.y1) / 2 - (other.box.y0 + other.box.y1) / 2) > h * 0.25) return false;
  }
  return s.text.split(' ').length <= 3 && !/\d/.test(s.text) && !/^(?:О|Об|Обо)\s/.test(s.text) && s.box.x1 < s.pw * 0.45;
}

/**
 * The executor's label: «Исп.», «Исполнитель:», and the other ways letters name the person who prepared them —
 * «Исп-ль», «Ответственный исполнитель», «Контактное лицо (по данному вопросу) —», «Подготовил(а)», «Исполнил(а)».
 */
const EXECUTOR =
  /^(?:Исп(?:олнитель)?|Исполнитель|Исп-ль|Ответственный\s+исполнитель|Контактное\s+лицо(?:\s+по\s+(?:данному|настоящему|этому)\s+вопросу)?|Подготовил[аи]?|Исполнил[аи]?|Составил[аи]?)(?:\s*[.,:;'’—–-])*\s*(.+)$/i;
/** Where the executor's name ends: a comma or the phone that follows it. */
const NAME_END = /,|\s(?:[Тт][Ее][Лл](?:[.:\s]|ефон)|т\.\s?\d|\+7|8\s?\()/;

/**
 * What a scan does to the name after an executor label: the surname's capital read small (`бондаренко Е.В`), the
 * initial О read as a zero (`Морозова М.0`).
 */
export function mendExecutorName(rest: string): string {
  return rest
    .replace(/^([а-яё])(?=[а-яё]{2,}(?:-[А-ЯЁа-яё][а-яё]+)?\s[А-ЯЁ][.\s])/, (c: string) => c.toUpperCase())
    .replace(/(?<=\s[А-ЯЁ][.,]\s?)0(?=[.,]?$)/, 'О')
    .replace(/(?<=\s)0(?=[.,]\s?[А-ЯЁ][.,]?$)/, 'О');
}

export function extractExecutor(view: LetterView, signer: string | null): Found<string | null> {
  const sigSeg = signer ? view.segs.find((s) => bare(s.text) === signer || trailingName(s.text) === signer) : undefined;
  // the foot of the letter: under the signature when it was found (a short letter signs high on the page), else
  // the lower part of the page
  const atFoot = (s: Seg, share: number): boolean => (sigSeg !== undefined && s.page === sigSeg.page && s.box.y0 > sigSeg.box.y1) || s.box.y0 >= s.ph * share;
  for (const s of view.segs) {
    const m = EXECUTOR.exec(s.text);
    if (!m) continue;
    const rest = mendExecutorName(m[1]!.split(NAME_END)[0]!.trim());
    const full = FULL_NAME.exec(rest);
    if (full) return found(full[0], 0.9, [s]);
    const ini = findInitialsName(rest);
    if (ini) return found(ini.name, 0.9, [s]);
    // The initials were lost or undotted, or the surname misread: the same person named elsewhere in the letter
    // with dotted initials is the better reading.
    const named = namedElsewhere(view, rest, signer);
    if (named) return found(named, 0.7, [s]);
    const undotted = dotInitials(rest);
    if (undotted) return found(undotted, 0.7, [s]);
  }
  // OCR damages the label: a longer «Ис…» word at the foot of the page («Исполынтель», «Исюлнилеть:») before a name.
  for (const s of view.segs) {
    if (!atFoot(s, 0.55)) continue;
    const m = /^(\S+)\s+(.+)$/.exec(s.text);
    if (!m || !EXECUTOR_LABEL.test(m[1]!)) continue;
    const rest = mendExecutorName(m[2]!.split(NAME_END)[0]!.trim());
    const ini = findInitialsName(rest);
    if (ini && ini.index === 0) return found(ini.name, 0.6, [s]);
    const undotted = namedElsewhere(view, rest, signer) ?? dotInitials(rest);
    if (undotted) return found(undotted, 0.5, [s]);
  }
  // OCR damages the short label ("Hen.", "Ист.", "Мсп.;"): a short token before a name at the foot of the page,
  // dotted, or followed by the executor's phone on the same line ("Hon Гусева М.П. тел. …").
  for (const s of view.segs) {
    if (!atFoot(s, 0.7) || s.box.x0 > s.pw * 0.3) continue;
    const m = /^[A-Za-zА-Яа-яЁё]{2,4}([.,:;]{0,2})\s+(.+)$/.exec(s.text);
    if (!m) continue;
    const [rest = '', ...after] = mendExecutorName(m[2]!).split(NAME_END);
    if (!m[1] && !after.length) continue;
    const ini = findInitialsName(rest.trim());
    if (ini && ini.index === 0) return found(ini.name, 0.6, [s]);
    const undotted = dotInitials(rest);
    if (undotted) return found(undotted, 0.5, [s]);
  }
  // Unlabelled executor: a name alone below the signature, followed by a phone.
  for (const s of view.segs) {
    const below = sigSeg ? s.page === sigSeg.page && s.box.y0 > sigSeg.box.y1 : s.box.y0 > s.ph * 0.6;
    if (!below || s.box.x0 > s.pw * 0.4) continue;
    // … or the name and its phone on one line: «Петрова А.А., +7 (8163) 22-33-44», «Петрова А.А. / 22-33-44»
    const inline = /^([^,/]{5,40}?)\s*[,/]?\s+(?:(?:[Тт]ел(?:ефон)?|т)\.?:?\s?)?(?:\+7|8[\s(-]|\(\d|\d{1,3}-\d{2}-\d{2}(?!\d))/.exec(s.text)?.[1]?.trim();
    if (inline && (isInitialsName(inline) || isNominativeFullName(inline)) && inline !== signer) return found(inline, 0.7, [s]);
    const t = s.text
      .replace(/[\s.,]+$/, '')
      // small type at the foot: «О.И: Анисимова», «Дорофеев. Василий Владимирови» (the last letter lost)
      .replace(/^([А-ЯЁ])[.,:]([А-ЯЁ])[.,:;]\s?(?=[А-ЯЁ][а-яё])/, '$1.$2. ')
      .replace(/(?<=^[А-ЯЁ][а-яё]{2,})\.(?=\s[А-ЯЁ][а-яё]+\s[А-ЯЁ])/, '')
      .replace(/(?<=\s[А-ЯЁ][а-яё]+(?:ов|ев))и$/, 'ич');
    if (!(isInitialsName(t) || isNominativeFullName(t)) || (signer && t === signer)) continue;
    const next = view.segs[s.i + 1];
    if (next && next.page === s.page && /\d{2}[\s-]?\d{2}/.test(next.text) && next.box.y0 - s.box.y1 < (s.box.y1 - s.box.y0) * 1.5) {
      return found(t, 0.7, [s]);
    }
  }
  return none();
}

/** Surname letters folded so that OCR's usual Cyrillic confusions compare equal (ъ/ь, е/ё, в/ь at the end). */
function foldSurname(w: string): string {
  return w.toLowerCase().replace(/ё/g, 'е').replace(/ъ/g, 'ь').replace(/(?<=[оеа])[ьъе]$/, 'в');
}

/**
 * The executor label followed by a surname alone or a damaged one (`Исп Богданов`, `Исполнитель Воробъёе А`): the
 * letter may name the same person with initials elsewhere — the contact person in the body («Контактное лицо …
 * Воробьёв А.И.») or the signer (an entrepreneur executes his own letters). Taken only when exactly one name there
 * has the same surname.
 */
function namedElsewhere(view: LetterView, rest: string, signer: string | null): string | null {
  const surname = /^([А-ЯЁ][а-яёъь]+(?:-[А-ЯЁ][а-яё]+)?)(?:\s|$)/.exec(rest.trim())?.[1];
  if (!surname || surname.length < 4) return null;
  const key = foldSurname(surname);
  const names = new Set<string>();
  const texts = [...view.segs.map((s) => s.text), ...(signer ? [signer] : [])];
  for (const t of texts) {
    for (const m of t.matchAll(new RegExp(INITIALS_NAME.source, 'g'))) {
      const name = m[0].replace(/\s+/g, ' ').trim();
      const sur = /[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?(?![а-яё.])/.exec(name.replace(/[А-ЯЁ]\./g, ' '))?.[0];
      if (sur && foldSurname(sur) === key) names.add(name);
    }
  }
  return names.size === 1 ? [...names][0]! : null;
}

/** Latin capitals that OCR puts for Cyrillic initials. */
const LATIN_INITIAL: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У' };

/**
 * `Матвеев А В.`, `Антонова ТН.`, `Матвеев AB...` after an executor label: OCR lost or merged the initials'
 * dots, or read the initials as Latin look-alikes.
 */
function dotInitials(rest: string): string | null {
  // a speck or dot the scan left apart from the last initial («Александрова Е Е .») is no part of the name
  const m = /^([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s([А-ЯЁABCEHKMOPTXY])[.\s]?\s?([А-ЯЁABCEHKMOPTXY])\s?[.,]*$/.exec(rest.trim());
  const cyr = (c: string): string => LATIN_INITIAL[c] ?? c;
  return m ? `${m[1]} ${cyr(m[2]!)}.${cyr(m[3]!)}.` : null;
}

/** A signature name without the slashes and underscores of a signature line: `/Семёнов И.Е./`. */
function bare(t: string): string {
  return t.replace(/[_/]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The name ending a segment; a short prefix is the scribble of a handwritten signature read as letters. */
function trailingName(t: string): string | null {
  // "ДА. Калинин": OCR often loses the first initial's dot.
  const b = bare(t)
    // initials read as Latin capitals before a Cyrillic surname ("A.A, Куликова")
    .replace(/(?<![A-Za-zА-ЯЁа-яё])([ABCEHKMOPTX])[.,]\s?([ABCEHKMOPTXА-ЯЁ])[.,]\s?(?=[А-ЯЁ][а-яё])/g, (_m, a: string, c: string) => `${LATIN_INITIAL[a] ?? a}.${LATIN_INITIAL[c] ?? c}. `)
    .replace(/(?<![А-ЯЁа-яё])([А-ЯЁ])([А-ЯЁ])[.,]\s?(?=[А-ЯЁ][а-яё])/g, '$1.$2. ')
    // "П.И, Ильин", "Е,Е. Зайцева": a comma for either initial's dot
    .replace(/(?<![А-ЯЁа-яё])([А-ЯЁ])[.,]\s?([А-ЯЁ])[.,]\s?(?=[А-ЯЁ][а-яё])/g, '$1.$2. ')
    // "Ильин П.И," / "А.А. Гусева.": a comma for the last initial's dot, a stray dot after the surname
    .replace(/(?<=[А-ЯЁ]\.\s?[А-ЯЁ])[,;:]$/, '.')
    .replace(/(?<=[а-яё]{2})[.,;:]$/, '')
    // "бондаренко Е.А.": the capital of a signature's surname read as its small letter
    .replace(/^([а-яё])(?=[а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.?$)/, (c: string) => c.toUpperCase());
  if (isInitialsName(b)) return b;
  const m = new RegExp(`(?:^|\\s)(${INITIALS_NAME.source})$`).exec(b);
  // A scribble read as Latin letters and marks ("UMS ~ NI ).") may be longer than a short Cyrillic prefix.
  const scribble = (p: string): boolean => !/[А-ЯЁа-яё]{3,}/.test(p);
  if (!m || (m.index > 10 && !(m.index <= 24 && scribble(b.slice(0, m.index))))) return null;
  return m[1]!.replace(/\s+/g, ' ');
}

export interface SignatureBlock {
  signer: Found<string | null>;
  position: Found<string | null>;
  date: Found<string | null>;
}

/** «от» opening a citizen's block, also in capitals, in Latin look-alikes or with «с» for «о» («ОТ», «ot», «ст»). */
const FROM = '[оОoOсСcC][тТtT]';
const FROM_START = new RegExp(`^${FROM}\\s`);
const FROM_NAME = new RegExp(`^${FROM}\\s+(?:гражданин[а-я]*\\s+)?([А-ЯЁ][а-яё-]+\\s+[А-ЯЁ][а-яё]+\\s+[А-ЯЁ][а-яё]+)`);
const FROM_NAME_TWO = new RegExp(`^${FROM}\\s+([А-ЯЁ][а-яё-]+\\s+[А-ЯЁ][а-яё]+)\\s*$`);

/** A surname in the dative after or before initials (`В.В. Кузьмину`, `Мироновой М.П.`). */
const DATIVE_SURNAME = /(?:^|\s)[А-ЯЁ][а-яё-]+(?:ову|еву|ёву|ину|ыну|ому|ской|цкой|овой|евой|ёвой|иной|ыной)(?:\s|$)/;

/** The signature: a name at the right of a row below the body, with the position lines to its left. */
export function extractSignature(view: LetterView, citizen: boolean): SignatureBlock {
  const candidates = view.segs.filter(
    (s) =>
      (s.page > (view.p1[0]?.page ?? 1) || s.box.y0 >= view.bodyTop) &&
      !EXECUTOR.test(s.text) &&
      s.box.x0 > s.pw * 0.4 &&
      trailingName(s.text) !== null &&
      // a surname in the dative is the addressee's (its block may run below the subject), not a signature
      !DATIVE_SURNAME.test(trailingName(s.text)!),
  );
  const sig = candidates[0];
  if (!sig) return citizen ? { signer: none(), position: none(), date: none() } : leftSignature(view);
  if (!citizen && sig.page > (view.p1[0]?.page ?? 1)) {
    // a name in an appendix table on page 2 is no signature when page 1 is signed flush left
    const left = leftSignature(view);
    if (left.signer.value && left.signer.page !== null && left.signer.page < sig.page) return left;
  }
  const signer = found(trailingName(sig.text)!, 0.9, [sig]);
  const row = rowOf(view.segs, sig).filter((o) => o !== sig && o.box.x1 < sig.box.x0);
  let date: Found<string | null> = none();
  const dateSeg = row.find((o) => /\d/.test(o.text));
  if (dateSeg) date = found(dateSeg.text, 0.8, [dateSeg]);
  if (citizen) return { signer, position: none(), date };
  // Position lines: the left column ending at the signer's row, going up while lines are tight.
  const left = view.segs.filter((o) => o.page === sig.page && o.box.x1 < sig.box.x0 && o.box.y0 <= sig.box.y1 && o.box.x0 < o.pw * 0.4);
  const atRow = left.filter((o) => row.includes(o)).sort((a, b) => a.box.x0 - b.box.x0);
  let lines: Seg[] = [];
  let anchor = atRow[0];
  if (!anchor) {
    // The name may sit one row below the last position line.
    anchor = left.filter((o) => o.box.y1 <= sig.box.y1 && sig.box.y0 - o.box.y1 < (sig.box.y1 - sig.box.y0) * 1.2).sort((a, b) => b.box.y0 - a.box.y0)[0];
  }
  if (anchor) {
    lines = [anchor];
    const h = anchor.box.y1 - anchor.box.y0;
    for (;;) {
      const top = lines[0]!;
      const above = left
        .filter((o) => o.box.y1 <= top.box.y0 + 2 && top.box.y0 - o.box.y1 < h * 0.9 && Math.abs(o.box.x0 - top.box.x0) < h)
        .sort((a, b) => b.box.y0 - a.box.y0)[0];
      if (!above || /^(?:Приложени|С уважением)/i.test(above.text) || /[.!?]$/.test(above.text) || lines.length >= 4) break;
      lines.unshift(above);
    }
    lines = lines.filter((l) => !/^С уважением/i.test(l.text));
  }
  // Stamp and scribble debris at the end of a position line: short Latin or symbol tokens.
  const text = tidy(lines.map((l) => l.text.replace(/\s*[_]{2,}.*$/, '').replace(/(?:\s+(?:[A-Za-z]{1,3}|[^\sА-Яа-яЁё«»]{1,3}|[а-яё]))+$/, '')).join(' '));
  const position = text && !/\d{2}\.\d{2}\.\d{4}/.test(text) ? found(text, 0.8, lines) : none<string>();
  return { signer, position, date };
}

/** Words of an official's position («Исполнительный директор», «Председатель правления», «Врио начальника»). */
const POSITION_WORD =
  /(?:директор|руководител|председател|начальник|(?<![а-яё])глав[аы](?![а-яё])|министр|заведующ|управляющ|президент|прокурор|судья|заместител|(?<![а-яё])врио(?![а-яё])|(?<![а-яё])и\.\s?о\.|предпринимател|ректор|уполномоченн|инспектор|специалист|менеджер|бухгалтер|инженер|секретар|советник|атаман|староста|депутат|командир|партн[её]р|юрисконсульт|врач|архитектор|редактор|нотариус|адвокат|консул|администратор|координатор|эксперт|аудитор|технолог|сотрудник|член\s)/i;
const VALEDICTION = /^(?:С\s+уважением|С\s+наилучшими\s+пожеланиями|Искренне\s+Ваш)/i;

/**
 * A signature set flush left, as e-mails and many typed letters print it: the valediction or the position lines,
 * then the signer's name on a line of its own below them (then, in an e-mail, the organisation and contacts).
 */
function leftSignature(view: LetterView): SignatureBlock {
  const below = view.segs.filter((s) => (s.page > (view.p1[0]?.page ?? 1) || s.box.y0 >= view.bodyTop) && s.box.x0 < s.pw * 0.4);
  for (let k = 1; k < below.length; k++) {
    const s = below[k]!;
    if (EXECUTOR.test(s.text)) continue;
    const plain = bare(s.text).replace(/[.,;]+$/, '');
    const name = isNominativeFullName(plain) ? plain : trailingName(s.text);
    // the name alone on its line, not a sentence mentioning a person
    if (!name || bare(s.text).length > name.length + 3) continue;
    const h = s.box.y1 - s.box.y0;
    const lines: Seg[] = [];
    let top = s;
    for (let j = k - 1; j >= 0 && lines.length < 4; j--) {
      const o = below[j]!;
      if (o.page !== s.page || top.box.y0 - o.box.y1 > h * 0.9 || Math.abs(o.box.x0 - s.box.x0) > h) break;
      if (VALEDICTION.test(o.text)) {
        top = o;
        break;
      }
      if (/[.!?]$/.test(o.text) || isContact(o.text) || o.text.length > 90) break;
      lines.unshift(o);
      top = o;
    }
    const valediction = VALEDICTION.test(top.text);
    if (!lines.length) {
      // the name before the position («Петров А.В. / Генеральный директор ООО «Вектор»»)
      const under = positionUnder(below, k);
      if (under.length) return { signer: found(name, 0.75, [s]), position: found(tidy(under.map((l) => l.text).join(' ')), 0.7, under), date: none() };
    }
    if (!valediction && !lines.some((l) => POSITION_WORD.test(l.text))) continue;
    const text = tidy(lines.map((l) => l.text).join(' '));
    return {
      signer: found(name, 0.8, [s]),
      // under a valediction the lines above the name are the position, whatever it is called
      position: text && (valediction || POSITION_WORD.test(text)) ? found(text, 0.75, lines) : none<string>(),
      date: none(),
    };
  }
  return { signer: none(), position: none(), date: none() };
}

/** Position lines set tight under a flush-left name, the first naming a position; none when the first does not. */
function positionUnder(below: Seg[], k: number): Seg[] {
  const s = below[k]!;
  const h = s.box.y1 - s.box.y0;
  const under: Seg[] = [];
  let last = s;
  for (let j = k + 1; j < below.length && under.length < 3; j++) {
    const o = below[j]!;
    if (o.page !== s.page || o.box.y0 - last.box.y1 > h * 0.9 || Math.abs(o.box.x0 - s.box.x0) > h) break;
    if (isContact(o.text) || EXECUTOR.test(o.text) || /[.!?]$/.test(o.text) || o.text.length > 90 || /\d{2}/.test(o.text)) break;
    under.push(o);
    last = o;
  }
  return under.length && POSITION_WORD.test(under[0]!.text) ? under : [];
}

/** Lines under a flush-left signer's name that are not contacts: an e-mail signature's organisation. */
export function signatureTail(view: LetterView, signer: Found<string | null>): string | null {
  if (!signer.box || signer.page === null) return null;
  const box = signer.box;
  const h = box.y1 - box.y0;
  const out: string[] = [];
  let last = box;
  for (const s of view.segs) {
    if (s.page !== signer.page || s.box.y0 <= box.y0 + h * 0.5) continue;
    if (s.box.y0 - last.y1 > h * 0.9 || Math.abs(s.box.x0 - box.x0) > h || out.length >= 3) break;
    if (isContact(s.text) || EXECUTOR.test(s.text)) break;
    out.push(s.text);
    last = s.box;
  }
  return out.length ? tidy(out.join(' ')) : null;
}

/** The label of a form's applicant row: «Заявитель:», «Ф.И.О.:», «ФИО заявителя:». */
const APPLICANT = String.raw`^(?:Заявитель|Ф\.?\s?И\.?\s?О\.?(?:\s+заявителя)?)\s*:\s*`;
const APPLICANT_LABEL = new RegExp(APPLICANT, 'i');
const SENDER_LABEL = new RegExp(`${APPLICANT}([А-ЯЁ][а-яё-]+\\s+[А-ЯЁ][а-яё]+\\s+[А-ЯЁ][а-яё]+)`);
/** The applicant's surname and first name, the patronymic wrapped to the next line. */
const SENDER_LABEL_TWO = new RegExp(`${APPLICANT}([А-ЯЁ][а-яё-]+\\s+[А-ЯЁ][а-яё]+)\\s*$`);
/** A full name in the genitive alone on its line (`Гусевой Екатерины Алексеевны,`): a citizen's «от» block without «от». */
const GENITIVE_FULL = /^([А-ЯЁ][а-яё-]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вича|вны|ичны|чны|ича))\s*,?$/;
const ADDRESS_LABEL = /по адресу:?|адрес(?:\s+(?:для ответа|для переписки|регистрации|проживания|места жительства))?\s*:/i;

export interface Citizen {
  name: Found<string | null>;
  address: Found<string | null>;
  anonymous: boolean;
  evidence: number;
}

/** The citizen's block: "от Иванова Ивана Ивановича, проживающего по адресу: …", or the fields of a web form. */
export function extractCitizen(view: LetterView, signatureSurname: string | null): Citizen {
  const top = view.p1.filter((s) => s.box.y0 < view.bodyTop + s.ph * 0.05);
  let evidence = 0;
  let name: Found<string | null> = none();
  let address: Found<string | null> = none();
  // Web form: Фамилия / Имя / Отчество / Почтовый адрес rows.
  const valueOf = (label: RegExp): Seg[] => {
    const l = top.find((s) => label.test(s.text));
    if (!l) return [];
    const v = rowOf(top, l).find((o) => o.box.x0 > l.box.x1);
    if (!v) return [];
    const out: Seg[] = [];
    for (const s of continuation(view.p1, view.p1.indexOf(v), 3)) {
      if (s !== v && rowOf(top, s).some((o) => o.box.x1 < v.box.x0 - 10)) break;
      if (s.box.x0 >= l.box.x1) out.push(s);
    }
    return out;
  };
  const fam = valueOf(/^Фамилия$/i);
  const im = valueOf(/^Имя$/i);
  const ot = valueOf(/^Отчество$/i);
  if (fam.length && im.length) {
    evidence += 2;
    const parts = [fam[0]!.text, im[0]!.text, ot[0]?.text].filter(Boolean);
    name = found(parts.join(' '), 0.9, [...fam, ...im, ...ot]);
  }
  const addr = valueOf(/^(?:Почтовый адрес|Адрес(?: проживания)?)$/i);
  if (addr.length) address = found(repairAddressText(tidy(addr.map((s) => s.text).join(' '))), 0.85, addr);
  for (let k = 0; k < view.p1.length && name.value === null; k++) {
    const s = view.p1[k]!;
    if (s.box.y0 > view.bodyTop + s.ph * 0.05) break;
    const m = FROM_NAME.exec(s.text);
    const joined = m ? null : FROM_NAME_TWO.exec(s.text);
    // The sender's block without «от»: «Заявитель: Иванов Иван Иванович», or the genitive name alone before
    // «проживающего по адресу».
    const labelled = m ? null : SENDER_LABEL.exec(s.text);
    const bareGenitive = m || labelled ? null : GENITIVE_FULL.exec(s.text);
    const living = bareGenitive && s.box.x0 > s.pw * 0.3 && /^(?:проживающ|зарегистрированн|адрес)/i.test(view.p1[k + 1]?.text ?? '');
    let gen = m?.[1] ?? labelled?.[1] ?? (living ? bareGenitive![1]! : null);
    const used = [s];
    // «Заявитель: Фомина Анастасия» with the patronymic wrapped to the next line
    const labelledTwo = gen ? null : SENDER_LABEL_TWO.exec(s.text);
    const patronymic = labelledTwo ? /^([А-ЯЁ][а-яё]+(?:вич|вна|ична|чна))(?![а-яё])/.exec(view.p1[k + 1]?.text ?? '') : null;
    if (labelledTwo && patronymic) {
      gen = `${labelledTwo[1]} ${patronymic[1]}`;
      used.push(view.p1[k + 1]!);
    }
    if (!gen && joined) {
      const next = view.p1[k + 1];
      const p = next && /^([А-ЯЁ][а-яё]+(?:вича|вны|ичны|чны|ича))/.exec(next.text);
      if (p) {
        gen = `${joined[1]} ${p[1]}`;
        used.push(next!);
      }
    }
    if (!gen) {
      if (/^от\s+(?:жител|собственник|групп|инициативн)/i.test(s.text)) evidence += 2;
      continue;
    }
    evidence += 2;
    const nom = isNominativeFullName(gen) && !/(?:вича|вны|чны)$/.test(gen) ? gen : genitiveToNominative(gen, signatureSurname);
    if (nom) name = found(nom, 0.85, used);
    if (address.value === null) {
      const rest = view.p1.slice(k, k + 6);
      const addrStart = rest.findIndex((r) => ADDRESS_LABEL.test(r.text));
      if (addrStart >= 0) {
        const a = rest[addrStart]!;
        const inline = a.text.split(ADDRESS_LABEL)[1]?.trim();
        const lines: Seg[] = [];
        const parts: string[] = [];
        if (inline) {
          parts.push(inline);
          lines.push(a);
        }
        let prev = a;
        for (const r of rest.slice(addrStart + 1)) {
          const h = r.box.y1 - r.box.y0;
          // a contact line ends the address, whatever OCR made of its label («Tem: (992) 2983748»)
          if (/(?:(?<![а-яё])тел|e-?mail|@|\+7|^8[\s-(]|эл\.\s?почт|\(\d{3,5}\)\s?\d)/i.test(r.text) || Math.abs(r.box.x0 - a.box.x0) > h || r.box.y0 - prev.box.y1 > h * 0.9) break;
          if (/^(?:Заявление|Обращение|Жалоба|Предложение)$/i.test(r.text)) break;
          parts.push(r.text);
          lines.push(r);
          prev = r;
        }
        if (parts.length) address = found(repairAddressText(tidy(parts.join(' '))), 0.8, lines);
      }
    }
  }
  const anonymous = view.segs.some((s) => s.text.split(' ').length <= 8 && /^(?:[А-ЯЁа-яё]+\s)?(?:Жители|жители|Собственники|собственники|Группа жителей|Аноним)/.test(s.text));
  if (anonymous) evidence += 2;
  if (/^(?:Заявление|Обращение|Жалоба|Предложение)$/i.test(view.p1.find((s) => /^(?:Заявление|Обращение|Жалоба|Предложение)$/i.test(s.text))?.text ?? '')) evidence += 1;
  if (view.p1.some((s) => /обращение гражданина|интернет-при[её]мн/i.test(s.text))) evidence += 2;
  return { name, address, anonymous, evidence };
}

const MAIL_HEADER = /^(?:From|Sent|To|Cc|Date|Subject|От|Отправлено|Отправитель|Кому|Копия|Дата|Тема)\s?:/i;

/** Name lines of the sender's letterhead: the top lines of page 1 that are neither contacts nor the addressee. */
export function letterheadLines(view: LetterView, stopY: number, aside: Box | null = null): Seg[] {
  const out: Seg[] = [];
  for (const s of view.p1) {
    if (s.box.y0 >= stopY) break;
    // An angular blank prints the addressee at the right beside the letterhead: its column is not the sender's.
    if (aside) {
      const h = s.box.y1 - s.box.y0;
      if (s.box.x0 >= aside.x0 - h && s.box.y0 < aside.y1 + h && s.box.y1 > aside.y0 - h) continue;
    }
    // "№ 1»" ending a quoted name ("«ГИМНАЗИЯ / № 1»") or "№ 9 по … области" ending a body's name is part of the
    // letterhead, not an outgoing number
    if (isContact(s.text) || findDates(s.text).length || /^(?:Исх|исх|№(?!\s?\d{1,4}\s?(?:[»"]|по\s))|от\s|На\s№)/.test(s.text)) continue;
    if (ADDRESSEE_START.test(s.text) && /^[А-ЯЁ][а-яё]+(?:у|ю|е)(?![а-яёА-ЯЁ])/.test(s.text)) continue;
    if (/^(?:ПОВТОРНО|Заявление|Обращение|Жалоба)$/i.test(s.text)) continue;
    // a printed e-mail's header rows and the sender's display name above them
    if (labelledBy(view.p1, s, MAIL_HEADER)) continue;
    out.push(s);
  }
  return byColumns(out);
}

/**
 * A letterhead set in two columns (the name on the left, address and requisites on the right, often as a table) is
 * read column by column: in reading order the name's wrapped lines alternate with the contacts beside them.
 */
function byColumns(segs: Seg[]): Seg[] {
  let split = Infinity;
  for (const a of segs) {
    for (const b of segs) {
      const h = Math.min(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0);
      // the right one begins a column: two lines or more of the letterhead start where it starts
      const column = segs.filter((o) => Math.abs(o.box.x0 - b.box.x0) < h * 0.5).length >= 2;
      if (b.box.x0 > a.box.x1 + h && column && Math.min(a.box.y1, b.box.y1) - Math.max(a.box.y0, b.box.y0) > h * 0.3) split = Math.min(split, b.box.x0);
    }
  }
  if (split === Infinity) return segs;
  const left = segs.filter((s) => s.box.x1 < split);
  const right = segs.filter((s) => s.box.x0 >= split - (s.box.y1 - s.box.y0));
  // a line crossing the split (a centred title above both columns) keeps the page's order
  if (left.length + right.length !== segs.length || !left.length) return segs;
  return [...left, ...right];
}
