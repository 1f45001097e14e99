// ISO 19005-2 6.6: metadata streams, predefined and extension schemas, PDF/A identification.
import type { PdfFile } from '../file.ts';
import { PdfDict, PdfRef, PdfStream, type PdfValue } from '../objects.ts';
import type { Findings } from '../report.ts';
import { parseXmp, type XmpNode, type XmpPacket } from '../xmp/parse.ts';
import { NS, PREDEFINED, SEQ_CHOICES, type FieldType } from '../xmp/schemas.ts';
import { baseRegistry, conforms, isKnownType, registerType, type TypeRegistry } from '../xmp/types.ts';

interface Extensions {
  props: Map<string, Map<string, string>>;
  reg: TypeRegistry;
}

const PREDEFINED_TYPES: TypeRegistry = baseRegistry();

const isArray = (n: XmpNode): boolean => n.kind === 'bag' || n.kind === 'seq' || n.kind === 'alt';
/** veraPDF's "valid Seq" is XMP Core's isArrayOrdered, which an rdf:Alt array has too. */
const isOrdered = (n: XmpNode): boolean => n.kind === 'seq' || n.kind === 'alt';

const field = (n: XmpNode, ns: string, name: string): XmpNode | undefined =>
  n.children.find((c) => c.ns === ns && c.name === name);

const SCHEMA_FIELDS: Record<string, string> = { schema: '2', namespaceURI: '3', prefix: '4', property: '5', valueType: '6' };
const PROPERTY_FIELDS: Record<string, string> = { name: '7', valueType: '8', category: '9', description: '10' };
const TYPE_FIELDS: Record<string, string> = { type: '11', namespaceURI: '12', prefix: '13', description: '14', field: '15' };
const FIELD_FIELDS: Record<string, string> = { name: '16', valueType: '17', description: '18' };

/** Checks one extension-schema structure (schema, property, value type or field description). */
function checkStruct(
  n: XmpNode,
  ns: string,
  prefix: string,
  fields: Record<string, string>,
  required: string[],
  f: Findings,
  what: string,
): void {
  // As veraPDF's ExtensionSchemaObject: a simple value has no fields (so the required ones are missing), an array's
  // items are fields of no namespace (undefined).
  if (n.kind !== 'struct' && n.children.length > 0) {
    f.add('6.6.2.3.2-1', `${what} in the PDF/A extension schema container is an array, not a structure`);
  }
  for (const c of n.kind === 'struct' ? n.children : []) {
    const test = fields[c.name];
    if (c.ns !== ns || test === undefined) {
      f.add('6.6.2.3.2-1', `${what} contains the undefined field ${c.prefix}:${c.name}`);
      continue;
    }
    if (c.prefix !== prefix) f.add(`6.6.2.3.3-${test}`, `${what} field ${c.name} uses the prefix "${c.prefix}" instead of "${prefix}"`);
  }
  for (const r of required) {
    const c = field(n, ns, r);
    if (!c || c.kind !== 'simple') f.add(`6.6.2.3.3-${fields[r]}`, `${what} has no ${prefix}:${r} text field`);
  }
}

function readExtensions(packets: XmpPacket[], f: Findings | undefined): Extensions {
  const ext: Extensions = { props: new Map(), reg: baseRegistry() };
  const schemas: XmpNode[] = [];
  for (const p of packets) {
    for (const prop of p.properties) {
      if (prop.ns !== NS.pdfaExtension || prop.name !== 'schemas') continue;
      if (f && prop.prefix !== 'pdfaExtension') f.add('6.6.2.3.3-1', `the extension schema container uses the prefix "${prop.prefix}" instead of "pdfaExtension"`);
      if (prop.kind !== 'bag') f?.add('6.6.2.3.3-1', 'pdfaExtension:schemas is not a Bag');
      // veraPDF still reads the schemas of a container that is a Seq or an Alt.
      if (isArray(prop)) schemas.push(...prop.children);
    }
  }
  // Value types first: property and field types may refer to them. As veraPDF's ValidatorsContainerCreator: the
  // schema's pdfaSchema:valueType array, each type with a name and a namespace; its fields come from a pdfaType:field
  // array, and a type declared without any field is plain text.
  for (const s of schemas) {
    const vts = field(s, NS.pdfaSchema, 'valueType');
    if (!vts || !isArray(vts)) continue;
    for (const vt of vts.children) {
      const type = field(vt, NS.pdfaType, 'type')?.value;
      const ns = field(vt, NS.pdfaType, 'namespaceURI')?.value;
      if (type === undefined || ns === undefined) continue;
      const fields: Record<string, FieldType> = {};
      const fds = field(vt, NS.pdfaType, 'field');
      for (const fd of fds && isArray(fds) ? fds.children : []) {
        const name = field(fd, NS.pdfaField, 'name')?.value;
        const t = field(fd, NS.pdfaField, 'valueType')?.value;
        if (name !== undefined && t !== undefined) fields[name] = t;
      }
      registerType(ext.reg, type, Object.keys(fields).length > 0 ? { ns, fields } : 'text');
    }
  }
  for (const s of schemas) {
    if (f) {
      checkStruct(s, NS.pdfaSchema, 'pdfaSchema', SCHEMA_FIELDS, ['schema', 'namespaceURI', 'prefix'], f, 'an extension schema');
      const props = field(s, NS.pdfaSchema, 'property');
      if (props && !isOrdered(props)) f.add('6.6.2.3.3-5', 'pdfaSchema:property is not a Seq');
      for (const p of props && isArray(props) ? props.children : []) {
        checkStruct(p, NS.pdfaProperty, 'pdfaProperty', PROPERTY_FIELDS, ['name', 'valueType', 'category', 'description'], f, 'an extension schema property');
        const cat = field(p, NS.pdfaProperty, 'category')?.value;
        if (cat !== undefined && cat !== 'internal' && cat !== 'external') f.add('6.6.2.3.3-9', `pdfaProperty:category is "${cat}", not internal or external`);
        const vt = field(p, NS.pdfaProperty, 'valueType')?.value;
        if (vt !== undefined && !isKnownType(vt, ext.reg)) f.add('6.6.2.3.3-8', `pdfaProperty:valueType "${vt}" is not defined`);
      }
      const vts = field(s, NS.pdfaSchema, 'valueType');
      if (vts && !isOrdered(vts)) f.add('6.6.2.3.3-6', 'pdfaSchema:valueType is not a Seq');
      for (const vt of vts && isArray(vts) ? vts.children : []) {
        checkStruct(vt, NS.pdfaType, 'pdfaType', TYPE_FIELDS, ['type', 'namespaceURI', 'prefix', 'description'], f, 'an extension value type');
        const fds = field(vt, NS.pdfaType, 'field');
        if (fds && !isOrdered(fds)) f.add('6.6.2.3.3-15', 'pdfaType:field is not a Seq');
        for (const fd of fds && isArray(fds) ? fds.children : []) {
          checkStruct(fd, NS.pdfaField, 'pdfaField', FIELD_FIELDS, ['name', 'valueType', 'description'], f, 'an extension value type field');
          const t = field(fd, NS.pdfaField, 'valueType')?.value;
          if (t !== undefined && !isKnownType(t, ext.reg)) f.add('6.6.2.3.3-17', `pdfaField:valueType "${t}" is not defined`);
        }
      }
    }
    // veraPDF's SchemasDefinition: a property is defined only with a known value type, and the first definition
    // of a name stands.
    const ns = field(s, NS.pdfaSchema, 'namespaceURI')?.value;
    const props = field(s, NS.pdfaSchema, 'property');
    if (ns === undefined || !props || !isArray(props)) continue;
    const map = ext.props.get(ns) ?? new Map<string, string>();
    for (const p of props.children) {
      const name = field(p, NS.pdfaProperty, 'name')?.value;
      const t = field(p, NS.pdfaProperty, 'valueType')?.value;
      if (name !== undefined && t !== undefined && !map.has(name) && isKnownType(t, ext.reg)) map.set(name, t);
    }
    ext.props.set(ns, map);
  }
  return ext;
}

function checkProperties(pkt: XmpPacket, ext: Extensions, f: Findings): void {
  for (const p of pkt.properties) {
    if (p.ns === NS.pdfaExtension && p.name === 'schemas') continue;
    const predefined = PREDEFINED[p.ns];
    // An extension schema's definition outranks the predefined one (veraPDF's AXLXMPProperty.getSchemasDefinition),
    // and each is checked with its own types: the predefined with the predefined ones only.
    const extType = ext.props.get(p.ns)?.get(p.name);
    const type: FieldType | undefined = extType ?? predefined?.[p.name];
    const label = `${p.prefix}:${p.name}`;
    if (type === undefined) {
      // Both rules fail: 6.6.2.3.1-1 also wants isValueTypeCorrect, which is not true without a type.
      f.add('6.6.2.3.1-1', `XMP property ${label} (${p.ns}) is neither predefined nor described by an extension schema`);
      f.add('6.6.2.3.1-2', `XMP property ${label} has no defined value type`);
      if (!predefined && !ext.props.has(p.ns)) f.add('6.6.2.3.2-1', `no extension schema describes the namespace ${p.ns} of ${label}`);
      continue;
    }
    let ok = conforms(p, type, extType === undefined ? PREDEFINED_TYPES : ext.reg);
    const choices = extType === undefined ? SEQ_CHOICES[p.ns + p.name] : undefined;
    if (ok && choices) ok = choices.some((c) => c.length === p.children.length && c.every((v, i) => p.children[i]!.value === v));
    if (!ok) {
      const what = typeof type === 'string' ? type : 'items' in type ? 'Seq of points' : `closed choice of ${type.base}`;
      f.add('6.6.2.3.1-1', `XMP property ${label} does not have its defined value type`);
      f.add('6.6.2.3.1-2', `XMP property ${label} does not have the value type ${what}`);
    }
  }
}

function checkPacketSyntax(pkt: XmpPacket, f: Findings, where: string): void {
  if ('bytes' in pkt.headerAttributes) f.add('6.6.2.1-2', `the XMP packet header of ${where} uses the bytes attribute`);
  if ('encoding' in pkt.headerAttributes) f.add('6.6.2.1-3', `the XMP packet header of ${where} uses the encoding attribute`);
  if (!pkt.utf8) f.add('6.6.2.1-5', `the XMP packet of ${where} is not UTF-8`);
  if (!pkt.wellFormed) f.add('6.6.2.1-4', `the XMP packet of ${where} is not well-formed XMP: ${pkt.problem ?? ''}`);
}

/**
 * The streams some dictionary names as its Metadata: veraPDF's CosDict links a PDMetadata only there, so an XMP
 * stream nothing refers to (an earlier revision's packet, say) is not judged, and one without /Type /Metadata is.
 */
function metadataStreams(file: PdfFile): Set<PdfStream> {
  const out = new Set<PdfStream>();
  const scan = (v: PdfValue | undefined, depth: number): void => {
    if (depth > 32) return;
    if (Array.isArray(v)) {
      for (const x of v) scan(x, depth + 1);
      return;
    }
    const d = v instanceof PdfStream ? v.dict : v instanceof PdfDict ? v : undefined;
    if (!d) return;
    const m = file.resolve(d.get('Metadata'));
    if (m instanceof PdfStream) out.add(m);
    for (const x of d.map.values()) if (!(x instanceof PdfRef)) scan(x, depth + 1);
  };
  for (const [, v] of file.allObjects()) scan(v, 0);
  return out;
}

/** Returns the ISO 19005 part the main metadata claims (2 when absent or unreadable). */
export function checkMetadata(file: PdfFile, f: Findings): number {
  const cat = file.catalog();
  const mdRef = cat?.get('Metadata');
  const md = file.resolve(mdRef);
  let main: XmpPacket | undefined;
  if (!(md instanceof PdfStream)) {
    f.add('6.6.2.1-1', 'the catalog has no Metadata stream');
  } else {
    if (file.nameOf(md.dict.get('Type')) !== 'Metadata' || file.nameOf(md.dict.get('Subtype')) !== 'XML') {
      f.add('6.6.2.1-1', 'the catalog metadata stream lacks /Type /Metadata or /Subtype /XML');
    }
    const data = file.decode(md);
    if (data) {
      main = parseXmp(data);
      checkPacketSyntax(main, f, 'the catalog metadata');
    }
  }
  const others: XmpPacket[] = [];
  for (const v of metadataStreams(file)) {
    if (v === md) continue;
    const data = file.decode(v);
    if (!data) continue;
    const pkt = parseXmp(data);
    checkPacketSyntax(pkt, f, 'a metadata stream');
    others.push(pkt);
  }
  let part = 2;
  if (main && main.wellFormed) {
    const ext = readExtensions([main], f);
    checkProperties(main, ext, f);
    for (const o of others) {
      if (!o.wellFormed) continue;
      const local = readExtensions([main, o], undefined);
      readExtensions([o], f);
      checkProperties(o, local, f);
    }
    part = checkIdentification(main, f);
  } else if (main) {
    f.add('6.6.4-1', 'the PDF/A identification cannot be read from malformed metadata');
  }
  return part;
}

function checkIdentification(main: XmpPacket, f: Findings): number {
  const id = main.properties.filter((p) => p.ns === NS.pdfaid);
  const part = id.find((p) => p.name === 'part');
  const conformance = id.find((p) => p.name === 'conformance');
  if (id.length === 0) {
    f.add('6.6.4-1', 'the metadata has no PDF/A identification schema (pdfaid)');
    return 2;
  }
  const claimed = part?.value === '3' ? 3 : 2;
  if (!part || part.value.trim() !== String(claimed)) f.add('6.6.4-2', `pdfaid:part is ${part ? `"${part.value}"` : 'missing'}, expected ${claimed}`);
  if (!conformance || !/^[ABU]$/.test(conformance.value)) {
    f.add('6.6.4-3', `pdfaid:conformance is ${conformance ? `"${conformance.value}"` : 'missing'}, expected B (or A, U)`);
  }
  const rules: Record<string, string> = { part: '4', conformance: '5', amd: '6', corr: '7' };
  for (const p of id) {
    const r = rules[p.name];
    if (r && p.prefix !== 'pdfaid') f.add(`6.6.4-${r}`, `pdfaid:${p.name} is written with the prefix "${p.prefix}"`);
  }
  return claimed;
}
