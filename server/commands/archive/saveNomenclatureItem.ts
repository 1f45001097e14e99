// The nomenclature of cases: create, edit, delete lines and carry a year's nomenclature over to the next year.
import type { WriteUnit } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { NomenclatureItem, type RetentionKind } from '../../models/NomenclatureItem.ts';
import { Department } from '../../models/Department.ts';
import { Case } from '../../models/Case.ts';

export interface NomenclatureInput {
  year: number;
  caseIndex: string;
  title: string;
  departmentId?: string | null;
  retentionKind: RetentionKind;
  retentionYears?: number | null;
  personnel?: boolean;
  listArticle?: string | null;
  storageNote?: string | null;
}

function checkRetention(kind: RetentionKind, years: number | null | undefined): number | null {
  if (kind === 'years') {
    if (!years || years < 1 || years > 100) throw new AppError('RETENTION_TERM_INVALID');
    return years;
  }
  return null;
}

async function assertIndexFree(unit: WriteUnit, year: number, caseIndex: string, exceptId?: string): Promise<void> {
  const taken = await unit.scope
    .query(NomenclatureItem)
    .where({ year, case_index: caseIndex })
    .modify((q) => {
      if (exceptId) q.whereNot('id', exceptId);
    })
    .first();
  if (taken) throw new AppError('NOMENCLATURE_INDEX_TAKEN', { ru: `Индекс «${caseIndex}» уже есть в номенклатуре на ${year} год`, en: `Index "${caseIndex}" is already in the ${year} nomenclature` });
}

export async function createNomenclatureItem(unit: WriteUnit, input: NomenclatureInput): Promise<NomenclatureItem> {
  const retentionYears = checkRetention(input.retentionKind, input.retentionYears);
  if (input.departmentId) await unit.scope.findOr404(Department, input.departmentId);
  await assertIndexFree(unit, input.year, input.caseIndex);
  const item = await unit.scope.insertQuery(NomenclatureItem).insertAndFetch({
    year: input.year,
    caseIndex: input.caseIndex,
    title: input.title,
    departmentId: input.departmentId ?? null,
    retentionKind: input.retentionKind,
    retentionYears,
    personnel: input.personnel ?? false,
    listArticle: input.listArticle ?? null,
    storageNote: input.storageNote ?? null,
  });
  await unit.audit({ action: 'nomenclature.created', objectType: 'nomenclature_item', objectId: item.id, payload: { ...input, retentionYears } });
  return item;
}

export async function updateNomenclatureItem(unit: WriteUnit, id: string, expectedVersion: number, input: Partial<Omit<NomenclatureInput, 'year'>>): Promise<NomenclatureItem> {
  const before = await unit.scope.findVersioned(NomenclatureItem, id, expectedVersion);
  const kind = input.retentionKind ?? before.retentionKind;
  const retentionYears = checkRetention(kind, input.retentionYears === undefined ? before.retentionYears : input.retentionYears);
  if (input.departmentId) await unit.scope.findOr404(Department, input.departmentId);
  if (input.caseIndex && input.caseIndex !== before.caseIndex) {
    await assertIndexFree(unit, before.year, input.caseIndex, id);
    // Cases already opened carry the index; renaming the line under them would split the two.
    if (await unit.scope.query(Case).where({ nomenclature_item_id: id }).first()) throw new AppError('NOMENCLATURE_ITEM_IN_USE');
  }
  const after = await unit.scope.patchVersioned(NomenclatureItem, id, expectedVersion, { ...input, retentionKind: kind, retentionYears, updatedAt: new Date() });
  await unit.audit({
    action: 'nomenclature.updated',
    objectType: 'nomenclature_item',
    objectId: id,
    payload: { from: { caseIndex: before.caseIndex, title: before.title, retentionKind: before.retentionKind, retentionYears: before.retentionYears, listArticle: before.listArticle }, to: { ...input, retentionKind: kind, retentionYears } },
  });
  return after;
}

export async function deleteNomenclatureItem(unit: WriteUnit, id: string, expectedVersion: number): Promise<void> {
  const item = await unit.scope.findVersioned(NomenclatureItem, id, expectedVersion);
  if (await unit.scope.query(Case).where({ nomenclature_item_id: id }).first()) throw new AppError('NOMENCLATURE_ITEM_IN_USE');
  await unit.scope.query(NomenclatureItem).where({ id, version: expectedVersion }).delete();
  await unit.audit({ action: 'nomenclature.deleted', objectType: 'nomenclature_item', objectId: id, payload: { year: item.year, caseIndex: item.caseIndex, title: item.title } });
}

/** Copies every line of `fromYear` whose index is not yet in `toYear`; returns the new lines. */
export async function copyNomenclatureYear(unit: WriteUnit, fromYear: number, toYear: number): Promise<{ created: NomenclatureItem[]; skipped: string[] }> {
  const source = await unit.scope.query(NomenclatureItem).where({ year: fromYear }).orderBy('case_index');
  const existing = new Set((await unit.scope.query(NomenclatureItem).where({ year: toYear })).map((i) => i.caseIndex));
  const created: NomenclatureItem[] = [];
  const skipped: string[] = [];
  for (const s of source) {
    if (existing.has(s.caseIndex)) {
      skipped.push(s.caseIndex);
      continue;
    }
    created.push(
      await unit.scope.insertQuery(NomenclatureItem).insertAndFetch({
        year: toYear,
        caseIndex: s.caseIndex,
        title: s.title,
        departmentId: s.departmentId,
        retentionKind: s.retentionKind,
        retentionYears: s.retentionYears,
        personnel: s.personnel,
        listArticle: s.listArticle,
        storageNote: s.storageNote,
      }),
    );
  }
  await unit.audit({ action: 'nomenclature.copied', objectType: 'nomenclature', objectId: null, payload: { fromYear, toYear, created: created.map((i) => i.caseIndex), skipped } });
  return { created, skipped };
}
