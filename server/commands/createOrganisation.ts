import type { Knex } from 'knex';
import { appendAudit } from '../audit/appendAudit.ts';

export interface CreateOrganisationInput {
  name: string;
  shortName: string;
  inn?: string | null;
  ogrn?: string | null;
  address?: string | null;
}

/** A new tenant. Its audit chain starts with this event. */
export async function createOrganisation(trx: Knex.Transaction, input: CreateOrganisationInput, actor: { id: string; login: string } | null): Promise<string> {
  const [org] = (await trx('organisations')
    .insert({ name: input.name, short_name: input.shortName, inn: input.inn ?? null, ogrn: input.ogrn ?? null, address: input.address ?? null })
    .returning('id')) as { id: string }[];
  if (!org) throw new Error('organisation insert returned no id');
  await appendAudit(trx, { orgId: org.id, actor, action: 'organisation.created', objectType: 'organisation', objectId: org.id, payload: { ...input } });
  return org.id;
}
