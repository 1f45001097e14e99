// Distinguished names: parsed for display and for the qualified-certificate details, compared for
// chaining by exact DER first and by normalised attribute values second (RFC 5280 §7.1, simplified).
import { children, equalBytes, oid, raw, string, type Node } from './asn1.ts';
import { NAME_ATTRS } from './oids.ts';

export interface NameAttribute {
  type: string;
  /** Short name (CN, O, INN…) or the OID when unknown. */
  name: string;
  value: string;
}

export interface Name {
  der: Uint8Array;
  attributes: NameAttribute[];
}

export function parseName(n: Node): Name {
  const attributes: NameAttribute[] = [];
  for (const rdn of children(n)) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv);
      if (!t || !v) continue;
      const type = oid(t);
      attributes.push({ type, name: NAME_ATTRS[type] ?? type, value: string(v) });
    }
  }
  return { der: raw(n), attributes };
}

// The same names are written many times per verification (chain, evidence and revocation texts).
const rendered = new WeakMap<Name, string>();

export function nameToString(name: Name): string {
  let s = rendered.get(name);
  if (s === undefined) {
    s = name.attributes.map((a) => `${a.name}=${a.value.replace(/([,+"\\<>;])/g, '\\$1')}`).join(', ');
    rendered.set(name, s);
  }
  return s;
}

export function nameAttr(name: Name, short: string): string | undefined {
  return name.attributes.find((a) => a.name === short)?.value;
}

function normalise(v: string): string {
  return v.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function sameName(a: Name, b: Name): boolean {
  if (equalBytes(a.der, b.der)) return true;
  if (a.attributes.length !== b.attributes.length) return false;
  return a.attributes.every((x, i) => {
    const y = b.attributes[i]!;
    return x.type === y.type && normalise(x.value) === normalise(y.value);
  });
}
