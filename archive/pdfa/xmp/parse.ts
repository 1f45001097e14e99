// Turns an XMP packet into XMP data model nodes (simple / struct / array) with resolved
// namespaces. fast-xml-parser gives us the XML tree; RDF/XML's property-element forms
// (attributes, rdf:parseType="Resource", nested rdf:Description, rdf:value, rdf:resource)
// are interpreted here because XMP validity depends on which form was used.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NS } from './schemas.ts';

export type XmpKind = 'simple' | 'struct' | 'bag' | 'seq' | 'alt';

export interface XmpNode {
  ns: string;
  name: string;
  prefix: string;
  kind: XmpKind;
  value: string;
  children: XmpNode[];
  lang?: string;
}

export interface XmpPacket {
  properties: XmpNode[];
  /** prefixes declared for each namespace, as written */
  headerAttributes: Record<string, string>;
  wellFormed: boolean;
  utf8: boolean;
  problem?: string;
}

type XNode = Record<string, unknown>;
type Scope = Map<string, string>;

/**
 * An element of the parser's tree, read once: its tag, attributes, child elements and raw text nodes. The RDF
 * reading below asks each node for these several times; taking them from the parser's order-preserving form
 * (an array of one-key objects) every time was most of the XMP parse.
 */
interface El {
  tag: string;
  attrs: Record<string, string>;
  els: El[];
  /** the values of the text children, in order, entities not yet decoded */
  texts: string[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  // The packet header is read from the text (headerAttributes) and nothing below looks at processing
  // instructions or the XML declaration, so the parser need not build them.
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No callbacks read the path, and building it as a string for every node was a third of the parse.
  jPath: false,
});
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(cp);
    }
    return NAMED[e] ?? '';
  });
}

function tagOf(n: XNode): string | undefined {
  for (const k in n) if (k !== ':@') return k;
  return undefined;
}

/** Elements among parser nodes (text, comments and processing instructions left out), converted. */
function elementsOf(nodes: XNode[]): El[] {
  const out: El[] = [];
  for (const n of nodes) {
    const t = tagOf(n);
    if (t !== undefined && t !== '#text' && !t.startsWith('?') && t !== '#comment') out.push(toEl(n, t));
  }
  return out;
}

function toEl(n: XNode, tag: string): El {
  const a = n[':@'];
  const v = n[tag];
  const kids = Array.isArray(v) ? (v as XNode[]) : [];
  const texts: string[] = [];
  for (const k of kids) if (tagOf(k) === '#text') texts.push(String(k['#text']));
  return { tag, attrs: a && typeof a === 'object' ? (a as Record<string, string>) : {}, els: elementsOf(kids), texts };
}

function textOf(n: El): string {
  let s = '';
  for (const t of n.texts) s += decodeEntities(t);
  return s;
}

function extendScope(scope: Scope, n: El): Scope {
  let s = scope;
  for (const k in n.attrs) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (s === scope) s = new Map(scope);
      s.set(k === 'xmlns' ? '' : k.slice(6), decodeEntities(n.attrs[k]!));
    }
  }
  return s;
}

function qname(scope: Scope, q: string): { ns: string; name: string; prefix: string } {
  const i = q.indexOf(':');
  const prefix = i < 0 ? '' : q.slice(0, i);
  const name = i < 0 ? q : q.slice(i + 1);
  const ns = prefix === 'xml' ? NS.xml : scope.get(prefix) ?? '';
  // XMP Core reads the legacy Dublin Core namespace as the current one.
  return { ns: ns === DC_LEGACY ? NS.dc : ns, name, prefix };
}

const DC_LEGACY = 'http://purl.org/dc/1.1/';

const RDF_ATTRS = new Set(['about', 'ID', 'nodeID', 'parseType', 'resource', 'datatype', 'bagID', 'aboutEach']);

function attributeProperties(scope: Scope, n: El): XmpNode[] {
  const out: XmpNode[] = [];
  for (const k in n.attrs) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const q = qname(scope, k);
    if (q.ns === NS.rdf && RDF_ATTRS.has(q.name)) continue;
    if (q.ns === NS.xml) continue;
    out.push({ ns: q.ns, name: q.name, prefix: q.prefix, kind: 'simple', value: decodeEntities(n.attrs[k]!), children: [] });
  }
  return out;
}

class RdfError extends Error {}

function propertyElement(scope0: Scope, n: El): XmpNode {
  const scope = extendScope(scope0, n);
  const tag = n.tag;
  const q = qname(scope, tag);
  const attrs = n.attrs;
  const lang = attrs['xml:lang'];
  const node: XmpNode = { ns: q.ns, name: q.name, prefix: q.prefix, kind: 'simple', value: '', children: [] };
  if (lang !== undefined) node.lang = lang;
  const els = n.els;
  // XMP Core's rdf_PropertyElement decides the form from the attributes other than namespace declarations: more
  // than three, or one that is not xml:lang, rdf:ID, rdf:datatype or rdf:parseType, make an empty property element;
  // rdf:datatype a literal; rdf:parseType="Resource" a struct (other parse types are refused); with xml:lang and
  // rdf:ID only, element content makes a resource property element and text a literal.
  const isRdf = (k: string, name: string): boolean => {
    const a = qname(scope, k);
    return a.ns === NS.rdf && a.name === name;
  };
  const attrNames = Object.keys(attrs).filter((k) => k !== 'xmlns' && !k.startsWith('xmlns:'));
  const langOrId = (k: string): boolean => k === 'xml:lang' || isRdf(k, 'ID');
  const first = attrNames.find((k) => !langOrId(k));
  const hasContent = els.length > 0 || n.texts.length > 0;
  let form: 'empty' | 'literal' | 'struct' | 'resource';
  if (attrNames.length > 3) form = 'empty';
  else if (first === undefined) form = els.length > 0 ? 'resource' : hasContent ? 'literal' : 'empty';
  else if (isRdf(first, 'datatype')) form = 'literal';
  else if (!isRdf(first, 'parseType')) form = 'empty';
  else if (attrs[first] === 'Resource') form = 'struct';
  else throw new RdfError(`property ${tag} has rdf:parseType="${attrs[first] ?? ''}"`);
  if (form === 'empty') {
    if (hasContent) throw new RdfError(`property ${tag} has content besides rdf:resource, rdf:value or property attributes`);
    const value = attrNames.find((k) => isRdf(k, 'value'));
    const resource = attrNames.find((k) => isRdf(k, 'resource'));
    if (value !== undefined && resource !== undefined) throw new RdfError(`property ${tag} has both rdf:value and rdf:resource`);
    const v = value ?? resource;
    if (v !== undefined) {
      node.value = decodeEntities(attrs[v]!);
      return node;
    }
    const attrProps = attributeProperties(scope, n);
    if (attrProps.length > 0) {
      node.kind = 'struct';
      node.children = attrProps;
    }
    return node;
  }
  if (form === 'literal') {
    if (attrNames.some((k) => !langOrId(k) && !isRdf(k, 'datatype'))) throw new RdfError(`literal property ${tag} has other attributes`);
    if (els.length > 0) throw new RdfError(`literal property ${tag} has element content`);
    node.value = textOf(n);
    return node;
  }
  if (form === 'struct') {
    if (attrNames.some((k) => !langOrId(k) && !isRdf(k, 'parseType'))) throw new RdfError(`property ${tag} with rdf:parseType="Resource" has other attributes`);
    node.kind = 'struct';
    node.children = els.map((e) => propertyElement(scope, e));
    return node;
  }
  if (textOf(n).trim() !== '') throw new RdfError(`property ${tag} mixes text with element content`);
  if (els.length > 1) throw new RdfError(`property ${tag} has several child nodes`);
  const inner = els[0]!;
  const innerScope = extendScope(scope, inner);
  const iq = qname(innerScope, inner.tag);
  if (iq.ns === NS.rdf && (iq.name === 'Bag' || iq.name === 'Seq' || iq.name === 'Alt')) {
    node.kind = iq.name === 'Bag' ? 'bag' : iq.name === 'Seq' ? 'seq' : 'alt';
    node.children = inner.els.map((li) => {
      const lq = qname(extendScope(innerScope, li), li.tag);
      if (lq.ns !== NS.rdf || lq.name !== 'li') throw new RdfError(`array item ${li.tag} is not rdf:li`);
      return propertyElement(innerScope, li);
    });
    return node;
  }
  if (iq.ns === NS.rdf && iq.name === 'Description') {
    const fields = [...attributeProperties(innerScope, inner), ...inner.els.map((e) => propertyElement(innerScope, e))];
    const value = fields.find((f) => f.ns === NS.rdf && f.name === 'value');
    if (value) {
      // A qualified simple value: rdf:value carries the value, the rest are qualifiers.
      node.kind = value.kind;
      node.value = value.value;
      node.children = value.children;
      return node;
    }
    node.kind = 'struct';
    node.children = fields;
    return node;
  }
  // A typed node (e.g. <stDim:Dimensions>) is read like rdf:Description.
  node.kind = 'struct';
  node.children = [...attributeProperties(innerScope, inner), ...inner.els.map((e) => propertyElement(innerScope, e))];
  return node;
}

function findRdf(nodes: El[], scope: Scope): { node: El; scope: Scope } | undefined {
  for (const n of nodes) {
    const s = extendScope(scope, n);
    const q = qname(s, n.tag);
    if (q.ns === NS.rdf && q.name === 'RDF') return { node: n, scope: s };
    const inner = findRdf(n.els, s);
    if (inner) return inner;
  }
  return undefined;
}

export function parseXmp(bytes: Uint8Array): XmpPacket {
  const result: XmpPacket = { properties: [], headerAttributes: {}, wellFormed: true, utf8: true };
  let text: string;
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0 && bytes[1] !== 0)) {
    result.utf8 = false;
  }
  try {
    text = utf8Strict.decode(bytes);
  } catch {
    result.utf8 = false;
    text = utf8Lenient.decode(bytes);
  }
  const header = /<\?xpacket\s+([^?]*)\?>/.exec(text);
  if (header) {
    for (const m of header[1]!.matchAll(/([A-Za-z_:][-\w.:]*)\s*=\s*(["'])(.*?)\2/g)) result.headerAttributes[m[1]!] = m[3]!;
  }
  const body = text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    result.wellFormed = false;
    result.problem = valid.err.msg;
    return result;
  }
  let tree: XNode[];
  try {
    tree = parser.parse(body) as XNode[];
  } catch (e) {
    result.wellFormed = false;
    result.problem = e instanceof Error ? e.message : String(e);
    return result;
  }
  const rdf = findRdf(elementsOf(tree), new Map());
  if (!rdf) {
    result.wellFormed = false;
    result.problem = 'no rdf:RDF element';
    return result;
  }
  try {
    // XMP Core keeps the first non-empty rdf:about of the top-level descriptions and refuses any later one that
    // differs from it, the empty one included ("Mismatched top level rdf:about values").
    let about = '';
    for (const d of rdf.node.els) {
      const s = extendScope(rdf.scope, d);
      const q = qname(s, d.tag);
      if (q.ns !== NS.rdf || q.name !== 'Description') throw new RdfError(`top-level ${d.tag} is not rdf:Description`);
      for (const k in d.attrs) {
        const a = qname(s, k);
        if (a.ns !== NS.rdf || a.name !== 'about') continue;
        const value = decodeEntities(d.attrs[k]!);
        if (about !== '' && about !== value) throw new RdfError('mismatched top-level rdf:about values');
        about = value;
      }
      result.properties.push(...attributeProperties(s, d));
      for (const e of d.els) result.properties.push(propertyElement(s, e));
    }
  } catch (e) {
    if (!(e instanceof RdfError)) throw e;
    result.wellFormed = false;
    result.problem = e.message;
  }
  return result;
}
