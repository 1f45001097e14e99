// Validation of a card's per-kind fields against the organisation's JSON Schema for that kind.
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Knex } from 'knex';
import { AppError } from '../http/problem.ts';
import { SharedCache } from '../db/sharedCache.ts';
import type { CardKind } from '../models/Card.ts';
import { defaultKindSchemas, type JsonSchema } from './kindSchemas.ts';

const Ajv = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

// Schemas change rarely and are read on every card write: cached (db/sharedCache.ts); an edit calls
// cachedDataChanged(trx, KIND_SCHEMA_CACHE), which clears every process's copy at commit.
export const KIND_SCHEMA_CACHE = 'kind_schemas';
const schemas = new SharedCache<{ schema: JsonSchema; version: number }>(KIND_SCHEMA_CACHE, 60_000);

export async function kindSchema(db: Knex | Knex.Transaction, orgId: string, kind: CardKind, fresh = false): Promise<{ schema: JsonSchema; version: number }> {
  const read = async (): Promise<{ schema: JsonSchema; version: number }> => {
    const row = (await db('kind_schemas').where({ org_id: orgId, kind }).first('schema', 'version')) as { schema: JsonSchema; version: number } | undefined;
    return row ?? { schema: defaultKindSchemas[kind], version: 0 };
  };
  return fresh ? read() : schemas.get(`${orgId}:${kind}`, read);
}

/** Compiles a schema an administrator submitted; throws SCHEMA_INVALID with Ajv's reason. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  if (schema.type !== 'object') throw new AppError('SCHEMA_INVALID', { ru: 'Схема должна описывать объект (type: object)', en: 'The schema must describe an object (type: object)' });
  try {
    return ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('SCHEMA_INVALID', { ru: `Схема некорректна: ${reason}`, en: `Invalid schema: ${reason}` });
  }
}

export async function validateCardFields(db: Knex | Knex.Transaction, orgId: string, kind: CardKind, fields: Record<string, unknown>): Promise<void> {
  const { schema, version } = await kindSchema(db, orgId, kind);
  const key = `${orgId}:${kind}:${version}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = compileSchema(schema);
    compiled.set(key, validate);
  }
  if (!validate(fields)) {
    const errors = (validate.errors ?? []).map((e) => ({
      path: `/body/fields${e.instancePath}${e.keyword === 'additionalProperties' ? `/${String(e.params.additionalProperty)}` : ''}`,
      message: e.message ?? e.keyword,
    }));
    throw new AppError('CARD_FIELDS_INVALID', {
      ru: `Поля вида документа заполнены неверно: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      en: `Invalid fields for this document kind: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
    });
  }
}
