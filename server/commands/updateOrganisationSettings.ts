import type { WriteUnit } from '../http/route.ts';
import { AppError } from '../http/problem.ts';
import { Organisation } from '../models/Organisation.ts';
import { assertVersion, patchAtVersion } from '../tenancy/scope.ts';

export interface OrganisationSettings {
  acquisitionSource?: boolean;
}

/**
 * The organisation's own settings, with If-Match. The organisations table is not tenant-owned (it is the tenant),
 * so the row is addressed by the caller's organisation id and never by a path parameter.
 */
export async function updateOrganisationSettings(unit: WriteUnit, expectedVersion: number, input: OrganisationSettings): Promise<Organisation> {
  const orgId = unit.scope.orgId;
  const before = await Organisation.query(unit.trx).findById(orgId);
  if (!before) throw new AppError('NOT_FOUND');
  assertVersion(before, expectedVersion);
  await patchAtVersion<Organisation>(Organisation.query(unit.trx).where({ id: orgId }), expectedVersion, input);
  const after = (await Organisation.query(unit.trx).findById(orgId)) as Organisation;
  await unit.audit({
    action: 'organisation.settings_updated',
    objectType: 'organisation',
    objectId: orgId,
    payload: { from: { acquisitionSource: before.acquisitionSource }, to: input },
  });
  return after;
}
