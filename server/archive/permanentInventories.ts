// Правила организации хранения… (приказ Росархива от 31.07.2020 № 77): an act on selecting documents for
// destruction is approved by the head only after the inventories of permanent cases for the same period have been
// approved by the organisation's commission and agreed by the archive's. So a year of the act's cases in which the
// organisation keeps permanent cases blocks approval until every one of them is in such an inventory; a year with no
// permanent case asks for nothing (there is no inventory to wait for). An organisation that is not a source of
// acquisition of an archive sends nothing to the archive's commission: its inventories count once approved after its
// own commission agreed them (inventories.archive_review_required is false for those).
import { AppError } from '../http/problem.ts';
import type { Case } from '../models/Case.ts';
import type { TenantScope } from '../tenancy/scope.ts';
import { plural } from './russianNumbers.ts';
import { isAcquisitionSource } from './formParties.ts';

export interface YearShortfall {
  year: number;
  /** permanent cases of the year that are closed or in an inventory, not destroyed or transferred */
  permanentCases: number;
  /** of them, those in no approved permanent inventory agreed by the commissions it needed */
  notInAgreedInventory: number;
}

/**
 * For each year, how many of its permanent cases (those that go into a `permanent` inventory: not personnel cases,
 * which have their own inventory) are not yet in an approved inventory of permanent cases agreed by both commissions.
 * Open cases are not counted: they are closed into the inventory later. Transferred cases were handed over in an
 * approved inventory and destroyed ones are gone, so neither is waited for. Only years with a shortfall are returned.
 */
export async function permanentInventoryShortfall(scope: TenantScope, years: readonly number[]): Promise<YearShortfall[]> {
  if (years.length === 0) return [];
  const rows = (await scope
    .table('cases')
    .whereIn('year', [...new Set(years)])
    .where({ retention_kind: 'permanent', personnel: false })
    .whereIn('status', ['closed', 'in_inventory'])
    .groupBy('year')
    .select('year')
    .count('* as total')
    .select(
      scope.db.raw(
        `count(*) filter (where not exists (
          select 1 from inventory_items join inventories on inventories.id = inventory_items.inventory_id
          where inventory_items.case_id = cases.id and inventories.kind = 'permanent' and inventories.status = 'approved'
            and inventories.review_status = 'agreed'
            and (inventories.archive_review_status = 'agreed' or not inventories.archive_review_required)
        )) as missing`,
      ),
    )) as { year: number; total: string | number; missing: string | number }[];
  return rows
    .map((r) => ({ year: Number(r.year), permanentCases: Number(r.total), notInAgreedInventory: Number(r.missing) }))
    .filter((r) => r.notInAgreedInventory > 0)
    .sort((a, b) => a.year - b.year);
}

/** Refuses to approve an act while a year of its cases has permanent cases outside an agreed, approved inventory. */
export async function assertPermanentInventoriesAgreed(scope: TenantScope, actCases: readonly Pick<Case, 'year'>[]): Promise<void> {
  const shortfall = await permanentInventoryShortfall(scope, actCases.map((c) => c.year));
  if (shortfall.length === 0) return;
  const ru = shortfall.map((s) => `за ${s.year} год — ${s.notInAgreedInventory} ${plural(s.notInAgreedInventory, ['дело', 'дела', 'дел'])} из ${s.permanentCases}`).join('; ');
  const en = shortfall.map((s) => `${s.year}: ${s.notInAgreedInventory} of ${s.permanentCases} ${s.permanentCases === 1 ? 'case' : 'cases'}`).join('; ');
  const source = await isAcquisitionSource({ scope });
  throw new AppError('DESTRUCTION_NEEDS_PERMANENT_INVENTORY', {
    ru: source
      ? 'Акт о выделении к уничтожению утверждается после утверждения описей дел постоянного хранения за тот же период, согласованных ЭПК архивного учреждения. ' +
        `Не внесены в утверждённую и согласованную опись дела постоянного хранения: ${ru}`
      : 'Акт о выделении к уничтожению утверждается после утверждения описей дел постоянного хранения за тот же период. ' +
        `Не внесены в утверждённую опись дела постоянного хранения: ${ru}`,
    en: source
      ? 'A destruction act is approved only after the inventories of permanent cases of the same years are approved and agreed by the archive’s expert commission. ' +
        `Permanent cases not yet in an approved, agreed inventory: ${en}`
      : 'A destruction act is approved only after the inventories of permanent cases of the same years are approved. ' + `Permanent cases not yet in an approved inventory: ${en}`,
    extensions: { years: shortfall.map((s) => s.year), shortfall },
  });
}
