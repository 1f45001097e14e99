// A letter as positioned lines: junk removed, rows, zones (header, body, signature) on page 1.
import type { Box, OcrDocument } from '../types.ts';
import { cleanLine } from './text.ts';

export interface Seg {
  /** cleaned text */
  text: string;
  box: Box;
  page: number;
  confidence: number;
  /** index in reading order over the whole document */
  i: number;
  /** page size of the segment's page */
  pw: number;
  ph: number;
  /** read from a text layer: spelled as printed, so OCR-damage repairs do not apply */
  exact?: boolean;
}

export interface LetterView {
  segs: Seg[];
  pages: number;
  /** segments of page 1 in reading order */
  p1: Seg[];
  /** y (px) where the body starts on page 1; header is above */
  bodyTop: number;
  /** index into p1 of the subject's first line, or -1 */
  subjectAt: number;
}

const JUNK = /^[^0-9A-Za-zА-Яа-яЁё]*$/;
/** The executor's label as a scan may leave it: «Исп.», «Исполнитель:», «Исполынтель», «Иси.», «Мсп.». */
export const EXECUTOR_LABEL = /^(?:Ис[а-яё]{1,10}|Мсп|Hon|Hen)[.,:;'’]*$/;
/** An e-mail address: tesseract's Russian-first scoring rates these low even when it reads them right. */
const EMAIL_SHAPED = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/**
 * A telephone number with its long-distance prefix (`+7 816547 38 37`, `|8-969-530-88-48`): tesseract scores digit
 * groups on poor scans near zero even when it reads them right, as it does e-mails.
 */
const PHONE_SHAPED = /(?:\+7|(?<!\d)8)[\s-]?\(?\d{3,5}\)?[\s-]?\d{1,3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)/;
/** A mailbox and the start of its domain (`office@gp2-sev`): the rest of an address that lost its dot follows. */
const AT_WORD = /[A-Za-z0-9]\s?@\s?[A-Za-z0-9]/;
/** A word that can be part of a telephone number. */
const PHONE_PART = /^[|]?[+(]?[\d()-]+[,.;]?$/;
/** A person's two initials ("М.П."): short, so tesseract scores them low, but speckle does not look like this. */
const INITIALS = /^[А-ЯЁ]\.\s?[А-ЯЁ]\.?[,;]?$/;

/** Lines that are noise rather than text: seal rims, speckle, scanner shadows, fax transmission headers. */
function isJunk(text: string, confidence: number, source: 'ocr' | 'text-layer'): boolean {
  const t = text.trim();
  if (JUNK.test(t)) return true;
  const letters = t.replace(/[^0-9A-Za-zА-Яа-яЁё]/g, '');
  // two-letter labels of a printed e-mail's header carry which addresses are the recipient's
  if (letters.length <= 2 && !/^\d+$/.test(letters) && !/^(?:To|Cc|От)\s?:$/i.test(t)) return true;
  if (/FROM:|TO:|\bP\.\s?\d{1,2}\s?\/\s?\d{1,2}\b/.test(t)) return true;
  if (source === 'ocr') {
    if (EMAIL_SHAPED.test(t) || AT_WORD.test(t) || PHONE_SHAPED.test(t)) return false;
    // tesseract under-rates specky fax text, so a low line score alone does not condemn real words
    if (confidence < 35 && !t.split(/\s+/).some((w) => /^[А-ЯЁа-яё]{4,}[.,]?$/.test(w))) return true;
    // A line whose words are mostly one- or two-letter fragments is speckle read as text.
    const words = t.split(/\s+/);
    const short = words.filter((w) => w.replace(/[^0-9A-Za-zА-Яа-яЁё]/g, '').length <= 2).length;
    if (words.length >= 3 && short / words.length > 0.6 && confidence < 70) return true;
    if (letters.length / t.length < 0.5 && confidence < 60) return true;
  }
  return false;
}

/** Drops words that belong to a seal's rim: lone capitals trailing a line and separated by a wide gap. */
function stripSealLetters(words: Array<{ text: string; box: Box }>): Array<{ text: string; box: Box }> {
  const out = [...words];
  // An executor line ends with undotted initials after the surname ("Исполнитель Максимова Ю В"), not seal letters.
  if (words.length >= 3 && words.length <= 6 && EXECUTOR_LABEL.test(words[0]!.text)) {
    const k = words.findIndex((w, i) => i > 0 && /^[А-ЯЁ][а-яёъь]{3,}(?:-[А-ЯЁ][а-яё]+)?$/.test(w.text));
    const tail = k > 0 ? words.slice(k + 1) : [];
    if (tail.length >= 1 && tail.length <= 2 && tail.every((w) => /^[А-ЯЁA-Z][.,]?$/.test(w.text))) return out;
  }
  // A line set in capitals may end with a one-letter preposition («… ОШИБКИ В / СВЕДЕНИЯХ …») at a word's spacing.
  const capitals = words.filter((w) => /^[А-ЯЁ-]{2,}[,.]?$/.test(w.text)).length >= Math.max(2, words.length / 2);
  while (out.length > 1) {
    const last = out[out.length - 1]!;
    const prev = out[out.length - 2]!;
    const gap = last.box.x0 - prev.box.x1;
    const h = prev.box.y1 - prev.box.y0;
    if (capitals && /^[ВКСОУИА]$/.test(last.text) && gap < h) break;
    if (/^[А-ЯЁA-Z*]$/.test(last.text) && gap > h * 0.4) out.pop();
    else break;
  }
  return out;
}

/** A low-confidence OCR word still worth keeping: a real word, a number, a label such as ИНН/КПП. */
function plausibleWord(t: string): boolean {
  const alnum = t.replace(/[^0-9A-Za-zА-Яа-яЁё]/g, '').length;
  const odd = t.replace(/[0-9A-Za-zА-Яа-яЁё.,/:;()«»"№-]/g, '').length;
  return alnum >= 3 && odd === 0;
}

/** Seal text is set smaller than the letter's: on text-layer pages word heights come from font sizes. */
function dropSmallWords(words: Array<{ text: string; box: Box }>): Array<{ text: string; box: Box }> {
  if (words.length < 2) return words;
  const hs = words.map((w) => w.box.y1 - w.box.y0).sort((a, b) => a - b);
  const med = hs[Math.floor(hs.length / 2)]!;
  return words.filter((w) => w.box.y1 - w.box.y0 >= med * 0.8);
}

/** Spaced single letters (a seal's rim read line by line) carry no field. */
function isSpacedLetters(words: Array<{ text: string }>): boolean {
  const singles = words.filter((w) => /^[А-ЯЁA-Z«»*]$/.test(w.text)).length;
  return words.length >= 2 && singles / words.length >= 0.6;
}

export function buildView(doc: OcrDocument): LetterView {
  const segs: Seg[] = [];
  for (const page of doc.pages) {
    // where the page's lines begin: the left edges of its columns. Only a text layer's word spacing is even enough
    // for this: in a scan a word gap may be wider than a letter's height, and paragraph indents are line starts too.
    const starts = page.source === 'text-layer' ? page.lines.map((l) => l.words[0]?.box.x0).filter((x): x is number => x !== undefined) : [];
    for (const line of page.lines) {
      // OCR words below 40 % confidence are mostly stamp, scribble and speckle.
      const phone = PHONE_SHAPED.test(line.words.map((w) => w.text).join(' '));
      const kept =
        page.source === 'text-layer'
          ? dropSmallWords(line.words)
          : line.words.filter(
              (w, i) =>
                w.confidence >= 40 ||
                plausibleWord(w.text) ||
                EMAIL_SHAPED.test(w.text) ||
                AT_WORD.test(w.text) ||
                // a mailbox name's first part before its underscore (`office _novyikvart90@bk.ru`)
                (/^[A-Za-z][A-Za-z0-9]{2,}$/.test(w.text) && /^[_.-][A-Za-z0-9]/.test(line.words[i + 1]?.text ?? '') && AT_WORD.test(line.words[i + 1]?.text ?? '')) ||
                // the top-level domain of an address split by a space (`office@gp2-sev tu`)
                (i > 0 && AT_WORD.test(line.words[i - 1]!.text) && /^[A-Za-zА-Яа-яЁё]{2,3}[.,]?$/.test(w.text)) ||
                INITIALS.test(w.text) ||
                (phone && PHONE_PART.test(w.text)),
            );
      // In upper-case letterheads a lone "И" is the conjunction, not a seal letter.
      const caps = kept.filter((w) => /^[А-ЯЁ-]{2,}$/.test(w.text)).length > kept.length / 2;
      const words = stripSealLetters(
        kept.filter((w, i) => caps || !(i > 0 && /^[А-ЯЁ]$/.test(w.text) && page.source === 'text-layer' && !/^[А-ЯЁ]\.?$/.test(kept[i + 1]?.text ?? 'x'))),
      );
      if (!words.length || isSpacedLetters(words)) continue;
      for (const part of splitAtBars(words).flatMap((p) => splitAtGaps(p, starts))) pushSeg(segs, part, line.confidence, page);
    }
  }
  return finishView(doc, segs);
}

/**
 * A gap wider than about one and a half letter heights separates columns printed on one baseline; so does a gap of
 * one letter height before a word where two other lines of the page begin (a column's left edge: a letterhead's name
 * wrapped beside its contacts comes within a word space of them).
 */
function splitAtGaps(words: Array<{ text: string; box: Box }>, starts: number[] = []): Array<Array<{ text: string; box: Box }>> {
  const hs = words.map((w) => w.box.y1 - w.box.y0).sort((a, b) => a - b);
  const h = hs[Math.floor(hs.length / 2)] ?? 0;
  const parts: Array<Array<{ text: string; box: Box }>> = [[]];
  for (const w of words) {
    const cur = parts[parts.length - 1]!;
    const prev = cur[cur.length - 1];
    const gap = prev ? w.box.x0 - prev.box.x1 : 0;
    const edge = (): boolean => starts.filter((x) => Math.abs(x - w.box.x0) < h * 0.5).length >= 2;
    if (prev && (gap > 1.6 * h || (gap > h && edge()))) parts.push([w]);
    else cur.push(w);
  }
  return parts.filter((p) => p.length > 0);
}

/** A table rule read as `|` separates cells: the cells become separate segments. */
function splitAtBars(words: Array<{ text: string; box: Box }>): Array<Array<{ text: string; box: Box }>> {
  const parts: Array<Array<{ text: string; box: Box }>> = [[]];
  for (const w of words) {
    if (/^[|¦]+$/.test(w.text)) {
      parts.push([]);
      continue;
    }
    const text = w.text.replace(/^[|¦]+|[|¦]+$/g, '');
    if (text) parts[parts.length - 1]!.push({ text, box: w.box });
  }
  return parts.filter((p) => p.length > 0);
}

function pushSeg(segs: Seg[], words: Array<{ text: string; box: Box }>, confidence: number, page: OcrDocument['pages'][number]): void {
  {
    {
      const raw = words.map((w) => w.text).join(' ');
      if (isJunk(raw, confidence, page.source)) return;
      const text = cleanLine(raw);
      if (!text) return;
      // A speck a scan reads as a mark before the first word («‚ Заместителю …») is dropped from the text by cleanLine;
      // it must not move the line's left edge either, which says what column and block the line belongs to.
      const h = Math.max(...words.map((w) => w.box.y1 - w.box.y0));
      const inked = page.source !== 'text-layer' && words.length > 1 && /^[^\p{L}\p{N}«"(]+$/u.test(words[0]!.text) && words[0]!.box.x1 - words[0]!.box.x0 < h * 0.5 ? words.slice(1) : words;
      const box = {
        x0: Math.min(...inked.map((w) => w.box.x0)),
        y0: Math.min(...inked.map((w) => w.box.y0)),
        x1: Math.max(...inked.map((w) => w.box.x1)),
        y1: Math.max(...inked.map((w) => w.box.y1)),
      };
      segs.push({ text, box, page: page.index, confidence, i: 0, pw: page.width, ph: page.height, exact: page.source === 'text-layer' });
    }
  }
}

function finishView(doc: OcrDocument, segs: Seg[]): LetterView {
  segs.sort((a, b) => a.page - b.page || a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  segs.forEach((s, i) => (s.i = i));
  const p1 = segs.filter((s) => s.page === (doc.pages[0]?.index ?? 1));
  const subjectAt = findSubjectStart(p1);
  const bodyTop = findBodyTop(p1, subjectAt);
  return { segs, pages: doc.pages.length, p1, bodyTop, subjectAt };
}

export const SUBJECT_START = /^(?:О|Об|Обо)\s+[а-яё«"]/;
/**
 * Other ways a heading to the text opens: «По вопросу …», «К вопросу о …», «Относительно …», «Касательно …», «По поводу …».
 * Unlike «О …» these also open body sentences («По вопросу, изложенному в письме, сообщаем …»), so a heading is taken
 * only without a comma and without the verbs a body sentence of a letter carries.
 */
const SUBJECT_OPENER =
  /^(?:По\s+вопросу|К\s+вопросу\s+(?:о|об|обо)|Относительно|Касательно|По\s+поводу|(?:Информация|Сведения|Ходатайство|Представление|Запрос|(?:Коммерческое\s+)?[Пп]редложени[ея]|Уведомление|Заявка|Претензия|Извещение|Отч[её]т)\s+(?:о|об|обо|по|на))(?:\s+[а-яё«"]|$)/;
/**
 * A heading that names the document alone or with its object: «Запрос информации», «Уведомление», «Ответ на запрос»,
 * «Повторный запрос», «Сопроводительное письмо», «Приглашение на совещание». Short, unpunctuated; appeal titles
 * («Заявление», «Жалоба», «Обращение») are titles, not subjects, and are not listed.
 */
const DOC_NOUNS =
  'запрос|уведомление|ответ|требование|приглашение|извещение|предписание|представление|предложение|письмо|информация|сведения|ходатайство|заявка|претензия|отч[её]т|справка|протест|поручение|напоминание';
const DOC_TITLE = new RegExp(
  `^(?:(?:Повторн|Судебн|Сопроводительн|Коммерческ|Официальн|Дополнительн|Информационн)[а-яё]{2,3}\\s+(?:${DOC_NOUNS})|(?:${DOC_NOUNS.replace(/(^|\|)([а-яё])/g, (_m, bar: string, c: string) => `${bar}${c.toUpperCase()}`)}))(?:\\s+[а-яё«"][^.!?:;]*)?$`,
);
const isDocTitle = (t: string): boolean => DOC_TITLE.test(t) && t.split(/\s+/).length <= 8;
const BODY_VERB = /(?:^|\s)(?:сообщаем|сообщаю|сообщить|информируем|информирую|прошу|просим|направляем|направляю|поясняем|разъясняем|рассмотрев|уведомляем|доводим|считаем|является|будет|был[аио]?)(?![а-яё])/i;
const BODY_SENTENCE = new RegExp(`,|${BODY_VERB.source}`, 'i');
/** A labelled subject of a printed e-mail or form: «Тема: …», «Subject: …», «Тема письма: …». */
export const SUBJECT_LABEL = /^(?:Тема(?:\s+(?:письма|обращения|сообщения))?|Subject|Re)\s?:\s*/i;

function isSubjectLine(raw: string, beforeBody: boolean): boolean {
  if (raw.length >= 160) return false;
  // a subject set in capitals («ОБ УЧАСТИИ В КОНКУРСНОМ ОТБОРЕ»)
  const text = isCapitals(raw) ? raw.charAt(0) + raw.slice(1).toLowerCase() : raw;
  // «О результатах прошу сообщить …» opening a paragraph of the body is a sentence, not a heading
  if (SUBJECT_START.test(text)) return beforeBody || !BODY_VERB.test(text);
  return beforeBody && (SUBJECT_OPENER.test(text) || isDocTitle(text)) && !BODY_SENTENCE.test(text);
}

/** A line set in capitals: three capital letters or more and no small ones. */
export const isCapitals = (t: string): boolean => /[А-ЯЁ]{3}/.test(t) && !/[а-яё]/.test(t);

/** A paragraph-like line: long and wide. */
const isParagraph = (s: Seg): boolean =>
  s.text.split(' ').length >= 8 && s.box.x1 - s.box.x0 > s.pw * 0.55 && proseWords(s.text) >= 5;
/** Words of prose (three Cyrillic letters or more): a letterhead's contact line is mostly digits, labels and addresses. */
const proseWords = (t: string): number => t.split(' ').filter((w) => /^[«(]?[А-ЯЁа-яё]{3,}[»),.:;!?]*$/.test(w)).length;
/**
 * A paragraph's first line set ragged in a larger type holds fewer words: a wide line of six or more words that goes
 * on in lower case on the next line at the same left edge is one too.
 */
function opensParagraph(p1: Seg[], k: number): boolean {
  const s = p1[k]!;
  if (isParagraph(s)) return true;
  const next = p1[k + 1];
  const h = s.box.y1 - s.box.y0;
  return (
    s.text.split(' ').length >= 6 &&
    s.box.x1 - s.box.x0 > s.pw * 0.5 &&
    !/[:;]$/.test(s.text) &&
    next !== undefined &&
    /^[а-яё]/.test(next.text) &&
    next.box.y0 - s.box.y1 < h &&
    Math.abs(next.box.x0 - s.box.x0) < h * 3
  );
}

/** The subject's line in a labelled header («Тема: …», or the value beside the label). */
export function isLabelledSubject(p1: Seg[], k: number): boolean {
  const s = p1[k];
  if (!s) return false;
  if (SUBJECT_LABEL.test(s.text)) return true;
  const h = s.box.y1 - s.box.y0;
  return p1.some((o) => o !== s && Math.abs(o.box.y0 - s.box.y0) < h * 0.5 && o.box.x1 < s.box.x0 && SUBJECT_LABEL.test(o.text));
}

function findSubjectStart(p1: Seg[]): number {
  const salutation = p1.find((s) => SALUTATION.test(s.text));
  const firstParagraph = p1.find(isParagraph);
  for (let k = 0; k < p1.length; k++) {
    const s = p1[k]!;
    if (salutation && s.box.y0 >= salutation.box.y0) break;
    if (s.box.x0 > s.pw * 0.5) continue;
    // «Тема: …» on one segment, or the label alone with its value further along the row
    if (SUBJECT_LABEL.test(s.text) && s.text.replace(SUBJECT_LABEL, '').trim().length >= 3) return k;
    if (SUBJECT_LABEL.test(s.text)) {
      const h = s.box.y1 - s.box.y0;
      const value = p1.findIndex((o) => o !== s && Math.abs(o.box.y0 - s.box.y0) < h * 0.5 && o.box.x0 > s.box.x1);
      if (value >= 0) return value;
    }
    // A long heading may itself look like the first paragraph line; a paragraph goes on in lower case.
    const next = p1[k + 1];
    const ownLine = s === firstParagraph && !/[.,;:]$/.test(s.text) && (!next || /^[А-ЯЁA-Z]/.test(next.text));
    if (isSubjectLine(s.text, !firstParagraph || s.box.y0 < firstParagraph.box.y0 || ownLine)) {
      // A subject precedes the body: it is not the continuation of a paragraph.
      const h = s.box.y1 - s.box.y0;
      const prev = p1
        .slice(0, k)
        .filter((p) => p.box.y1 <= s.box.y0 + h * 0.3 && Math.abs(p.box.x0 - s.box.x0) < h * 3)
        .pop();
      if (prev && prev.text.split(' ').length >= 3 && s.box.y0 - prev.box.y1 < h * 0.6 && /[а-яё,]$/.test(prev.text)) continue;
      return k;
    }
  }
  return -1;
}

/** The salutation opening the body; e-mails greet («Добрый день, …!», «Здравствуйте!»). */
export const SALUTATION = /^(?:(?:Уважаем|Дорог)[а-яё]+|Добрый\s+(?:день|вечер)|Доброе\s+утро|Здравствуйте)(?![а-яё])/;

function findBodyTop(p1: Seg[], subjectAt: number): number {
  const sal = p1.find((s) => SALUTATION.test(s.text));
  if (sal) return sal.box.y0;
  // An e-mail's «Тема:» heads the printout, above the letter's own requisites: the body starts at its first paragraph.
  if (subjectAt >= 0 && !isLabelledSubject(p1, subjectAt)) {
    // the body starts under the subject's last line, not under the paragraph that follows it without a gap
    const block = subjectLines(p1, subjectAt);
    const last = block[block.length - 1]!;
    return last.box.y1 + 1;
  }
  // First paragraph-like line: long and wide (a long e-mail subject beside its label is a header row).
  const para = p1.find((s, k) => !(subjectAt >= 0 && k <= subjectAt) && opensParagraph(p1, k));
  return para ? para.box.y0 : p1[p1.length - 1]?.box.y1 ?? 0;
}

/** The subject's lines from its first: where the heading ends and the body (or the next header row) begins. */
export function subjectLines(p1: Seg[], subjectAt: number): Seg[] {
  const block = continuation(p1, subjectAt, 6);
  const lines: Seg[] = [];
  const maxWidth = (): number => Math.max(...lines.map((l) => l.box.x1 - l.box.x0));
  // A value in a labelled header (an e-mail's «Тема:», a form's row) ends where the next labelled row begins.
  const labelled = (s: Seg): boolean => rowOf(p1, s).some((o) => o !== s && o.box.x1 < s.box.x0);
  for (const s of block) {
    if (lines.length && SALUTATION.test(s.text)) break;
    if (lines.length && labelled(s)) break;
    if (lines.length && SUBJECT_LABEL.test(s.text)) break;
    // A subject goes on in lower case; a capitalised full-width line is the body's first sentence.
    const prev = lines[lines.length - 1];
    const open = prev !== undefined && /(?:^|\s)(?:[а-яё]{1,4}\.|[а-яё]{1,3}|по адресу:)$/.test(prev.text);
    if (prev && !open && !(isCapitals(prev.text) && isCapitals(s.text)) && /^[А-ЯЁA-Z]/.test(s.text) && (s.box.x1 - s.box.x0 > s.pw * 0.6 || s.box.x1 - s.box.x0 > maxWidth() * 1.3 || /^[А-ЯЁ][а-яё]{0,2},/.test(s.text))) break;
    lines.push(s);
    // A sentence end, not an abbreviation such as "г." or "ул." — nor a speck read as a full stop after a word that
    // goes on in lower case on the next line of the heading («… аренды земельного. / участка»).
    const next = block[block.indexOf(s) + 1];
    const speck = /[а-яё]{5,}\.$/.test(s.text) && next !== undefined && /^[а-яё]/.test(next.text);
    if (/[.!?]$/.test(s.text) && !/(?:^|\s)[а-яё]{1,4}\.$/.test(s.text) && !speck) break;
  }
  const tail = lines.length ? centredTail(p1, lines[lines.length - 1]!) : undefined;
  if (tail) lines.push(tail);
  return lines;
}

/**
 * The last word or two of a centred heading wrapped onto a short line of their own under a full line — often a proper
 * name («… в посёлке Сосновый / Бор», «… по улице / Ленина»), so capitalised, which `continuation` does not follow.
 */
function centredTail(p1: Seg[], last: Seg): Seg | undefined {
  const h = last.box.y1 - last.box.y0;
  const centre = (b: Seg): number => (b.box.x0 + b.box.x1) / 2;
  if (last.box.x1 - last.box.x0 < last.pw * 0.5 || /[.!?:;,]$/.test(last.text)) return undefined;
  const below = p1.filter((o) => o.page === last.page && o.box.y0 > last.box.y1 - h * 0.3).sort((a, b) => a.box.y0 - b.box.y0)[0];
  if (!below || below.box.y0 - last.box.y1 > h * 1.1) return undefined;
  const words = below.text.split(' ');
  const short = words.length <= 3 && below.box.x1 - below.box.x0 < below.pw * 0.35;
  if (!short || !/^[А-ЯЁ«"]?[а-яё]/.test(below.text) || SALUTATION.test(below.text)) return undefined;
  if (Math.abs(centre(below) - centre(last)) > h * 1.5 || Math.abs(below.box.x0 - last.box.x0) < h * 0.8) return undefined;
  return below;
}

/** A line and the lines continuing it in the same column (same left edge, tight spacing). */
export function continuation(lines: Seg[], start: number, maxLines = 6): Seg[] {
  const first = lines[start]!;
  const out = [first];
  const h = first.box.y1 - first.box.y0;
  for (let k = start + 1; k < lines.length && out.length < maxLines; k++) {
    const s = lines[k]!;
    const last = out[out.length - 1]!;
    if (s.box.y0 - last.box.y1 > h * 1.1) break;
    if (Math.abs(s.box.y0 - last.box.y0) < h * 0.5) continue; // another column on the same row
    const narrow = (b: Seg): boolean => b.box.x1 - b.box.x0 < b.pw * 0.55;
    const centred =
      Math.abs((s.box.x0 + s.box.x1) / 2 - (first.box.x0 + first.box.x1) / 2) < h * 1.5 &&
      ((first.box.x0 > first.pw * 0.2 && narrow(s) && narrow(first)) || ((/^[а-яё\d№«"(]/.test(s.text) || (isCapitals(first.text) && isCapitals(s.text))) && s.box.x1 - s.box.x0 <= (first.box.x1 - first.box.x0) * 1.05));
    if (Math.abs(s.box.x0 - first.box.x0) > h * 0.8 && !centred) {
      // another column further down the same rows: skip it, but stop at an indented paragraph
      if (s.box.x0 > first.box.x0 && s.box.x0 < first.box.x0 + h * 4 && s.box.x1 > first.box.x1) break;
      continue;
    }
    out.push(s);
  }
  return out;
}

/** `s` is a labelled row's: its own text opens with the label, or a segment left of it on its row is the label. */
export function labelledBy(segs: Seg[], s: Seg, label: RegExp): boolean {
  return label.test(s.text) || rowOf(segs, s).some((o) => o !== s && o.box.x1 <= s.box.x0 && label.test(o.text));
}

/** Segments sharing a row with `s` (vertical overlap of more than half the height). */
export function rowOf(segs: Seg[], s: Seg): Seg[] {
  const h = s.box.y1 - s.box.y0;
  return segs
    .filter((o) => o.page === s.page && Math.min(o.box.y1, s.box.y1) - Math.max(o.box.y0, s.box.y0) > h * 0.4)
    .sort((a, b) => a.box.x0 - b.box.x0);
}

