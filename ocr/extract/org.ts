// Organisations: short official names from the printed full names, sender type, and matching
// against the registry of known correspondents.
import { normKey } from './text.ts';

/** Full legal-form phrases and their official abbreviations, longest first. */
const LEGAL_FORMS: Array<[RegExp, string]> = [
  [/публичное акционерное общество/i, 'ПАО'],
  [/непубличное акционерное общество/i, 'АО'],
  [/закрытое акционерное общество/i, 'ЗАО'],
  [/открытое акционерное общество/i, 'ОАО'],
  [/акционерное общество/i, 'АО'],
  [/общество с ограниченной ответственностью/i, 'ООО'],
  [/муниципальное унитарное предприятие/i, 'МУП'],
  [/государственное унитарное предприятие/i, 'ГУП'],
  [/муниципальное казенное учреждение|муниципальное казённое учреждение/i, 'МКУ'],
  [/муниципальное бюджетное общеобразовательное учреждение/i, 'МБОУ'],
  [/муниципальное автономное общеобразовательное учреждение/i, 'МАОУ'],
  [/муниципальное бюджетное дошкольное образовательное учреждение/i, 'МБДОУ'],
  [/муниципальное автономное дошкольное образовательное учреждение/i, 'МАДОУ'],
  [/муниципальное бюджетное учреждение/i, 'МБУ'],
  [/муниципальное автономное учреждение/i, 'МАУ'],
  [/государственное бюджетное учреждение здравоохранения/i, 'ГБУЗ'],
  [/государственное автономное учреждение здравоохранения/i, 'ГАУЗ'],
  [/государственное бюджетное учреждение социального обслуживания/i, 'ГБУ СО'],
  [/государственное бюджетное учреждение/i, 'ГБУ'],
  [/государственное казенное учреждение|государственное казённое учреждение/i, 'ГКУ'],
  [/федеральное государственное бюджетное учреждение/i, 'ФГБУ'],
  [/государственное автономное учреждение/i, 'ГАУ'],
  [/государственное бюджетное общеобразовательное учреждение/i, 'ГБОУ'],
  [/государственное бюджетное профессиональное образовательное учреждение/i, 'ГБПОУ'],
  [/государственное автономное профессиональное образовательное учреждение/i, 'ГАПОУ'],
  [/федеральное государственное унитарное предприятие/i, 'ФГУП'],
  [/федеральное казенное учреждение|федеральное казённое учреждение/i, 'ФКУ'],
  [/федеральное государственное казенное учреждение|федеральное государственное казённое учреждение/i, 'ФГКУ'],
  [/федеральное государственное автономное учреждение/i, 'ФГАУ'],
  [/муниципальное казенное общеобразовательное учреждение|муниципальное казённое общеобразовательное учреждение/i, 'МКОУ'],
  [/муниципальное казенное дошкольное образовательное учреждение|муниципальное казённое дошкольное образовательное учреждение/i, 'МКДОУ'],
  [/муниципальное бюджетное учреждение культуры/i, 'МБУК'],
  [/муниципальное бюджетное учреждение дополнительного образования/i, 'МБУ ДО'],
  [/муниципальное автономное учреждение дополнительного образования/i, 'МАУ ДО'],
  [/муниципальное бюджетное образовательное учреждение дополнительного образования/i, 'МБОУ ДО'],
  [/муниципальное автономное учреждение культуры/i, 'МАУК'],
  [/муниципальное казенное учреждение культуры|муниципальное казённое учреждение культуры/i, 'МКУК'],
  [/государственное бюджетное учреждение культуры/i, 'ГБУК'],
  [/федеральное государственное бюджетное образовательное учреждение высшего образования/i, 'ФГБОУ ВО'],
  [/автономная некоммерческая организация/i, 'АНО'],
  [/некоммерческое партнерство|некоммерческое партнёрство/i, 'НП'],
  [/некоммерческая организация/i, 'НКО'],
  [/товарищество собственников жилья/i, 'ТСЖ'],
  [/товарищество собственников недвижимости/i, 'ТСН'],
  [/садоводческое некоммерческое товарищество/i, 'СНТ'],
  [/огородническое некоммерческое товарищество/i, 'ОНТ'],
  [/сельскохозяйственный производственный кооператив/i, 'СПК'],
  [/потребительский кооператив/i, 'ПК'],
  [/частное учреждение/i, 'ЧУ'],
];

/** Abbreviated legal forms, as a regular-expression alternation (longest first where one is a prefix of another). */
const FORM_ABBR =
  'ПАО|АО|ООО|ЗАО|ОАО|НАО|МУП|ГУП|ФГУП|МКУК|МКУ|МБОУ|МАОУ|МКОУ|МБДОУ|МАДОУ|МКДОУ|МБУК|МБУ|МАУК|МАУ|ФГБОУ|ГБУК|ГБУЗ|ГАУЗ|ГБОУ|ГБПОУ|ГАПОУ|ГБУ|ГАУ|ГКУ|ФГБУ|ФГАУ|ФГКУ|ФКУ|АНО|НКО|НП|ТСЖ|ТСН|СНТ|ОНТ|СПК|ЧУ';

export const SHORT_FORM = new RegExp(`(?:^|[\\s(])(${FORM_ABBR}|ИП)(?:\\s(?:СЗ|СО|[А-Я]{2}))?\\s?«`);

export type CorrespondentType = 'company' | 'government' | 'municipal' | 'citizen';

/** A short name printed somewhere (signature position, footer, seal): `АО «Дорстрой»`. */
export function findShortForm(text: string): string | null {
  const m = new RegExp(`(?:^|[\\s(])((?:${FORM_ABBR})(?:\\s(?:СЗ|СО|[А-Я]{2}))?\\s?«[^»]{2,80}»(?:[^«»]{0,40}»)?)`).exec(text);
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : null;
}

/** `Общество с ограниченной ответственностью «Вектор»` -> `ООО «Вектор»`; null when no legal form is printed. */
export function shortenLegalName(full: string): string | null {
  const text = full.replace(/\s+/g, ' ').trim();
  const ip = /Индивидуальный предприниматель\s+([А-ЯЁ][а-яё-]+)\s+([А-ЯЁ])[а-яё]+\s+([А-ЯЁ])[а-яё]+/.exec(text);
  if (ip) return `ИП ${ip[1]} ${ip[2]}.${ip[3]}.`;
  // The form that starts first, and of those the longest: «Федеральное государственное бюджетное учреждение» is ФГБУ,
  // though «государственное бюджетное учреждение» (ГБУ) is inside it.
  const matches = LEGAL_FORMS.map(([re, abbr]) => ({ m: re.exec(text), abbr }))
    .filter((x): x is { m: RegExpExecArray; abbr: string } => x.m !== null)
    .sort((a, b) => a.m.index - b.m.index || b.m[0].length - a.m[0].length);
  for (const { m, abbr } of matches) {
    const rest = text.slice(m.index + m[0].length).trim();
    // «ЗАСТРОИЩИК»: Й read as И in capitals
    const sz = /^«?специализированный застро[йи]щик»?\s*/i.exec(rest);
    const tail = sz ? rest.slice(sz[0].length) : rest;
    const quoted = /^«.+»/.exec(tail);
    if (!quoted) continue;
    const name = balancedQuote(quoted[0]);
    return `${abbr}${sz ? ' СЗ' : ''} ${name}`;
  }
  return null;
}

/**
 * Territorial bodies of federal services print their full names («Управление Федеральной службы государственной
 * регистрации, кадастра и картографии по Новгородской области») and are known by their official short names
 * («Управление Росреестра по Новгородской области»).
 */
const AGENCIES: Array<[RegExp, string]> = [
  [/(Управлени[ея]|Межмуниципальн\S+ отдел) Федеральной службы государственной регистрации,? кадастра и картографии/i, '$1 Росреестра'],
  [/(Управлени[ея]) Федеральной службы по надзору в сфере защиты прав потребителей и благополучия человека/i, '$1 Роспотребнадзора'],
  [/(Управлени[ея]) Федеральной службы по ветеринарному и фитосанитарному надзору/i, '$1 Россельхознадзора'],
  [/(Управлени[ея]) Федеральной службы по надзору в сфере связи,? информационных технологий и массовых коммуникаций/i, '$1 Роскомнадзора'],
  [/(Межрегиональное управление|Управлени[ея]) Федеральной службы по надзору в сфере природопользования/i, '$1 Росприроднадзора'],
  [/Отделение Фонда пенсионного и социального страхования Российской Федерации/i, 'ОСФР'],
  [/Управлени[ея] Федеральной налоговой службы/i, 'УФНС России'],
  [/Межрайонная инспекция Федеральной налоговой службы/i, 'Межрайонная ИФНС России'],
  [/Управлени[ея] Федеральной службы судебных приставов/i, 'УФССП России'],
  [/Управлени[ея] Федеральной антимонопольной службы/i, 'УФАС России'],
  [/Главное управление Министерства Российской Федерации по делам гражданской обороны,? чрезвычайным ситуациям и ликвидации последствий стихийных бедствий/i, 'Главное управление МЧС России'],
];
const REGION_TAIL = /^\s*((?:№\s?\d+\s+)?по\s+(?:[А-ЯЁа-яё-]+\s+){0,3}?(?:области|краю|округу|республике\s+[А-ЯЁа-яё-]+|Республике\s+[А-ЯЁа-яё-]+|г\.\s?Москве|Москве|г\.\s?Санкт-Петербургу|Санкт-Петербургу|г\.\s?Севастополю))(?![а-яё])/i;

/** A region written in capitals («ПО НОВГОРОДСКОЙ ОБЛАСТИ») in ordinary case. */
function regionCase(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s
    .toLowerCase()
    .split(' ')
    .map((w) => (/^(?:по|области|краю|округу|республике|г\.)$/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** «В СЕВЕРОРЕЧЕНСКОМ РАЙОНЕ» → «в Северореченском районе»: a place set in capitals in ordinary case. */
function placeCase(s: string): string {
  const words = s.split(/\s+/);
  if (words.some((w) => /[а-яё]/.test(w))) return s.charAt(0).toLowerCase() + s.slice(1);
  return words.map((w) => w.toLowerCase()).map((w) => (/^(?:в|г\.|городе|районе|округе)$/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
}

/** `Управление Федеральной службы … по Приречной области` → `Управление Росреестра по Приречной области`; else null. */
export function shortenAgencyName(text: string): string | null {
  const t = text.replace(/\s+/g, ' ');
  for (const [re, short] of AGENCIES) {
    const m = re.exec(t);
    if (!m) continue;
    const tail = REGION_TAIL.exec(t.slice(m.index + m[0].length));
    if (!tail) continue;
    // the generic head («Управление») kept from the letterhead, in ordinary case when set in capitals
    const generic = m[1] && m[1] === m[1].toUpperCase() ? m[1].charAt(0) + m[1].slice(1).toLowerCase() : (m[1] ?? '');
    const head = short.replace('$1', generic);
    // a territorial unit of the body: «Территориальный отдел Управления … по … области в Заречном районе»
    const unit = /(?:^|\s)((?:Территориальн|Межрайонн)[а-яё]+\s+отдел|Отдел)\s+$/i.exec(t.slice(0, m.index));
    const after = t.slice(m.index + m[0].length + tail[0].length);
    const where = unit ? /^\s+[вВ]\s+(?:[А-ЯЁ][А-ЯЁа-яё-]+\s+(?:районе|округе|РАЙОНЕ|ОКРУГЕ)|г\.\s?[А-ЯЁ][А-ЯЁа-яё-]+|(?:городе|ГОРОДЕ)\s+[А-ЯЁ][А-ЯЁа-яё-]+)/.exec(after) : null;
    const unitName = unit ? unit[1]!.charAt(0).toUpperCase() + unit[1]!.slice(1).toLowerCase() : '';
    const name = `${unit ? `${unitName} ${head}` : `${head.charAt(0).toUpperCase()}${head.slice(1)}`} ${regionCase(tail[1]!.replace(/\s+/g, ' '))}`;
    return where ? `${name} ${placeCase(where[0].trim())}` : name;
  }
  return null;
}

/** The leading «…» group, honouring nested quotes (`«УК «Комфорт»»`). */
function balancedQuote(s: string): string {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '«') depth++;
    if (s[i] === '»') {
      depth--;
      if (depth === 0) return s.slice(0, i + 1);
    }
  }
  return s;
}

const GOV = /(?<![а-яё])(?:гау|гбоу|гбпоу|гапоу|фгуп|фку|фгку|фгау|гуп)(?![а-яё])|министерств|(?<![а-яё])министр|прокуратур|прокурор|(?<![а-яёА-ЯЁ])суд|мвд|гибдд|госавтоинспекц|полиц|роспотребнадзор|росреестр|федеральн|фонд[а-я]* пенсионного|социальн[а-я]+ фонд|осфр|инспекци|государственн|гбу|гбук|гку|гауз|гбуз|фгбу|фгбоу|управлени[ея] федеральной|департамент|комитет [а-я]+ области|правительств|губернатор|областн|краев|республик|уфсин|мчс|фссп|фнс|казначейств/i;
/** Abbreviations of municipal institutions and enterprises. */
const MUNI_FORMS = 'мбоу|маоу|мкоу|мбдоу|мадоу|мкдоу|мбук|мкук|маук|мку|муп|мбу|мау';
const MUNI = new RegExp(`администрац|муниципальн|поселени|городского округа|совет депутатов|дум[аы]|${MUNI_FORMS}|глава (?:города|поселения|района|округа)`, 'i');
const MUNI_FIRST = new RegExp(`^(?:${MUNI_FORMS})(?![а-яёА-ЯЁ])`, 'i');
// Firms, entrepreneurs and non-profits (NGOs, funds, partnerships, owners' associations, cooperatives).
const COMPANY = /(?<![а-яёА-ЯЁ])(ооо|ао|пао|зао|оао|нао|ип|ано|нко|тсж|тсн|снт|онт|спк|нп|чу)(?![а-яёА-ЯЁ])|общество|предприниматель|компани|застройщик|товарищество|некоммерческ|благотворительн|кооператив|ассоциаци|партн[её]рство/i;

export function correspondentType(name: string, context = ''): CorrespondentType | null {
  const n = name.toLowerCase();
  // COMPANY finds a firm's form anywhere, the name's start included; a name opening with a municipal form is
  // municipal before GOV can take it for a state body.
  if (COMPANY.test(n)) return 'company';
  if (MUNI_FIRST.test(n)) return 'municipal';
  if (GOV.test(n)) return 'government';
  if (MUNI.test(n)) return 'municipal';
  const c = context.toLowerCase();
  if (COMPANY.test(c)) return 'company';
  if (GOV.test(c)) return 'government';
  if (MUNI.test(c)) return 'municipal';
  return null;
}

export interface KnownCorrespondent {
  name: string;
  type?: CorrespondentType | null;
  inn?: string | null;
  ogrn?: string | null;
}

/** Words that every second organisation name has: they say nothing about which one it is. */
const STOP = new Set(
  'и в по на с о об для при от до г город города района области округа российской федерации муниципального муниципальный общество ограниченной ответственностью акционерное учреждение государственное бюджетное управление отдел'.split(' '),
);

function tokens(s: string): string[] {
  return normKey(s)
    .split(' ')
    .filter((t) => t.length > 1 && !STOP.has(t));
}

/** One substitution, insertion or deletion apart: OCR's usual damage to a long word. */
function near(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return Math.max(a.length, b.length) - i - j <= 1;
}

function stem(t: string): string {
  return t.length > 5 ? t.slice(0, t.length - 2) : t;
}

/**
 * The registry of correspondents already known to the organisation. Lookup by INN/OGRN first, then by
 * name similarity of the printed letterhead; null when nothing is clearly the same sender.
 */
export class CorrespondentRegistry {
  private readonly items: Array<KnownCorrespondent & { stems: Set<string>; quoted: string[]; acronyms: Set<string> }> = [];
  private readonly df = new Map<string, number>();

  constructor(known: KnownCorrespondent[] = []) {
    const seen = new Set<string>();
    for (const k of known) {
      const key = normKey(k.name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const stems = new Set(tokens(k.name).map(stem));
      for (const s of stems) this.df.set(s, (this.df.get(s) ?? 0) + 1);
      const quoted = [...k.name.matchAll(/«([^«»]+)»/g)].map((m) => normKey(m[1]!));
      // Capitalised abbreviations (СОШ, ЦРБ, ГБУЗ ПО) match the initials of the full words in a letterhead.
      const acronyms = new Set([...k.name.matchAll(/(?<![А-ЯЁа-яё])([А-ЯЁ]{2,6})(?![А-ЯЁа-яё])/g)].map((m) => stem(m[1]!.toLowerCase())));
      this.items.push({ ...k, stems, quoted, acronyms });
    }
  }

  get size(): number {
    return this.items.length;
  }

  byId(inn: string | null, ogrn: string | null): KnownCorrespondent | null {
    return this.items.find((k) => (inn && k.inn === inn) || (ogrn && k.ogrn === ogrn)) ?? null;
  }

  /** Best name match of a letterhead text; score is the matched share of the candidate's informative words. */
  match(letterhead: string): { item: KnownCorrespondent; score: number } | null {
    const have = new Set(tokens(letterhead).map(stem));
    const key = normKey(letterhead);
    const words = key.split(' ').filter((w) => w.length > 2 || /^\d/.test(w));
    const initials = words.map((w) => w[0]).join('');
    let best: { item: KnownCorrespondent; score: number; got: number } | null = null;
    for (const it of this.items) {
      if (it.stems.size === 0) continue;
      let got = 0;
      let total = 0;
      for (const s of it.stems) {
        const w = Math.log(1 + this.items.length / (this.df.get(s) ?? 1));
        total += w;
        if (have.has(s) || (it.acronyms.has(s) && initials.includes(s)) || (s.length >= 6 && [...have].some((h) => near(h, s)))) got += w;
      }
      let score = got / total;
      // A quoted proper name that is absent from the letterhead rules the candidate out.
      const present = (t: string): boolean =>
        have.has(stem(t)) || (t.length <= 6 && initials.includes(t)) || (t.length >= 6 && [...have].some((h) => near(h, stem(t))));
      if (it.quoted.length && !it.quoted.every((q) => key.includes(q) || q.split(' ').every(present))) score *= 0.5;
      if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && got > best.got)) best = { item: it, score, got };
    }
    return best ? { item: best.item, score: best.score } : null;
  }
}
