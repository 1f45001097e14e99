import type { WriteUnit } from '../http/route.ts';
import { AppError } from '../http/problem.ts';
import { Correspondent, type CorrespondentType } from '../models/Correspondent.ts';
import { checkRequisites } from '../records/correspondents/requisites.ts';

export interface CorrespondentInput {
  type: CorrespondentType;
  name: string;
  fullName?: string;
  inn?: string;
  kpp?: string;
  ogrn?: string;
  address?: string;
  email?: string;
  phone?: string;
}

function requisiteError(input: { type: string; inn?: string | null; kpp?: string | null; ogrn?: string | null }): void {
  const problems = checkRequisites(input);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      ru: problems.map((p) => p.ru).join('; '),
      en: problems.map((p) => p.en).join('; '),
      errors: problems.map((p) => ({ path: `/body/${p.field}`, message: p.en, messageRu: p.ru })),
    });
  }
}

/**
 * Adds a correspondent, or returns the existing one with the same INN (and KPP) or OGRN: the registry never
 * holds the same organisation twice, whoever types it in.
 */
export async function createCorrespondent(unit: WriteUnit, input: CorrespondentInput): Promise<{ correspondent: Correspondent; created: boolean }> {
  requisiteError(input);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (input.inn || input.ogrn) {
    const existing = await unit.scope
      .query(Correspondent)
      .modify((q) => {
        if (input.inn) q.where('inn', input.inn).whereRaw("coalesce(kpp, '') = ?", [input.kpp ?? '']);
        else q.where('ogrn', input.ogrn as string);
      })
      .first();
    if (existing) return { correspondent: existing, created: false };
  }
  const correspondent = await unit.scope.insertQuery(Correspondent).insertAndFetch({
    type: input.type,
    name,
    fullName: input.fullName ?? null,
    inn: input.inn ?? null,
    kpp: input.kpp ?? null,
    ogrn: input.ogrn ?? null,
    address: input.address ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
  });
  await unit.audit({ action: 'correspondent.created', objectType: 'correspondent', objectId: correspondent.id, payload: { ...input, name } });
  return { correspondent, created: true };
}

export async function updateCorrespondent(unit: WriteUnit, id: string, expectedVersion: number, input: Partial<CorrespondentInput>): Promise<Correspondent> {
  const before = await unit.scope.findVersioned(Correspondent, id, expectedVersion);
  requisiteError({ type: input.type ?? before.type, inn: input.inn ?? before.inn, kpp: input.kpp ?? before.kpp, ogrn: input.ogrn ?? before.ogrn });
  const after = await unit.scope.patchVersioned(Correspondent, id, expectedVersion, input);
  const changed = Object.fromEntries(Object.keys(input).map((k) => [k, { from: (before as unknown as Record<string, unknown>)[k] ?? null, to: (input as Record<string, unknown>)[k] }]));
  await unit.audit({ action: 'correspondent.updated', objectType: 'correspondent', objectId: id, payload: { diff: changed } });
  return after;
}
