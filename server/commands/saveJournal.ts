import type { WriteUnit } from '../http/route.ts';
import { AppError } from '../http/problem.ts';
import { Journal } from '../models/Journal.ts';
import { Department } from '../models/Department.ts';
import { NumberTemplateError, validateTemplate } from '../records/numbering.ts';
import type { CardKind } from '../models/Card.ts';
import { cachedDataChanged } from '../db/sharedCache.ts';
import { JOURNAL_CACHE } from './cards/registerCard.ts';

export interface JournalInput {
  kind: CardKind;
  name: string;
  prefix: string;
  numberTemplate: string;
  resetYearly?: boolean;
  departmentId?: string | null;
}

function checkTemplate(template: string): void {
  try {
    validateTemplate(template);
  } catch (error) {
    if (error instanceof NumberTemplateError) {
      throw new AppError('NUMBER_TEMPLATE_INVALID', {
        ru: `Шаблон номера «${template}» некорректен: нужен {seq}, допустимы {prefix} {seq} {year} {dept} {case}`,
        en: `Invalid number template "${template}": {seq} is required; allowed {prefix} {seq} {year} {dept} {case}`,
      });
    }
    throw error;
  }
}

export async function createJournal(unit: WriteUnit, input: JournalInput): Promise<Journal> {
  checkTemplate(input.numberTemplate);
  if (input.departmentId) await unit.scope.findOr404(Department, input.departmentId);
  const journal = await unit.scope.insertQuery(Journal).insertAndFetch({
    kind: input.kind,
    name: input.name,
    prefix: input.prefix,
    numberTemplate: input.numberTemplate,
    resetYearly: input.resetYearly ?? true,
    departmentId: input.departmentId ?? null,
  });
  await cachedDataChanged(unit.trx, JOURNAL_CACHE);
  await unit.audit({ action: 'journal.created', objectType: 'journal', objectId: journal.id, payload: { ...input } });
  return journal;
}

export async function updateJournal(unit: WriteUnit, id: string, expectedVersion: number, input: Partial<Omit<JournalInput, 'kind'>> & { active?: boolean }): Promise<Journal> {
  const before = await unit.scope.findVersioned(Journal, id, expectedVersion);
  if (input.numberTemplate) checkTemplate(input.numberTemplate);
  if (input.departmentId) await unit.scope.findOr404(Department, input.departmentId);
  const after = await unit.scope.patchVersioned(Journal, id, expectedVersion, input);
  await cachedDataChanged(unit.trx, JOURNAL_CACHE);
  await unit.audit({ action: 'journal.updated', objectType: 'journal', objectId: id, payload: { from: { name: before.name, prefix: before.prefix, numberTemplate: before.numberTemplate, active: before.active }, to: input } });
  return after;
}
