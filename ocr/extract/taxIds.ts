// INN, KPP and OGRN read from OCR'd requisite lines whose labels and digits a poor scan damaged.
//
// Labels are matched by shape (`ИНН` comes back as `HHH`, `ННН`, `UHH`; `КПП` as `КПИ`, `КИП`, `KIN`; `ОГРН` as
// `ОТРН`, `OF PH`), so a label alone proves little: a damaged label's number is taken only when its check digit or
// another identifier of the same letter confirms it. The identifiers of one organisation share digits by
// construction (Federal Tax Service numbering): an organisation's INN and KPP both begin with the code of the tax
// office that registered it (4 digits), and its OGRN carries the same code at positions 4–7 (region and office);
// an entrepreneur's OGRNIP carries the INN's region at positions 4–5. A misread digit that breaks a check digit is
// repaired only with one of the digits it is usually confused with, only when exactly one repair is valid, and
// only when that repair also agrees with another identifier of the letter (or with a registry of known INNs).
import { validInn, validKpp, validOgrn } from './ids.ts';

/** Digits a 150-dpi scan confuses with each other (both directions); a repair only tries these. */
const CONFUSABLE: Record<string, string> = {
  '0': '689', '1': '47', '2': '7', '3': '589', '4': '1', '5': '369', '6': '0589', '7': '12', '8': '03569', '9': '0358',
};

/** Letters that OCR puts for digits inside a digit run. */
const DIGIT_LOOKALIKE: Record<string, string> = { O: '0', o: '0', О: '0', о: '0', I: '1', l: '1', '|': '1', З: '3', з: '3', б: '6', S: '5' };

export interface IdPick {
  value: string;
  /** index of the line it was read from */
  line: number;
  confidence: number;
}

export interface TaxIds {
  inn: IdPick | null;
  kpp: IdPick | null;
  ogrn: IdPick | null;
}

type Label = 'inn' | 'kpp' | 'ogrn' | 'innkpp' | 'other' | null;

interface Run {
  digits: string;
  line: number;
  label: Label;
  /** the label was printed exactly (ИНН, КПП, ОГРН), not a look-alike */
  exact: boolean;
  /** text between this run and the next one on the line */
  after: string;
}

/** A look-alike letter is a digit only between digits (or at a run's end next to a digit): `1O25` but not `ОГРН`. */
function digitise(text: string): string {
  return text.replace(/(?<=\d)[OoОоIl|ЗзбS](?=\d|[^A-Za-zА-Яа-яЁё]|$)|(?<=^|[^A-Za-zА-Яа-яЁё])[OoОоIl|ЗзбS](?=\d)/g, (c) => DIGIT_LOOKALIKE[c] ?? c);
}

// Label spellings that are the label itself or its usual single-glyph misreadings, trusted without corroboration.
const INN_EXACT = /(?:ИНН|ИHH|ИНH|ИHН|UHH|MHH|NHH|HHH|инн)$/;
const KPP_EXACT = /(?:КПП|KПП|КIIП|KIIП|КПIІ|kpp|КП11|КПI)$/i;
const OGRN_EXACT = /(?:ОГРН(?:ИП)?|OГРН(?:ИП)?|0ГРН(?:ИП)?|ОГPH|OTPH|ОГРH|0TPH|ОТРН)$/;

function classify(label: string): { label: Label; exact: boolean } {
  const t = label.replace(/[\s,.:;№"'«»()-]+$/, '').trim();
  if (!t) return { label: null, exact: false };
  // other numbers printed beside requisites: OKPO, BIK, accounts, phones
  if (/(?:[ОO0][КK][ПНNO]?[ОO0]|ORO|OKNO|БИК|BIK|BHA|[рpк]\/?с|сч[её]т|тел|факс|ОКВЭД|ОКТМО|ОКАТО)[^A-Za-zА-Яа-яЁё]*$/i.test(t)) return { label: 'other', exact: true };
  if (/(?:^|[^A-Za-zА-Яа-яЁё])(?:ОГРН(?:ИП)?|[ОO0Q][ГTFr]\s?[РP]\s?[НH](?:[ИI][ПN])?)$/.test(t)) return { label: 'ogrn', exact: OGRN_EXACT.test(t) };
  if (/(?:^|[^A-Za-zА-Яа-яЁё])[ИIUMNНH]?[НH][НH]\s?[/\\|]?\s?[A-Za-zА-Яа-яЁё]{2,4}$/.test(t)) return { label: 'innkpp', exact: /ИНН\s?\/\s?КПП$/.test(t) };
  if (/(?:^|[^A-Za-zА-Яа-яЁё])(?:[ИIUMNН][НH][НH]|[НH]{3}|[ИIU][НH]{2})$/.test(t)) return { label: 'inn', exact: INN_EXACT.test(t) };
  if (/(?:^|[^A-Za-zА-Яа-яЁё])[КK][A-Za-zА-Яа-яЁё1|І]{1,3}$/.test(t)) return { label: 'kpp', exact: KPP_EXACT.test(t) };
  return { label: null, exact: false };
}

const TARGET = new Set([9, 10, 12, 13, 15, 19, 21]);

/** Digit runs of one line with the label printed before each; a run split by one space is joined when that makes an identifier's length. */
function runsOf(text: string, line: number): Run[] {
  const t = digitise(text);
  const raw = [...t.matchAll(/\d+/g)].map((m) => ({ digits: m[0], start: m.index, end: m.index + m[0].length }));
  const merged: typeof raw = [];
  for (const r of raw) {
    const prev = merged[merged.length - 1];
    const pairLabel = prev ? classify(t.slice(merged[merged.length - 2]?.end ?? 0, prev.start)).label === 'innkpp' : false;
    if (prev && t.slice(prev.end, r.start) === ' ' && (!TARGET.has(prev.digits.length) || pairLabel) && TARGET.has(prev.digits.length + r.digits.length)) {
      prev.digits += r.digits;
      prev.end = r.end;
    } else merged.push({ ...r });
  }
  return merged.map((r, k) => {
    const before = t.slice(k > 0 ? merged[k - 1]!.end : 0, r.start);
    const after = t.slice(r.end, merged[k + 1]?.start ?? t.length);
    return { digits: r.digits, line, ...classify(before), after };
  });
}

function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** Every string one confusable substitution away, at the given positions. */
function substitutions(d: string, positions: number[]): string[] {
  const out: string[] = [];
  for (const i of positions) for (const c of CONFUSABLE[d[i]!] ?? '') out.push(d.slice(0, i) + c + d.slice(i + 1));
  return out;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

/**
 * A damaged identifier repaired against `anchor` (the digits another identifier says it must have at `at`): the
 * anchored digits are taken from the anchor when they differ by at most two, then one confusable digit elsewhere may
 * be replaced; the result must pass `valid` and be the only such repair.
 */
export function repairWithAnchor(read: string, anchor: string, at: number, valid: (d: string) => boolean): string | null {
  const slot = read.slice(at, at + anchor.length);
  if (slot.length !== anchor.length || hamming(slot, anchor) > 2) return null;
  const fixed = read.slice(0, at) + anchor + read.slice(at + anchor.length);
  if (valid(fixed)) return fixed;
  // Only a misread digit in the anchored slot was found and fixed; a second one elsewhere must be unique.
  const free = range(0, read.length).filter((i) => i < at || i >= at + anchor.length);
  const found = [...new Set(substitutions(fixed, free).filter(valid))];
  return found.length === 1 ? found[0]! : null;
}

/** A KPP read with one digit lost or one extra, rebuilt on the INN's tax office code; the serial of a KPP is almost always 001. */
export function repairKppLength(read: string, office: string): string | null {
  const cands = new Set<string>();
  if (read.length === 8) {
    for (let i = 0; i <= 8; i++) for (let c = 0; c <= 9; c++) cands.add(read.slice(0, i) + c + read.slice(i));
  } else if (read.length === 10) {
    for (let i = 0; i < 10; i++) cands.add(read.slice(0, i) + read.slice(i + 1));
  } else return null;
  const ok = [...cands].filter((k) => k.startsWith(office) && /^\d{4}(?:0[1-9]|[1-9]\d)001$/.test(k));
  return ok.length === 1 ? ok[0]! : null;
}

/**
 * Reads INN, KPP and OGRN from the requisite lines of a letter (letterhead or footer of page 1). `known` says whether
 * an INN belongs to a correspondent the organisation already knows; such an INN confirms a repair on its own.
 */
export function readTaxIds(lines: string[], known?: (inn: string) => boolean): TaxIds {
  const runs = lines.flatMap((text, i) => runsOf(text, i));
  const innReads: Array<{ digits: string; line: number; conf: number }> = [];
  const kppReads: Array<{ digits: string; line: number; conf: number; exact: boolean }> = [];
  const ogrnReads: Array<{ digits: string; line: number; exact: boolean; labelled: boolean }> = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    if (r.label === 'other') continue;
    const next = runs[k + 1];
    // `ИНН/КПП 5330508377/533002001`: the pair is told by its shape and separator whatever the label became
    // after a combined ИНН/КПП label the separator may be a comma or a space as well ("ИННКПП 5311369110, 531101001")
    const sep = r.label === 'innkpp' ? /^\s?[/\\|;:,]?\s?$/ : /^\s?[/\\|;:]\s?$/;
    const pair = next && next.line === r.line && next.label === null && sep.test(r.after) && [10, 12].includes(r.digits.length) && next.digits.length >= 8 && next.digits.length <= 10;
    if (pair) {
      innReads.push({ digits: r.digits, line: r.line, conf: r.label === 'innkpp' || r.label === 'inn' ? 0.95 : 0.85 });
      kppReads.push({ digits: next.digits, line: r.line, conf: 0.9, exact: r.label === 'innkpp' && r.exact });
      k++;
      continue;
    }
    if (r.label === 'innkpp' && r.digits.length >= 18 && r.digits.length <= 20) {
      // the separator was read as digits or lost: INN first, KPP last
      innReads.push({ digits: r.digits.slice(0, 10), line: r.line, conf: 0.85 });
      kppReads.push({ digits: r.digits.slice(-9), line: r.line, conf: 0.8, exact: false });
    } else if (r.label === 'inn' || r.label === 'innkpp') innReads.push({ digits: r.digits, line: r.line, conf: r.exact ? 0.97 : 0.9 });
    else if (r.label === 'kpp' && r.digits.length >= 8 && r.digits.length <= 10) kppReads.push({ digits: r.digits, line: r.line, conf: r.exact ? 0.95 : 0.85, exact: r.exact });
    else if (r.label === 'ogrn' || r.digits.length === 13 || r.digits.length === 15) ogrnReads.push({ digits: r.digits, line: r.line, exact: r.label === 'ogrn' && r.exact, labelled: r.label === 'ogrn' });
    else if (r.label === null && r.digits.length === 10 && validInn(r.digits)) {
      // an INN whose label was lost: only beside a KPP of the same tax office
      const kpp = runs.slice(k + 1).find((o) => o.line === r.line && o.label === 'kpp');
      if (kpp && kpp.digits.startsWith(r.digits.slice(0, 4))) innReads.push({ digits: r.digits, line: r.line, conf: 0.8 });
    }
  }

  const office = (inn: string): string => inn.slice(0, 4);
  // What the other identifiers say the INN's first four digits are.
  const innAnchors = [
    ...kppReads.filter((k) => k.digits.length === 9).map((k) => k.digits.slice(0, 4)),
    ...ogrnReads.filter((o) => o.digits.length === 13).map((o) => o.digits.slice(3, 7)),
  ];

  let inn: IdPick | null = null;
  for (const r of innReads) {
    if ((r.digits.length === 10 || r.digits.length === 12) && validInn(r.digits)) {
      inn = { value: r.digits, line: r.line, confidence: r.conf };
      break;
    }
  }
  if (!inn) {
    for (const r of innReads.filter((x) => x.digits.length === 10)) {
      const byAnchor = [...new Set(innAnchors.map((a) => repairWithAnchor(r.digits, a, 0, validInn)).filter((v): v is string => v !== null))];
      if (byAnchor.length === 1) {
        inn = { value: byAnchor[0]!, line: r.line, confidence: 0.6 };
        break;
      }
      const knownOnes = known ? [...new Set(substitutions(r.digits, range(0, 10)).filter((d) => validInn(d) && known(d)))] : [];
      if (knownOnes.length === 1) {
        inn = { value: knownOnes[0]!, line: r.line, confidence: 0.7 };
        break;
      }
    }
  }

  let ogrn: IdPick | null = null;
  const ogrnAnchor = (len: number): { anchor: string; at: number } | null =>
    inn && inn.value.length === 10 && len === 13 ? { anchor: office(inn.value), at: 3 } : inn && inn.value.length === 12 && len === 15 ? { anchor: inn.value.slice(0, 2), at: 3 } : null;
  for (const o of ogrnReads) {
    if (!validOgrn(o.digits)) continue;
    const a = ogrnAnchor(o.digits.length);
    // an unlabelled 13/15-digit number is an OGRN only when it carries the INN's tax office
    const anchored = a !== null && o.digits.slice(a.at, a.at + a.anchor.length) === a.anchor;
    if (o.labelled || anchored) {
      ogrn = { value: o.digits, line: o.line, confidence: o.exact ? 0.97 : anchored ? 0.9 : 0.8 };
      break;
    }
  }
  if (!ogrn) {
    for (const o of ogrnReads.filter((x) => x.labelled)) {
      const a = ogrnAnchor(o.digits.length);
      const fixed = a ? repairWithAnchor(o.digits, a.anchor, a.at, validOgrn) : null;
      if (fixed) {
        ogrn = { value: fixed, line: o.line, confidence: 0.6 };
        break;
      }
    }
  }

  let kpp: IdPick | null = null;
  if (!(inn && inn.value.length === 12)) {
    for (const r of kppReads) {
      const tax = inn ? office(inn.value) : null;
      if (r.digits.length === 9 && !validKpp(r.digits)) continue;
      if (r.digits.length === 9) {
        if (!tax || r.digits.startsWith(tax)) {
          // a look-alike label with no INN to agree with is too weak
          // A serial other than 001 is rare; behind a look-alike label it is more likely a misread digit.
          const odd = !r.exact && !r.digits.endsWith('001');
          if (tax || r.exact || r.conf >= 0.9) kpp = { value: r.digits, line: r.line, confidence: odd ? 0.25 : tax ? r.conf : r.conf * 0.9 };
        } else if (hamming(r.digits.slice(0, 4), tax) === 1) kpp = { value: tax + r.digits.slice(4), line: r.line, confidence: 0.6 };
        else if (r.exact) kpp = { value: r.digits, line: r.line, confidence: 0.7 };
      } else if (tax) {
        const fixed = repairKppLength(r.digits, tax);
        if (fixed) kpp = { value: fixed, line: r.line, confidence: 0.55 };
      }
      if (kpp) break;
    }
  }
  return { inn, kpp, ogrn };
}
