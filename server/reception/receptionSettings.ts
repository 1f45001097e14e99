// The reception settings of an organisation, as stored in `reception_settings` (one row, created by the first save).
import type { Knex } from 'knex';
import { AppError } from '../http/problem.ts';
import { DEFAULT_LIMITS, isAttachmentType, type AttachmentType } from './attachmentTypes.ts';

export interface ReceptionSettings {
  orgId: string;
  enabled: boolean;
  /** null until the administrator saves the settings for the first time */
  slug: string | null;
  journalId: string | null;
  addresseeStaffId: string | null;
  allowedTypes: AttachmentType[];
  maxFiles: number;
  maxFileBytes: number;
  /** 0 while nothing is stored: the first save sends If-Match "v0" */
  version: number;
}

export interface ReceptionSettingsRow {
  org_id: string;
  enabled: boolean;
  slug: string;
  journal_id: string | null;
  addressee_staff_id: string | null;
  allowed_types: unknown;
  max_files: number;
  max_file_bytes: number;
  version: number;
}

export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9])$';

export function settingsFromRow(row: ReceptionSettingsRow): ReceptionSettings {
  const types = Array.isArray(row.allowed_types) ? row.allowed_types.filter((t): t is AttachmentType => typeof t === 'string' && isAttachmentType(t)) : [];
  return {
    orgId: row.org_id,
    enabled: row.enabled,
    slug: row.slug,
    journalId: row.journal_id,
    addresseeStaffId: row.addressee_staff_id,
    allowedTypes: types,
    maxFiles: row.max_files,
    maxFileBytes: row.max_file_bytes,
    version: row.version,
  };
}

/** The settings as the API shows them and the audit log records them: everything but the organisation. */
export function settingsView(s: ReceptionSettings): Omit<ReceptionSettings, 'orgId'> {
  const { orgId: _orgId, ...view } = s;
  return view;
}

export function defaultSettings(orgId: string): ReceptionSettings {
  return { orgId, enabled: false, slug: null, journalId: null, addresseeStaffId: null, allowedTypes: [...DEFAULT_LIMITS.allowedTypes], maxFiles: DEFAULT_LIMITS.maxFiles, maxFileBytes: DEFAULT_LIMITS.maxFileBytes, version: 0 };
}

export async function readReceptionSettings(db: Knex | Knex.Transaction, orgId: string): Promise<ReceptionSettings> {
  const row = (await db('reception_settings').where({ org_id: orgId }).first()) as ReceptionSettingsRow | undefined;
  return row ? settingsFromRow(row) : defaultSettings(orgId);
}

export interface PublicReception {
  settings: ReceptionSettings;
  organisation: { name: string; shortName: string };
}

/**
 * The reception a public address names. The slug is the only key: nothing of any other organisation is read, so a
 * wrong or foreign slug learns nothing beyond "not found".
 */
export async function findReceptionBySlug(db: Knex | Knex.Transaction, slug: string): Promise<PublicReception> {
  if (!new RegExp(SLUG_PATTERN).test(slug)) throw new AppError('RECEPTION_NOT_FOUND');
  const row = (await db('reception_settings as r')
    .join('organisations as o', 'o.id', 'r.org_id')
    .where('r.slug', slug)
    .first('r.*', 'o.name as org_name', 'o.short_name as org_short_name')) as (ReceptionSettingsRow & { org_name: string; org_short_name: string }) | undefined;
  if (!row) throw new AppError('RECEPTION_NOT_FOUND');
  return { settings: settingsFromRow(row), organisation: { name: row.org_name, shortName: row.org_short_name } };
}

/** The reception of a slug that accepts appeals now. */
export async function findOpenReception(db: Knex | Knex.Transaction, slug: string): Promise<PublicReception & { journalId: string }> {
  const reception = await findReceptionBySlug(db, slug);
  const journalId = reception.settings.journalId;
  if (!reception.settings.enabled || !journalId) throw new AppError('RECEPTION_DISABLED');
  return { ...reception, journalId };
}
