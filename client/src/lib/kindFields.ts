import type { JsonSchemaObject } from '../api/records.ts';

/** One control of the per-kind part of the card, derived from the kind's JSON Schema. */
export interface KindField {
  name: string;
  label: string;
  control: 'checkbox' | 'select' | 'integer' | 'number' | 'email' | 'text';
  options: string[];
  required: boolean;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export type KindFieldValue = string | boolean;

export function kindFields(schema: JsonSchemaObject): KindField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]): KindField => {
    const control: KindField['control'] = property.enum
      ? 'select'
      : property.type === 'boolean'
        ? 'checkbox'
        : property.type === 'integer'
          ? 'integer'
          : property.type === 'number'
            ? 'number'
            : property.format === 'email'
              ? 'email'
              : 'text';
    return {
      name,
      label: property.title ?? name,
      control,
      options: (property.enum ?? []).map((value) => String(value)),
      required: required.has(name),
      ...(property.pattern !== undefined ? { pattern: property.pattern } : {}),
      ...(property.maxLength !== undefined ? { maxLength: property.maxLength } : {}),
      ...(property.minimum !== undefined ? { minimum: property.minimum } : {}),
      ...(property.maximum !== undefined ? { maximum: property.maximum } : {}),
    };
  });
}

/** The `fields` object of a card: empty inputs are left out, numbers and booleans get their JSON types. */
export function kindFieldValues(fields: readonly KindField[], values: Readonly<Record<string, KindFieldValue>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === '') continue;
    if (field.control === 'checkbox') {
      if (value === true) result[field.name] = true;
    } else if (field.control === 'integer' || field.control === 'number') {
      const number = Number(value);
      result[field.name] = Number.isFinite(number) ? number : value;
    } else {
      result[field.name] = value;
    }
  }
  return result;
}

/** A stored card's `fields` as the form's inputs (numbers become text, other values are dropped). */
export function kindFieldInputs(stored: Readonly<Record<string, unknown>>): Record<string, KindFieldValue> {
  const result: Record<string, KindFieldValue> = {};
  for (const [name, value] of Object.entries(stored)) {
    if (typeof value === 'boolean' || typeof value === 'string') result[name] = value;
    else if (typeof value === 'number') result[name] = String(value);
  }
  return result;
}
