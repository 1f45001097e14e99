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

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: false,
  ignorePiTags: false,
  // No callbacks read the path, and building it as a string for every node was a third of the parse.
  jPath: false,
});

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(cp);
    }
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
}

function tagOf(n: XNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@');
}

function attrsOf(n: XNode): Record<string, string> {
  const a = n[':@'];
  return a && typeof a === 'object' ? (a as Record<string, string>) : {};
}

function kids(n: XNode): XNode[] {
  const t = tagOf(n);
  const v = t ? n[t] : undefined;
  return Array.isArray(v) ? (v as XNode[]) : [];
}

function elements(n: XNode): XNode[] {
  return kids(n).filter((k) => {
    const t = tagOf(k);
    return t !== undefined && t !== '#text' && !t.startsWith('?') && t !== '#comment';
  });
}

function textOf(n: XNode): string {
  return kids(n)
    .filter((k) => tagOf(k) === '#text')
    .map((k) => decodeEntities(String(k['#text'])))
    .join('');
}

function extendScope(scope: Scope, n: XNode): Scope {
  const a = attrsOf(n);
  let s = scope;
  for (const [k, v] of Object.entries(a)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (s === scope) s = new Map(scope);
      s.set(k === 'xmlns' ? '' : k.slice(6), decodeEntities(v));
    }
  }
  return s;
}

function qname(scope: Scope, q: string): { ns: string; name: string; prefix: string } {
  const i = q.indexOf(':');
  const prefix = i < 0 ? '' : q.slice(0, i);
  const name = i < 0 ? q : q.slice(i + 1);
  const ns = prefix === 'xml' ? NS.xml : scope.get(prefix) ?? '';
  return { ns, name, prefix };
}

const RDF_ATTRS = new Set(['about', 'ID', 'nodeID', 'parseType', 'resource', 'datatype', 'bagID', 'aboutEach']);

function attributeProperties(scope: Scope, n: XNode): XmpNode[] {
  const out: XmpNode[] = [];
  for (const [k, v] of Object.entries(attrsOf(n))) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const q = qname(scope, k);
    if (q.ns === NS.rdf && RDF_ATTRS.has(q.name)) continue;
    if (q.ns === NS.xml) continue;
    out.push({ ...q, kind: 'simple', value: decodeEntities(v), children: [] });
  }
  return out;
}

class RdfError extends Error {}

function propertyElement(scope0: Scope, n: XNode): XmpNode {
  const scope = extendScope(scope0, n);
  const tag = tagOf(n) ?? '';
  const q = qname(scope, tag);
  const attrs = attrsOf(n);
  const lang = attrs['xml:lang'];
  const node: XmpNode = { ...q, kind: 'simple', value: '', children: [] };
  if (lang !== undefined) node.lang = lang;
  const els = elements(n);
  const parseType = Object.entries(attrs).find(([k]) => qname(scope, k).ns === NS.rdf && qname(scope, k).name === 'parseType')?.[1];
  const resource = Object.entries(attrs).find(([k]) => qname(scope, k).ns === NS.rdf && qname(scope, k).name === 'resource')?.[1];
  if (resource !== undefined) {
    node.value = decodeEntities(resource);
    return node;
  }
  if (parseType === 'Resource') {
    node.kind = 'struct';
    node.children = els.map((e) => propertyElement(scope, e));
    return node;
  }
  if (els.length === 0) {
    const attrProps = attributeProperties(scope, n);
    if (attrProps.length > 0 && textOf(n).trim() === '') {
      node.kind = 'struct';
      node.children = attrProps;
      return node;
    }
    node.value = textOf(n);
    return node;
  }
  if (els.length > 1) throw new RdfError(`property ${tag} has several child nodes`);
  const inner = els[0]!;
  const innerScope = extendScope(scope, inner);
  const iq = qname(innerScope, tagOf(inner) ?? '');
  if (iq.ns === NS.rdf && (iq.name === 'Bag' || iq.name === 'Seq' || iq.name === 'Alt')) {
    node.kind = iq.name === 'Bag' ? 'bag' : iq.name === 'Seq' ? 'seq' : 'alt';
    node.children = elements(inner).map((li) => {
      const lq = qname(extendScope(innerScope, li), tagOf(li) ?? '');
      if (lq.ns !== NS.rdf || lq.name !== 'li') throw new RdfError(`array item ${tagOf(li)} is not rdf:li`);
      return propertyElement(innerScope, li);
    });
    return node;
  }
  if (iq.ns === NS.rdf && iq.name === 'Description') {
    const fields = [...attributeProperties(innerScope, inner), ...elements(inner).map((e) => propertyElement(innerScope, e))];
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
  node.children = [...attributeProperties(innerScope, inner), ...elements(inner).map((e) => propertyElement(innerScope, e))];
  return node;
}

function findRdf(nodes: XNode[], scope: Scope): { node: XNode; scope: Scope } | undefined {
  for (const n of nodes) {
    const t = tagOf(n);
    if (!t || t === '#text' || t.startsWith('?')) continue;
    const s = extendScope(scope, n);
    const q = qname(s, t);
    if (q.ns === NS.rdf && q.name === 'RDF') return { node: n, scope: s };
    const inner = findRdf(kids(n), s);
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
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    result.utf8 = false;
    text = new TextDecoder('utf-8').decode(bytes);
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
  const rdf = findRdf(tree, new Map());
  if (!rdf) {
    result.wellFormed = false;
    result.problem = 'no rdf:RDF element';
    return result;
  }
  try {
    for (const d of elements(rdf.node)) {
      const s = extendScope(rdf.scope, d);
      const q = qname(s, tagOf(d) ?? '');
      if (q.ns !== NS.rdf || q.name !== 'Description') throw new RdfError(`top-level ${tagOf(d)} is not rdf:Description`);
      result.properties.push(...attributeProperties(s, d));
      for (const e of elements(d)) result.properties.push(propertyElement(s, e));
    }
  } catch (e) {
    if (!(e instanceof RdfError)) throw e;
    result.wellFormed = false;
    result.problem = e.message;
  }
  return result;
}
