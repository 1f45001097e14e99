// Checks an XMP node against an XMP value type name ("Seq ProperName", "Lang Alt",
// "Closed Choice of Text", a structured type, or one declared by an extension schema).
import { NS, STRUCT_TYPES, type FieldType, type StructType } from './schemas.ts';
import type { XmpNode } from './parse.ts';

const SIMPLE: Record<string, RegExp> = {
  boolean: /^(True|False)$/,
  integer: /^[+-]?\d+$/,
  real: /^([+-]?\d+\.?\d*|[+-]?\d*\.?\d+)$/,
  mimetype: /^[-\w+.]+\/[-\w+.]+$/,
  propername: /^[\s\S]*$/,
  text: /^[\s\S]*$/,
  agentname: /^[\s\S]*$/,
  rational: /^[\s\S]*$/,
  renditionclass: /^[\s\S]*$/,
  xpath: /^[\s\S]*$/,
  // veraPDF registers Locale as any text for PDF/A-2 and -3 (the RFC 3066 pattern is left as a comment there):
  // "en_US" in dc:language is not an error.
  locale: /^[\s\S]*$/,
  gpscoordinate: /^\d{1,3},\d{1,2}(,\d{1,2}|\.\d+)[NSEW]$/,
  // What XMP Core's ISO 8601 reader accepts (veraPDF's Date check): the empty string, a year of any length with an
  // optional sign, fields of one or more digits (out-of-range values are clamped there, not refused), an hour
  // without minutes, seconds only after minutes, and a time zone hour without minutes.
  date: /^(-?\d+(-\d+(-\d+(T\d+(:\d+(:\d+(\.\d+)?)?)?(Z|[+-]\d+(:\d+)?)?)?)?)?)?$/,
  // The PDF/A TWG (and veraPDF) treat URI and URL values as text: any simple value.
  uri: /^[\s\S]*$/,
  url: /^[\s\S]*$/,
};

/** A registered value type: a structure, or (an extension value type declared without fields) plain text. */
export type TypeDef = StructType | 'text';
export type TypeRegistry = Map<string, TypeDef>;

export function baseRegistry(): TypeRegistry {
  return new Map(Object.entries(STRUCT_TYPES));
}

/**
 * Lower-cases and strips "open/closed choice of" as veraPDF's ValidatorsContainer does before any lookup; a type
 * ending in a bare array word ("Bag", "Closed Choice of Seq") is an array of Text. Spacing is kept as written, so
 * "Bag  Text" names no known type there and here.
 */
export function simplifyType(t: string): string {
  const s = t
    .toLowerCase()
    .replace(/(open |closed )?(choice |choice$)(of )?/g, '')
    .trim();
  if (s === '') return 'text';
  if (s.endsWith('lang alt')) return s;
  if (s.endsWith('bag') || s.endsWith('seq') || s.endsWith('alt')) return `${s} text`;
  return s;
}

/** Registers an extension value type; a later definition of a name replaces an earlier one (veraPDF's put). */
export function registerType(reg: TypeRegistry, name: string, def: TypeDef): void {
  reg.set(simplifyType(name), def);
}

/** veraPDF's isKnownType: array prefixes stripped, then a registered simple or structured type ("Any" is not one). */
export function isKnownType(t: string, reg: TypeRegistry): boolean {
  let s = simplifyType(t);
  while (/^(bag|seq|alt) /.test(s)) s = s.replace(/^(bag|seq|alt) /, '');
  return s in SIMPLE || reg.has(s) || s === 'lang alt';
}

/** XMP Core marks rdf:Alt arrays as ordered too, so a Seq type accepts an Alt array (veraPDF's isArrayOrdered). */
function arrayKindFits(node: XmpNode, kind: string): boolean {
  if (kind === 'seq') return node.kind === 'seq' || node.kind === 'alt';
  return node.kind === kind;
}

export function conforms(node: XmpNode, type: FieldType, reg: TypeRegistry): boolean {
  if (typeof type !== 'string') {
    if ('items' in type) {
      return arrayKindFits(node, 'seq') && node.children.every((c) => c.kind === 'simple' && type.items.test(c.value));
    }
    return conforms(node, type.base, reg) && node.kind === 'simple' && type.pattern.test(node.value);
  }
  const t = simplifyType(type);
  if (t === 'any') return true;
  const arr = /^(bag|seq|alt) (.+)$/.exec(t);
  if (arr) {
    if (!arrayKindFits(node, arr[1]!)) return false;
    return node.children.every((c) => conforms(c, arr[2]!, reg));
  }
  const def = reg.get(t);
  if (def === 'text') return node.kind === 'simple';
  if (def) {
    if (node.kind !== 'struct') return false;
    return node.children.every((c) => {
      const ft = def.fields[c.name];
      return c.ns === def.ns && ft !== undefined && conforms(c, ft, reg);
    });
  }
  if (t === 'lang alt') {
    // XMP Core flags an Alt array as language alternative text once any item carries xml:lang; an empty Alt array
    // never gets the flag, so it is not Lang Alt (veraPDF's isArrayAltText).
    return node.kind === 'alt' && node.children.some((c) => c.lang !== undefined);
  }
  const simple = SIMPLE[t];
  if (simple) return node.kind === 'simple' && simple.test(node.value);
  return false;
}

export { NS };
