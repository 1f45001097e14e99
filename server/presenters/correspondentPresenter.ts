import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../api/common.ts';
import { CorrespondentTypeSchema } from '../api/correspondents/schema.ts';
import type { Correspondent } from '../models/Correspondent.ts';

const N = Type.Union([Type.String(), Type.Null()]);
export const CorrespondentSchema = Type.Object({
  id: Uuid,
  type: CorrespondentTypeSchema,
  name: Type.String(),
  fullName: N,
  inn: N,
  kpp: N,
  ogrn: N,
  address: N,
  email: N,
  phone: N,
  version: Type.Integer(),
});

export const presentCorrespondent = (c: Correspondent): Static<typeof CorrespondentSchema> => ({
  id: c.id,
  type: c.type,
  name: c.name,
  fullName: c.fullName,
  inn: c.inn,
  kpp: c.kpp,
  ogrn: c.ogrn,
  address: c.address,
  email: c.email,
  phone: c.phone,
  version: c.version,
});
