import { list, sql, type Sql } from '../sqlFragment.ts';

// Tenancy holds for deletes too: ids of another organisation are left alone.
export function removeDocuments(orgId: string, ids: string[]): Sql {
  return sql`DELETE FROM search_documents WHERE org_id = ${orgId}::uuid AND id IN (${list(ids)})`;
}
