import type { WriteUnit } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { Journal } from '../../models/Journal.ts';
import { Staff } from '../../models/Staff.ts';
import type { AttachmentType } from '../../reception/attachmentTypes.ts';
import { readReceptionSettings, settingsView, type ReceptionSettings } from '../../reception/receptionSettings.ts';

export interface ReceptionSettingsInput {
  enabled: boolean;
  slug: string;
  journalId: string | null;
  addresseeStaffId: string | null;
  allowedTypes: AttachmentType[];
  maxFiles: number;
  maxFileBytes: number;
}


/**
 * Saves the organisation's internet reception settings with If-Match; version 0 creates them. Like the organisation's
 * own settings, the row is addressed by the caller's organisation, never by a path parameter.
 */
export async function saveReceptionSettings(unit: WriteUnit, expectedVersion: number, input: ReceptionSettingsInput): Promise<ReceptionSettings> {
  const orgId = unit.scope.orgId;
  const before = await readReceptionSettings(unit.trx, orgId);
  if (before.version !== expectedVersion) throw new AppError('PRECONDITION_FAILED');
  if (input.journalId) {
    const journal = await unit.scope.findOr404(Journal, input.journalId);
    if (journal.kind !== 'appeal' || !journal.active) throw new AppError('RECEPTION_NOT_CONFIGURED');
  } else if (input.enabled) {
    throw new AppError('RECEPTION_NOT_CONFIGURED');
  }
  if (input.addresseeStaffId) await unit.scope.findOr404(Staff, input.addresseeStaffId);
  const taken = (await unit.trx('reception_settings').where({ slug: input.slug }).whereNot({ org_id: orgId }).first('org_id')) as { org_id: string } | undefined;
  if (taken) throw new AppError('RECEPTION_SLUG_TAKEN');
  const columns = {
    enabled: input.enabled,
    slug: input.slug,
    journal_id: input.journalId,
    addressee_staff_id: input.addresseeStaffId,
    allowed_types: JSON.stringify([...new Set(input.allowedTypes)]),
    max_files: input.maxFiles,
    max_file_bytes: input.maxFileBytes,
    updated_at: new Date(),
  };
  try {
    if (expectedVersion === 0) {
      // Two first saves at once: the primary key refuses the second, which then reads as a stale version.
      const inserted = (await unit.trx('reception_settings').insert({ org_id: orgId, ...columns, version: 1 }).onConflict('org_id').ignore().returning('org_id')) as unknown[];
      if (inserted.length === 0) throw new AppError('PRECONDITION_FAILED');
    } else {
      const updated = await unit.trx('reception_settings').where({ org_id: orgId, version: expectedVersion }).update({ ...columns, version: expectedVersion + 1 });
      if (updated === 0) throw new AppError('PRECONDITION_FAILED');
    }
  } catch (error) {
    // Another organisation took the slug between the check above and this statement.
    if ((error as { code?: unknown }).code === '23505') throw new AppError('RECEPTION_SLUG_TAKEN', { cause: error });
    throw error;
  }
  const after = await readReceptionSettings(unit.trx, orgId);
  await unit.audit({ action: 'reception.settings_updated', objectType: 'organisation', objectId: orgId, payload: { from: before.version === 0 ? null : settingsView(before), to: settingsView(after) } });
  return after;
}
