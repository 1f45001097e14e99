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
  locale: /^([a-zA-Z]{1,8})((-[a-zA-Z0-9]{1,8})*)$/,
  gpscoordinate: /^\d{1,3},\d{1,2}(,\d{1,2}|\.\d+)[NSEW]$/,
  point: /^\([+-]?\d+, [+-]?\d+\)$/,
  date: /^-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?)?)?)?$/,
  // The PDF/A TWG (and veraPDF) treat URI and URL values as text: any simple value.
  uri: /^[\s\S]*$/,
  url: /^[\s\S]*$/,
};

export type TypeRegistry = Map<string, StructType>;

export function baseRegistry(): TypeRegistry {
  return new Map(Object.entries(STRUCT_TYPES));
}

/** Lower-cases and strips "open/closed choice of" as XMP does for matching. */
export function simplifyType(t: string): string {
  const s = t
    .toLowerCase()
    .replace(/(open |closed )?(choice |choice$)(of )?/g, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (s === '') return 'text';
  if (s === 'bag' || s === 'seq' || s === 'alt') return `${s} text`;
  return s;
}

export function isKnownType(t: string, reg: TypeRegistry): boolean {
  let s = simplifyType(t);
  if (s === 'lang alt' || s === 'any') return true;
  while (/^(bag|seq|alt) /.test(s)) s = s.replace(/^(bag|seq|alt) /, '');
  return s in SIMPLE || reg.has(s) || s === 'lang alt';
}

export function conforms(node: XmpNode, type: FieldType, reg: TypeRegistry): boolean {
  if (typeof type !== 'string') {
    return conforms(node, type.base, reg) && node.kind === 'simple' && type.pattern.test(node.value);
  }
  const t = simplifyType(type);
  if (t === 'any') return true;
  if (t === 'lang alt') {
    // As in XMP Core: an Alt array is language alternative text once any item carries xml:lang;
    // an empty Alt array is accepted.
    return node.kind === 'alt' && (node.children.length === 0 || node.children.some((c) => c.lang !== undefined));
  }
  const arr = /^(bag|seq|alt) (.+)$/.exec(t);
  if (arr) {
    if (node.kind !== arr[1]) return false;
    return node.children.every((c) => conforms(c, arr[2]!, reg));
  }
  const simple = SIMPLE[t];
  if (simple) return node.kind === 'simple' && simple.test(node.value);
  const st = reg.get(t);
  if (st) {
    if (node.kind !== 'struct') return false;
    return node.children.every((c) => {
      const ft = st.fields[c.name];
      return c.ns === st.ns && ft !== undefined && conforms(c, ft, reg);
    });
  }
  return false;
}

export { NS };
