// Card fields of an incoming letter or a citizen's appeal, from an OCR'd (or text-layer) document.
import type { Box, OcrDocument } from '../types.ts';
import { found, none, type Found } from './found.ts';
import { buildView, rowOf, subjectLines, SUBJECT_LABEL, type LetterView, type Seg } from './layout.ts';
import { mendPosition, mendWords } from './mendWords.ts';
import { surnameOf } from './names.ts';
import { correctOwnWords, correctStaffInitials, correctStaffNames } from './staffNames.ts';
import {
  correspondentType,
  CorrespondentRegistry,
  findShortForm,
  shortenAgencyName,
  shortenLegalName,
  type CorrespondentType,
} from './org.ts';
import { extractAddressee, extractCitizen, extractExecutor, extractSignature, letterheadLines, signatureTail } from './parties.ts';
import { extractEmails, extractIds, extractNumbers, extractPhones } from './requisites.ts';
import { findDates, normKey, repairInitials, tidy } from './text.ts';

export const FIELD_NAMES = [
  'kind', 'correspondent', 'correspondentType', 'inn', 'kpp', 'ogrn', 'outNumber', 'outDate', 'inReplyTo',
  'addressee', 'subject', 'signer', 'signerPosition', 'executorName', 'emails', 'phones', 'citizenAddress',
  'pages', 'attachmentsNote', 'topic',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export interface LetterFields {
  kind: 'incoming' | 'appeal';
  correspondent: string | null;
  correspondentType: CorrespondentType | null;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  outNumber: string | null;
  outDate: string | null;
  inReplyTo: { number: string; date: string | null } | null;
  addressee: string | null;
  subject: string | null;
  signer: string | null;
  signerPosition: string | null;
  executorName: string | null;
  emails: string[] | null;
  phones: string[] | null;
  citizenAddress: string | null;
  pages: number;
  attachmentsNote: string | null;
  topic: string | null;
}

export interface FieldSource {
  page: number;
  box: Box;
}

export interface LetterExtraction {
  fields: LetterFields;
  /** 0..1 per field; 0 for abstentions */
  confidence: Record<FieldName, number>;
  /** where each value was printed (normalised page pixels), null when abstaining */
  sources: Record<FieldName, FieldSource | null>;
  /** the letter's text without speckle, stamp debris and fax transmission lines */
  cleanText: string;
}

export interface TopicClassifier {
  predict(text: string): { label: string; score: number } | null;
}

export interface ExtractContext {
  /** the receiving organisation: never proposed as the correspondent */
  recipient?: { name: string; aliases?: string[]; inn?: string | null; emails?: string[]; phones?: string[]; staff?: string[]; titles?: string[] };
  /** known correspondents of the organisation */
  registry?: CorrespondentRegistry;
  topics?: TopicClassifier;
  /** minimum confidence for a field to be proposed (default 0.3) */
  minConfidence?: number;
}

function subjectOf(view: LetterView): Found<string | null> {
  if (view.subjectAt < 0) return none();
  const lines = subjectLines(view.p1, view.subjectAt);
  // a full stop at a line's end before a line going on in lower case is a speck (subjectLines kept both lines)
  const texts = lines.map((s, i) => (i + 1 < lines.length && /^[а-яё]/.test(lines[i + 1]!.text) ? s.text.replace(/([а-яё]{5,})\.$/, '$1') : s.text));
  // «по муниципальному - - контракту»: dashes alone in a row are rule or stamp debris, not punctuation
  const text = texts.join(' ').replace(SUBJECT_LABEL, '').replace(/(?:\s[-–—]){2,}(?=\s)/g, '');
  return found(tidy(text), 0.85, lines);
}

// The label itself may come back damaged ("Прилсжение:", "Приложенне:"): a word of its length and ends before a colon.
const ATTACH = /^(?:Приложени[ея]|Прил[а-яё]{4,7}[ея](?=\s*:))\s*(?::\s*|(?=на\s+\d))(.*)$/i;

function attachmentsOf(view: LetterView, signerPositionTop: number | null): Found<string | null> {
  for (let k = 0; k < view.segs.length; k++) {
    const s = view.segs[k]!;
    const m = ATTACH.exec(s.text);
    if (!m) continue;
    const h = s.box.y1 - s.box.y0;
    let head = m[1]!.trim();
    const used = [s];
    // the end of the line may have been split off by a stamp between the words
    let right = s;
    for (const o of rowOf(view.segs, s).filter((o) => o.box.x0 > s.box.x1)) {
      if (o.box.x0 - right.box.x1 > h * 4) break;
      head = `${head} ${o.text}`.trim();
      used.push(o);
      right = o;
    }
    const parts: string[] = head ? [head] : [];
    let last = s;
    for (let j = k + 1; j < view.segs.length; j++) {
      const n = view.segs[j]!;
      if (n.page !== s.page) break;
      if (Math.abs(n.box.y0 - last.box.y0) < h * 0.5) continue;
      if (n.box.y0 - last.box.y1 > h * 0.9) break;
      if (signerPositionTop !== null && n.box.y0 >= signerPositionTop - 2) break;
      if (/^С\s+уважением/i.test(n.text)) break;
      if (n.box.x0 > s.pw * 0.45) continue;
      parts.push(n.text);
      used.push(n);
      last = n;
    }
    if (parts.length) return found(repairSheets(tidy(parts.join(' '))), 0.8, used);
  }
  return none();
}

/** "на 6 Л. В 1 9К3" -> "на 6 л. в 1 экз": the fixed wording of sheet and copy counts, repaired after OCR. */
export function repairSheets(text: string): string {
  return text
    // "на 2 А. в": the sheet abbreviation read as a capital
    .replace(/((?:^|\s)на\s?\d+\s?)[АA]\.(?=\s?[вВB]\s)/g, '$1л.')
    // A bracket for the thin "1" in a number slot ("на ] л.", "в } экз")
    .replace(/((?:^|\s)на\s?)[\]}|](\s?[ЛлJ]\.)/g, '$11$2')
    .replace(/((?:^|\s)[вВB]\s?)[\]}|](\s?(?:экз|зкз))/g, '$11$2')
    // ... or lost altogether: a count cannot be missing from the formula, and the thin "1" is the digit that vanishes
    .replace(/((?:^|\s)на)\s([ЛлJ]\.\s?[вВB]\s?\d)/g, '$1 1 $2')
    .replace(/(\d\s?[Лл]\.\s?[вВB])\s?(экз|зкз)/g, '$1 1 $2')
    // Look-alikes in the number slots of the formula "на N л. в N экз.": б/З for 6/3, 6 for в, I/l for 1.
    .replace(/((?:^|\s)на\s?)б(\s?[ЛлJ]\.)/g, '$16$2')
    .replace(/((?:^|\s)на\s?)[зЗ](\s?[ЛлJ]\.)/g, '$13$2')
    .replace(/((?:^|\s)на\s?)[ВB](\s?[ЛлJ][.,])/g, '$18$2')
    .replace(/(\d\s?[Лл]\.\s?)6(\s?\d{1,2}\s?(?:экз|зкз))/g, '$1в$2')
    .replace(/((?:^|\s)[вВB]\s?)[Il|](\s?(?:экз|зкз))/g, '$11$2')
    .replace(/(\d+)\s*[ЛлJ][IИ]?[.,]?\s*[ВвB]\s*(\d+)\s*(?:экз|3К3|9К3|зкз|экэ|3кз|9кз)?\.?(?=\s|$|[.,;])/g, (_m, a: string, b: string) => `${a} л. в ${b} экз.`)
    .replace(/([а-яё])на (\d+ л\.)/g, '$1 на $2')
    // the sheet word lost altogether: "на 13 в 1 экз"
    .replace(/((?:^|\s)на\s?\d+)\s[вВB]\s?(\d+\s?экз)/g, '$1 л. в $2')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

/** Under a name set before its position the first lines are that position, not the sender's organisation. */
function tailAfterPosition(tail: string | null, position: string | null): string | null {
  if (!tail || !position || !tail.startsWith(position)) return tail;
  return tail.slice(position.length).trim() || null;
}

function isRecipient(name: string, ctx: ExtractContext): boolean {
  const r = ctx.recipient;
  if (!r) return false;
  const key = normKey(name);
  return [r.name, ...(r.aliases ?? [])].some((n) => {
    const k = normKey(n);
    return k.length > 0 && (key === k || key.includes(k) || (k.includes(key) && key.length > 15));
  });
}

function correspondentOf(
  view: LetterView,
  ctx: ExtractContext,
  stopY: number,
  position: string | null,
  ids: { inn: string | null; ogrn: string | null },
  aside: Box | null,
  tail: string | null,
): Found<string | null> {
  let head = letterheadLines(view, stopY, aside);
  let headText = head.map((s) => s.text).join(' ');
  const reg = ctx.registry;
  const byId = reg?.byId(ids.inn, ids.ogrn);
  if (byId) return found(byId.name, 0.95, head);
  let derived = findShortForm(headText) ?? shortenLegalName(headText) ?? shortenAgencyName(headText) ?? (position ? findShortForm(position) : null);
  // No organisation at the top (a printed e-mail opens with the mail header): the signature block names it.
  if (!derived && tail && !correspondentType(headText)) {
    derived = findShortForm(tail) ?? shortenLegalName(tail);
    if (derived || correspondentType(tail)) {
      headText = tail;
      head = [];
    }
  }
  const candidates: Array<[string, number]> = [];
  if (derived) {
    // The registry spells known senders the organisation's way; a derived name only confirms the choice.
    const same = reg?.match(derived);
    const sameForm = (a: string, b: string): boolean => a.split(' ')[0] === b.split(' ')[0];
    if (same && same.score >= 0.9 && sameForm(same.item.name, derived)) candidates.push([same.item.name, 0.95]);
    const quoted = /«([^«»]+)/.exec(derived)?.[1];
    const broad = reg && headText ? reg.match(`${headText} ${position ?? ''}`) : null;
    if (broad && broad.score >= 0.75 && ((quoted && normKey(broad.item.name).includes(normKey(quoted))) || (broad.score >= 0.85 && sameForm(broad.item.name, derived)))) {
      candidates.push([broad.item.name, 0.9]);
    }
    candidates.push([derived, 0.85]);
  } else {
    const match = reg && headText ? reg.match(`${headText} ${position ?? ''}`) : null;
    if (match && match.score >= 0.7) candidates.push([match.item.name, 0.3 + 0.6 * match.score]);
    // The name lines lead the letterhead; a scan may leave its contact lines unrecognisable (Latin and digit junk),
    // and those end the name.
    const nameSegs: Seg[] = [];
    for (const l of head) {
      if (/[A-Za-z]/.test(l.text) || /\d/.test(l.text.replace(/№\s?\d+/g, ''))) break;
      nameSegs.push(l);
    }
    const name = tidy(nameSegs.map((l) => l.text).join(' '));
    if (nameSegs.length && nameSegs.length < head.length && name.length < 160 && correspondentType(name)) {
      head = nameSegs;
      candidates.push([name, 0.4]);
    } else if (headText && headText.length < 160 && correspondentType(headText)) candidates.push([tidy(headText), 0.4]);
  }
  for (const [name, conf] of candidates) {
    if (!isRecipient(name, ctx)) return found(name, conf, head);
  }
  return none();
}

/** Extracts the card fields of one letter. Fields the letter does not clearly print are null. */
export function extractLetter(doc: OcrDocument, ctx: ExtractContext = {}): LetterExtraction {
  const view = buildView(doc);
  const registry = ctx.registry;
  const ids = extractIds(view, registry ? (inn) => registry.byId(inn, null) !== null : undefined);
  const sigProbe = extractSignature(view, false);
  const citizen = extractCitizen(view, sigProbe.signer.value ? surnameOf(sigProbe.signer.value) : null);
  const hasOrgRequisites = Boolean(ids.inn.value || ids.ogrn.value);
  // No letterhead above the first block and no outgoing number: a private person wrote this.
  const firstTop = view.p1[0]?.box.y0 ?? 0;
  const bare = letterheadLines(view, view.bodyTop).filter((s) => s.box.y0 <= firstTop + 5 && !/^(?:Заявление|Обращение|Жалоба)$/i.test(s.text)).length === 0;
  const noNumber = !view.p1.some((s) => s.box.y0 < view.bodyTop && /(?:Исх|исх)\.?\s?№|^№\s?\S+|№\s?[\dА-ЯA-Z][\d\-/А-Яа-я]*\s+от\s/.test(s.text));
  const evidence = citizen.evidence + (bare && noNumber ? 1 : 0);
  const kind: 'incoming' | 'appeal' = evidence >= 2 && !hasOrgRequisites ? 'appeal' : 'incoming';
  const isAppeal = kind === 'appeal';
  let sig = isAppeal ? extractSignature(view, true) : sigProbe;
  if (isAppeal && sig.signer.value === null && citizen.name.value) {
    const signed = signatureOfCitizen(view, citizen.name.value);
    if (signed) sig = { ...sig, signer: signed };
  }
  const numbers = extractNumbers(view, kind);
  const subject = subjectOf(view);
  const rawAddressee = extractAddressee(view, ctx.recipient ? [ctx.recipient.name, ...(ctx.recipient.aliases ?? [])] : []);
  const staff = (ctx.recipient?.staff ?? []).map((n) => surnameOf(n)).filter((n): n is string => Boolean(n));
  const ownWords = ctx.recipient ? [ctx.recipient.name, ...(ctx.recipient.aliases ?? []), ...(ctx.recipient.titles ?? [])] : [];
  const addressee = rawAddressee.value
    ? { ...rawAddressee, value: correctStaffInitials(repairInitials(correctOwnWords(correctStaffNames(rawAddressee.value, staff), ownWords)), ctx.recipient?.staff ?? []) }
    : rawAddressee;

  let correspondent: Found<string | null>;
  let cType: Found<CorrespondentType | null>;
  if (isAppeal) {
    correspondent = citizen.anonymous && citizen.name.value === null ? none() : citizen.name;
    cType = found<CorrespondentType | null>('citizen', 0.9, []);
  } else {
    // The addressee ends the letterhead when it is printed below it; in the right column of an angular blank it
    // stands beside the letterhead from the top of the page.
    const first = view.p1[0];
    const aside = addressee.box && first && addressee.page === first.page && addressee.box.x0 > first.pw * 0.4 ? addressee.box : null;
    const stops = [view.bodyTop, aside ? undefined : addressee.box?.y0, numbers.out.number.box?.y0, numbers.out.date.box?.y0].filter(
      (v): v is number => typeof v === 'number',
    );
    correspondent = correspondentOf(view, ctx, Math.min(...stops), sig.position.value, { inn: ids.inn.value, ogrn: ids.ogrn.value }, aside, tailAfterPosition(signatureTail(view, sig.signer), sig.position.value));
    const t = correspondent.value ? correspondentType(correspondent.value, sig.position.value ?? '') : null;
    cType = t ? found<CorrespondentType | null>(t, correspondent.confidence, []) : none();
  }

  let outDate = numbers.out.date;
  if (isAppeal) {
    // The citizen dates the appeal beside the signature, or the web form stamps the submission.
    const web = view.p1.find((s) => /(?:^Дата|время) (?:поступления|подачи|обращения|отправки)/i.test(s.text));
    let webValue = web ? view.p1.find((o) => o !== web && Math.abs(o.box.y0 - web.box.y0) < 15 && o.box.x0 > web.box.x1) : undefined;
    // A date with a time of day in the header is a submission stamp of an electronic form.
    webValue ??= view.p1.find((o) => o.box.y0 < view.bodyTop && /\d{2}\.\d{2}\.\d{4},?\s+\d{1,2}:\d{2}/.test(o.text));
    const sigDate = sig.date.value ? findDates(sig.date.value)[0] : undefined;
    if (webValue && findDates(webValue.text)[0]) outDate = found(findDates(webValue.text)[0]!.iso, 0.9, [webValue]);
    else if (sigDate) outDate = { ...sig.date, value: sigDate.iso };
    else outDate = lastStandaloneDate(view);
  }

  const excludePhones = ctx.recipient?.phones ?? [];
  const phones = extractPhones(view, excludePhones);
  const emails = extractEmails(view, ctx.recipient?.emails ?? []);
  const executor = isAppeal ? none<string>() : extractExecutor(view, sig.signer.value);
  const attachments = attachmentsOf(view, sig.position.box?.y0 ?? sig.signer.box?.y0 ?? null);
  const reply = numbers.reply.number.value
    ? found({ number: numbers.reply.number.value, date: numbers.reply.date.value }, numbers.reply.number.confidence, [])
    : none<{ number: string; date: string | null }>();
  reply.page = numbers.reply.number.page;
  reply.box = numbers.reply.number.box;

  const topicText = [subject.value ?? '', view.segs.filter((s) => s.box.y0 >= view.bodyTop).map((s) => s.text).join(' ')].join(' ');
  const topicGuess = ctx.topics?.predict(topicText) ?? null;
  const topic = topicGuess ? { value: topicGuess.label, confidence: topicGuess.score, page: null, box: null } : none<string>();

  const all: Record<FieldName, Found<unknown>> = {
    kind: found(kind, evidence >= 3 || hasOrgRequisites ? 0.95 : 0.75, []),
    correspondent,
    correspondentType: cType,
    inn: isAppeal ? none() : ids.inn,
    kpp: isAppeal ? none() : ids.kpp,
    ogrn: isAppeal ? none() : ids.ogrn,
    outNumber: isAppeal ? none() : numbers.out.number,
    outDate,
    inReplyTo: reply,
    addressee,
    subject: mendScanned(doc, subject),
    signer: sig.signer,
    signerPosition: isAppeal ? none() : mendScanned(doc, sig.position, mendPosition),
    executorName: executor,
    emails,
    phones,
    citizenAddress: isAppeal ? citizen.address : none(),
    pages: found(view.pages, 1, []),
    attachmentsNote: attachments,
    topic,
  };
  const min = ctx.minConfidence ?? 0.3;
  const fields = {} as Record<FieldName, unknown>;
  const confidence = {} as Record<FieldName, number>;
  const sources = {} as Record<FieldName, FieldSource | null>;
  for (const name of FIELD_NAMES) {
    const f = all[name];
    const keep = f.value !== null && (f.confidence >= min || name === 'kind' || name === 'pages');
    fields[name] = keep ? f.value : null;
    confidence[name] = keep ? Math.round(f.confidence * 100) / 100 : 0;
    sources[name] = keep && f.box && f.page !== null ? { page: f.page, box: f.box } : null;
  }
  return { fields: fields as unknown as LetterFields, confidence, sources, cleanText: view.segs.map((s) => s.text).join('\n') };
}

/** Prose read from a scan, with one-letter misreadings mended (a text layer is taken as printed). */
function mendScanned(doc: OcrDocument, f: Found<string | null>, mend: (text: string) => string = mendWords): Found<string | null> {
  const page = doc.pages.find((p) => p.index === f.page);
  return f.value && page && page.source !== 'text-layer' ? { ...f, value: mend(f.value) } : f;
}

/**
 * A citizen signs under a scribble that OCR turns into junk around the surname ("ом Голубева", "/от.Ткаченко/"):
 * the appeal's own header names the citizen in full, so a short line at the signature's place holding that surname
 * is the signature, and the header gives the initials.
 */
function signatureOfCitizen(view: LetterView, fullName: string): Found<string | null> | null {
  const [surname, first, patronymic] = fullName.split(' ');
  if (!surname || !first || !patronymic || surname.length < 4) return null;
  const word = new RegExp(`(?<![А-ЯЁа-яё])${surname}(?![а-яё])`);
  const line = view.segs.find(
    (s) => (s.page > (view.p1[0]?.page ?? 1) || s.box.y0 >= view.bodyTop) && s.box.x0 > s.pw * 0.4 && s.text.split(' ').length <= 4 && word.test(s.text),
  );
  return line ? found(`${first[0]}.${patronymic[0]}. ${surname}`, 0.6, [line]) : null;
}

function lastStandaloneDate(view: LetterView): Found<string | null> {
  // Below the body, a line that is just a date (the citizen's own dating of the appeal).
  const below = view.segs.filter((s) => s.box.y0 >= view.bodyTop);
  for (let k = below.length - 1; k >= 0; k--) {
    const s = below[k]!;
    const ds = findDates(s.text);
    if (ds.length === 1 && s.text.replace(/[\s«»"'.г]/g, '').length <= ds[0]!.length + 2) return found(ds[0]!.iso, 0.75, [s]);
  }
  return none();
}
