// Request validation with Ajv against the same TypeBox schemas that produce the OpenAPI document.
// Messages come in both languages: Ajv's own in English, ajv-i18n's Russian translation.
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeRuModule from 'ajv-i18n/localize/ru/index.js';
import type { TSchema } from '@sinclair/typebox';
import { AppError, type FieldError } from './problem.ts';

const Ajv = AjvModule.default ?? AjvModule;
type Localize = (errors?: ErrorObject[] | null) => void;
// The package is CommonJS; depending on the loader its function arrives as the default export or inside it.
const localizeRu = ((localizeRuModule as unknown as { default?: Localize }).default ?? localizeRuModule) as unknown as Localize;
const addFormats = addFormatsModule.default ?? addFormatsModule;

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, useDefaults: true, removeAdditional: false, strict: false });
  addFormats(ajv);
  return ajv;
}

const strict = makeAjv(false);
const coercing = makeAjv(true);
const cache = new WeakMap<TSchema, ValidateFunction>();
const coerceCache = new WeakMap<TSchema, ValidateFunction>();

function compile(schema: TSchema, coerce: boolean): ValidateFunction {
  const store = coerce ? coerceCache : cache;
  let fn = store.get(schema);
  if (!fn) {
    fn = (coerce ? coercing : strict).compile(schema);
    store.set(schema, fn);
  }
  return fn;
}

function fieldErrors(errors: ErrorObject[], where: string): { ru: FieldError[]; en: FieldError[] } {
  const en = errors.map((e) => ({ path: `${where}${e.instancePath || ''}${e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : ''}`, message: e.message ?? e.keyword }));
  const copy = errors.map((e) => ({ ...e }));
  localizeRu(copy);
  const ru = copy.map((e, i) => ({ path: en[i]?.path ?? where, message: e.message ?? e.keyword }));
  return { ru, en };
}

/** Validates (and, for params and query, coerces) `value` in place; throws VALIDATION_FAILED. */
export function validate<T>(schema: TSchema, value: unknown, where: 'body' | 'query' | 'params'): T {
  const fn = compile(schema, where !== 'body');
  if (!fn(value)) {
    const { ru, en } = fieldErrors(fn.errors ?? [], `/${where}`);
    throw new AppError('VALIDATION_FAILED', {
      ru: `Запрос не прошёл проверку: ${ru.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      en: `The request is invalid: ${en.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors: en.map((e, i) => ({ path: e.path, message: e.message, messageRu: ru[i]?.message ?? e.message })),
    });
  }
  return value as T;
}
