// The receiving organisation's own knowledge used by extraction: who it is (never a correspondent),
// which correspondents it already knows, and its topic rubricator learned from past cards.
import { existsSync, readFileSync } from 'node:fs';
import { OcrError } from './errors.ts';
import type { ExtractContext } from './extract/extractLetter.ts';
import { CorrespondentRegistry, type CorrespondentType, type KnownCorrespondent } from './extract/org.ts';
import type { RoutedCard } from './models/executorModel.ts';
import { TopicModel } from './models/topicModel.ts';

export interface OrganisationProfile {
  name: string;
  aliases?: string[];
  inn?: string | null;
  emails?: string[];
  phones?: string[];
  /** staff names as printed in the organisation's structure (`Киселёв М.Н.`) */
  staff?: string[];
  /** its own positions and department names (`Заместитель главы администрации города по социальным вопросам`) */
  titles?: string[];
}

export interface HistoryCard extends RoutedCard {
  topic?: string | null;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new OcrError('OCR_INPUT_UNREADABLE', `cannot read JSON from ${path}`, { cause: err });
  }
}

/** Reads an organisation description: `{ "organisation": "…" }` (corpus format) or `{ "name": "…", "shortName", "inn" }` (API format). */
export function loadOrganisation(path: string): OrganisationProfile {
  const o = readJson(path);
  if (typeof o !== 'object' || o === null) throw new OcrError('OCR_INPUT_UNREADABLE', `${path}: not an object`);
  const rec = o as Record<string, unknown>;
  const name = typeof rec.organisation === 'string' ? rec.organisation : typeof rec.name === 'string' ? rec.name : null;
  if (!name) throw new OcrError('OCR_INPUT_UNREADABLE', `${path}: no organisation name`);
  const aliases = typeof rec.shortName === 'string' ? [rec.shortName] : [];
  return { name, aliases, inn: typeof rec.inn === 'string' ? rec.inn : null, staff: staffNames(rec), titles: titlesOf(rec) };
}

/** Positions of the head and deputies and the departments' names. */
function titlesOf(rec: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (key === 'position' || key === 'title' || (key === 'name' && !/^[А-ЯЁ][а-яё-]+\s[А-ЯЁ]\./.test(v))) out.push(v.trim());
    } else if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const k of ['head', 'deputies', 'departments']) visit(rec[k], k);
  return out;
}

/** Every person name found under head / deputies / departments (chief, staff) of an organisation file. */
function staffNames(rec: Record<string, unknown>): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (['name', 'chief', 'staff'].includes(key) && /^[А-ЯЁ][а-яё-]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.$/.test(v.trim())) out.push(v.trim());
    } else if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const k of ['head', 'deputies', 'departments']) visit(rec[k], k);
  return out;
}

export function loadHistory(path: string): HistoryCard[] {
  const h = readJson(path);
  if (!Array.isArray(h)) throw new OcrError('OCR_INPUT_UNREADABLE', `${path}: not a JSON array`);
  return h.filter((x): x is HistoryCard => typeof x === 'object' && x !== null);
}

const TYPES = new Set(['company', 'government', 'municipal', 'citizen']);

export function buildExtractContext(org: OrganisationProfile | null, history: HistoryCard[]): ExtractContext {
  const known: KnownCorrespondent[] = [];
  for (const h of history) {
    if (!h.correspondent || h.correspondentType === 'citizen') continue;
    const type = TYPES.has(h.correspondentType ?? '') ? (h.correspondentType as CorrespondentType) : null;
    // a card's INN lets the registry confirm a sender by its INN and a repaired misread INN digit
    known.push({ name: h.correspondent, type, inn: h.inn?.replace(/\D/g, '') || null });
  }
  const ctx: ExtractContext = {};
  if (org) {
    ctx.recipient = { name: org.name, aliases: org.aliases ?? [], inn: org.inn ?? null, emails: org.emails ?? [], phones: org.phones ?? [], staff: org.staff ?? [], titles: org.titles ?? [] };
  }
  if (known.length) ctx.registry = new CorrespondentRegistry(known);
  if (history.some((h) => h.topic)) ctx.topics = TopicModel.train(history);
  return ctx;
}

/** `organisation.json` and `history.json` beside the inputs, when present. */
export function discoverContextFiles(dir: string): { org: string | null; history: string | null } {
  const org = `${dir}/organisation.json`;
  const history = `${dir}/history.json`;
  return { org: existsSync(org) ? org : null, history: existsSync(history) ? history : null };
}
