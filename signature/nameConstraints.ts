// Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)–(c)): a CA certificate may restrict the names of
// the certificates below it in the path to permitted subtrees and away from excluded ones. Checked for
// directory names (RDN prefix), e-mail addresses (SAN rfc822Name and the emailAddress attribute of the
// subject), DNS names, URIs (by host) and IP addresses. A constraint of another name type is ignored;
// a name of another type is not restricted.
import { children, contents, parseAll, type Node } from './asn1.ts';
import { parseName, sameName, type Name } from './names.ts';
import type { Certificate } from './x509.ts';

const NAME_CONSTRAINTS = '2.5.29.30';
const SUBJECT_ALT_NAME = '2.5.29.17';
const EMAIL_ATTRIBUTE = '1.2.840.113549.1.9.1';

export type Kind = 'dn' | 'email' | 'dns' | 'uri' | 'ip';

export interface GeneralName {
  kind: Kind;
  value: string | Name | Uint8Array;
}

interface Constraints {
  permitted: GeneralName[];
  excluded: GeneralName[];
}

const ascii = (n: Node): string => Buffer.from(contents(n)).toString('latin1');

function generalName(n: Node): GeneralName | null {
  switch (n.tag) {
    case 0x81:
      return { kind: 'email', value: ascii(n).toLowerCase() };
    case 0x82:
      return { kind: 'dns', value: ascii(n).toLowerCase() };
    case 0xa4:
      return { kind: 'dn', value: parseName(children(n)[0]!) };
    case 0x86:
      return { kind: 'uri', value: ascii(n).toLowerCase() };
    case 0x87:
      return { kind: 'ip', value: contents(n) };
    default:
      return null;
  }
}

function parseConstraints(value: Uint8Array): Constraints {
  const out: Constraints = { permitted: [], excluded: [] };
  for (const part of children(parseAll(value))) {
    const list = part.tag === 0xa0 ? out.permitted : part.tag === 0xa1 ? out.excluded : null;
    if (!list) continue;
    for (const subtree of children(part)) {
      const base = children(subtree)[0];
      const g = base ? generalName(base) : null;
      if (g) list.push(g);
    }
  }
  return out;
}

/** The names a certificate is constrained by: subject DN, its emailAddress attributes, SAN entries. */
function namesOf(cert: Certificate): GeneralName[] {
  const out: GeneralName[] = [];
  if (cert.subject.attributes.length) out.push({ kind: 'dn', value: cert.subject });
  for (const a of cert.subject.attributes) if (a.type === EMAIL_ATTRIBUTE) out.push({ kind: 'email', value: a.value.toLowerCase() });
  const san = cert.extensions.get(SUBJECT_ALT_NAME);
  if (san) {
    for (const n of children(parseAll(san.value))) {
      const g = generalName(n);
      if (g) out.push(g);
    }
  }
  return out;
}

const norm = (v: string): string => v.trim().replace(/\s+/g, ' ').toLowerCase();

function dnWithin(name: Name, base: Name): boolean {
  if (base.attributes.length > name.attributes.length) return false;
  return base.attributes.every((b, i) => {
    const a = name.attributes[i]!;
    return a.type === b.type && norm(a.value) === norm(b.value);
  });
}

/** `host` equals `base` or lies under it; a base with a leading dot matches subdomains only. */
function hostWithin(host: string, base: string): boolean {
  if (base === '') return true;
  if (base.startsWith('.')) return host.endsWith(base);
  return host === base || host.endsWith('.' + base);
}

function emailWithin(email: string, base: string): boolean {
  if (base.includes('@')) return email === base;
  const at = email.lastIndexOf('@');
  const host = at >= 0 ? email.slice(at + 1) : email;
  return base.startsWith('.') ? host.endsWith(base) : host === base;
}

function uriHost(uri: string): string {
  try {
    return new URL(uri).hostname;
  } catch {
    return '';
  }
}

function ipWithin(ip: Uint8Array, base: Uint8Array): boolean {
  const n = base.length / 2;
  if (ip.length !== n) return false;
  for (let i = 0; i < n; i++) if ((ip[i]! & base[n + i]!) !== (base[i]! & base[n + i]!)) return false;
  return true;
}

/** Whether `name` lies in the subtree `base` (same kind). */
export function within(name: GeneralName, base: GeneralName): boolean {
  switch (name.kind) {
    case 'dn':
      return dnWithin(name.value as Name, base.value as Name);
    case 'email':
      return emailWithin(name.value as string, base.value as string);
    case 'dns':
      return hostWithin(name.value as string, base.value as string);
    case 'uri':
      return hostWithin(uriHost(name.value as string), base.value as string);
    case 'ip':
      return ipWithin(name.value as Uint8Array, base.value as Uint8Array);
  }
}

function show(g: GeneralName): string {
  if (g.kind === 'dn') return (g.value as Name).attributes.map((a) => `${a.name}=${a.value}`).join(', ');
  if (g.kind === 'ip') return Buffer.from(g.value as Uint8Array).toString('hex');
  return g.value as string;
}

/**
 * Problems found when applying every CA's name constraints to the certificates below it.
 * `path` is leaf first, anchor last.
 */
export function nameConstraintProblems(path: Certificate[]): string[] {
  const problems: string[] = [];
  for (let i = 1; i < path.length; i++) {
    const ext = path[i]!.extensions.get(NAME_CONSTRAINTS);
    if (!ext) continue;
    let nc: Constraints;
    try {
      nc = parseConstraints(ext.value);
    } catch {
      problems.push(`unreadable name constraints in certificate #${i}`);
      continue;
    }
    for (let j = 0; j < i; j++) {
      const cert = path[j]!;
      // Self-issued intermediates are exempt (RFC 5280 §6.1.3 (b)).
      if (j > 0 && sameName(cert.subject, cert.issuer)) continue;
      let names: GeneralName[];
      try {
        names = namesOf(cert);
      } catch {
        problems.push(`unreadable subject alternative names in certificate #${j}`);
        continue;
      }
      for (const name of names) {
        const excluded = nc.excluded.find((b) => b.kind === name.kind && within(name, b));
        if (excluded) {
          problems.push(`certificate #${j} name ${show(name)} is excluded by the name constraints of certificate #${i} (${show(excluded)})`);
          continue;
        }
        const permitted = nc.permitted.filter((b) => b.kind === name.kind);
        if (permitted.length && !permitted.some((b) => within(name, b))) {
          problems.push(`certificate #${j} name ${show(name)} is outside the permitted subtrees of certificate #${i}`);
        }
      }
    }
  }
  return problems;
}
