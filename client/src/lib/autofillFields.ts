import type { AutofillProposal, FieldSource, RelativeBox } from '../api/autofillEndpoints.ts';

// What the registration form does with a scan's proposal: which field goes where, how sure it is, and where on
// the page it was printed. Nothing here fills the form: the clerk accepts each value (or all confident ones).

/** At or above this the proposal counts as confident and «Принять все уверенные» takes it. */
export const CONFIDENT = 0.8;

export type Certainty = 'confident' | 'unsure' | 'abstained';

/** The registration form's controls a proposal can fill. */
export type FormTarget = 'kind' | 'correspondent' | 'outNumber' | 'outDate' | 'summary' | 'signer' | 'addressee' | 'sheets';

const TARGETS: Readonly<Record<string, FormTarget>> = {
  kind: 'kind',
  correspondent: 'correspondent',
  outNumber: 'outNumber',
  outDate: 'outDate',
  subject: 'summary',
  signer: 'signer',
  addressee: 'addressee',
  pages: 'sheets',
};

/** Order of the paper card, then the letter's other details shown for reference. */
const FORM_ORDER = ['kind', 'correspondent', 'outNumber', 'outDate', 'subject', 'signer', 'addressee', 'pages'] as const;
const INFO_ORDER = ['correspondentType', 'inn', 'kpp', 'ogrn', 'inReplyTo', 'signerPosition', 'executorName', 'emails', 'phones', 'citizenAddress', 'attachmentsNote'] as const;

export interface ProposedField {
  name: string;
  value: unknown;
  /** the value as text, '' when abstained */
  text: string;
  confidence: number;
  certainty: Certainty;
  source: FieldSource | null;
  target: FormTarget | null;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export function displayValue(value: unknown): string {
  if (isEmpty(value)) return '';
  if (Array.isArray(value)) return value.map((v) => displayValue(v)).join(', ');
  if (typeof value === 'object' && value !== null) {
    const { number, date } = value as { number?: unknown; date?: unknown };
    if (typeof number === 'string') return typeof date === 'string' && date ? `№ ${number} от ${date}` : `№ ${number}`;
    return JSON.stringify(value);
  }
  return String(value);
}

export function certaintyOf(value: unknown, confidence: number | undefined): Certainty {
  if (isEmpty(value) || !confidence) return 'abstained';
  return confidence >= CONFIDENT ? 'confident' : 'unsure';
}

function fieldOf(proposal: AutofillProposal, name: string): ProposedField {
  const value = proposal.fields?.[name] ?? null;
  const confidence = proposal.confidence?.[name] ?? 0;
  return {
    name,
    value,
    text: displayValue(value),
    confidence,
    certainty: certaintyOf(value, confidence),
    source: proposal.sources?.[name] ?? null,
    target: TARGETS[name] ?? null,
  };
}

/** The fields a clerk may accept into the form, and the rest of what was read (only those found). */
export function proposedFields(proposal: AutofillProposal): { form: ProposedField[]; info: ProposedField[] } {
  if (proposal.status !== 'done' || !proposal.fields) return { form: [], info: [] };
  return {
    form: FORM_ORDER.map((name) => fieldOf(proposal, name)),
    info: INFO_ORDER.map((name) => fieldOf(proposal, name)).filter((f) => f.certainty !== 'abstained'),
  };
}

/** The same comparison the server makes when it records what the clerk kept (server/autofill/recordOutcome.ts). */
export function normalised(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).toLowerCase().replace(/ё/g, 'е').replace(/[«»"„“]/g, '"').replace(/\s+/g, ' ').trim();
}

export type FieldOutcome = 'open' | 'accepted' | 'corrected';

/**
 * Compared with what the form holds now: kept as proposed, changed, or not filled yet. `acceptedAs` is what
 * accepting put into the form when that differs from the printed text (a correspondent from the directory, the
 * staff member found for an addressee).
 */
export function outcomeOf(field: Pick<ProposedField, 'text' | 'certainty'>, formValue: string | number | null | undefined, acceptedAs?: string): FieldOutcome {
  const now = normalised(formValue);
  if (now === '') return 'open';
  if (field.certainty !== 'abstained' && (now === normalised(field.text) || (acceptedAs !== undefined && now === normalised(acceptedAs)))) return 'accepted';
  return 'corrected';
}

/** Confident fields the form does not hold yet: what «Принять все уверенные» fills. */
export function confidentOpen(fields: readonly ProposedField[], formValue: (target: FormTarget) => string | number | null | undefined): ProposedField[] {
  return fields.filter((f) => f.target !== null && f.certainty === 'confident' && outcomeOf(f, formValue(f.target)) === 'open');
}

export const percent = (fraction: number): number => Math.round(Math.max(0, Math.min(1, fraction)) * 100);

/** The box drawn over the preview of `page`, as CSS percentages; null when it is on another page or unknown. */
export function overlayBox(source: FieldSource | null, page = 1, pad = 0.004): { left: number; top: number; width: number; height: number } | null {
  const rel: RelativeBox | null | undefined = source?.rel;
  if (!source || source.page !== page || !rel) return null;
  const x0 = Math.max(0, rel.x0 - pad);
  const y0 = Math.max(0, rel.y0 - pad);
  const x1 = Math.min(1, rel.x1 + pad);
  const y1 = Math.min(1, rel.y1 + pad);
  if (x1 <= x0 || y1 <= y0) return null;
  const pct = (v: number) => Math.round(v * 10_000) / 100;
  return { left: pct(x0), top: pct(y0), width: pct(x1 - x0), height: pct(y1 - y0) };
}

/** A scan or PDF the OCR can read (the server's intake: PNG, JPEG, TIFF, PDF). */
export function isScan(mime: string, name: string): boolean {
  return /^(application\/pdf|image\/(png|jpeg|tiff))$/.test(mime) || /\.(pdf|png|jpe?g|tiff?)$/i.test(name);
}

interface PrintedName {
  surname: string;
  initials: string[];
}

/** The name in an addressee line such as «Главе городского округа А. Н. Сергееву» (or «Сергееву А. Н.»). */
function printedName(text: string): PrintedName | null {
  // «А. Н. Сергееву» is the usual order; «Сергееву А. Н.» is tried only when it is absent.
  const before = /([А-ЯЁ])\.\s?([А-ЯЁ])\.?\s*([А-ЯЁ][а-яё-]{2,})/u.exec(text);
  if (before) return { surname: before[3] ?? '', initials: [before[1] ?? '', before[2] ?? ''] };
  const after = /([А-ЯЁ][а-яё-]{2,})\s+([А-ЯЁ])\.\s?([А-ЯЁ])\./u.exec(text);
  if (after) return { surname: after[1] ?? '', initials: [after[2] ?? '', after[3] ?? ''] };
  return null;
}

/** The surname cut to a stem that also finds the nominative form (Сергееву → Серге), for the staff search. */
export function addresseeSurnameStem(text: string): string | null {
  const name = printedName(text);
  return name ? name.surname.slice(0, Math.max(4, name.surname.length - 3)) : null;
}

/**
 * The one staff member the printed addressee names: surname stem and both initials must agree (the search also
 * finds «Павлов Игорь Сергеевич» for «Серге»). Null when none or several do.
 */
export function pickAddressee<T extends { lastName: string; firstName: string; middleName: string | null }>(text: string, candidates: readonly T[]): T | null {
  const name = printedName(text);
  const stem = addresseeSurnameStem(text);
  if (!name || !stem) return null;
  const [first, middle] = name.initials;
  const matching = candidates.filter(
    (c) => c.lastName.toLowerCase().startsWith(stem.toLowerCase()) && c.firstName.startsWith(first ?? '') && (c.middleName ?? '').startsWith(middle ?? ''),
  );
  return matching.length === 1 ? (matching[0] ?? null) : null;
}

/** The tesseract language sets offered for a second recognition. */
export const OCR_LANGS = ['rus+eng', 'rus', 'eng'] as const;
export type OcrLangs = (typeof OCR_LANGS)[number];
