// Certificate policies along the path with policy constraints (RFC 5280 §6.1, simplified): the set
// of policies valid for the path is intersected certificate by certificate (anyPolicy keeps the set),
// and once a CA's requireExplicitPolicy has counted down to zero the set must not become empty. Policy
// mappings are not processed: a path containing policyMappings is not judged here (and, like
// inhibitAnyPolicy, it is rare in Russian qualified-certificate PKIs).
import { children, contents, parseAll } from './asn1.ts';
import { sameName } from './names.ts';
import type { Certificate } from './x509.ts';

const POLICY_CONSTRAINTS = '2.5.29.36';
const POLICY_MAPPINGS = '2.5.29.33';
const ANY_POLICY = '2.5.29.32.0';

function requireExplicitPolicy(cert: Certificate): number | undefined {
  const ext = cert.extensions.get(POLICY_CONSTRAINTS);
  if (!ext) return undefined;
  try {
    const field = children(parseAll(ext.value)).find((n) => n.tag === 0x80);
    return field ? contents(field).reduce((v, b) => v * 256 + b, 0) : undefined;
  } catch {
    return 0; // an unreadable critical constraint is read as the strictest one
  }
}

/** Problems with the path's certificate policies; `path` is leaf first, trust anchor last (not processed, RFC 5280 §6.1). */
export function policyProblems(path: Certificate[]): string[] {
  const certs = path.slice(0, -1).reverse(); // top-down, without the anchor
  if (!certs.length || certs.some((c) => c.extensions.has(POLICY_MAPPINGS))) return [];
  if (!path.some((c) => c.extensions.has(POLICY_CONSTRAINTS))) return [];
  const n = certs.length;
  let explicit = n + 1;
  let valid: Set<string> | 'any' = 'any';
  for (let k = 0; k < n; k++) {
    const cert = certs[k]!;
    const index = n - 1 - k; // position in `path` for the messages
    if (cert.policies.length) {
      const hasAny = cert.policies.includes(ANY_POLICY);
      if (valid === 'any') valid = hasAny ? 'any' : new Set(cert.policies);
      else if (!hasAny) valid = new Set(cert.policies.filter((p) => (valid as Set<string>).has(p)));
    } else valid = new Set();
    const empty = valid !== 'any' && valid.size === 0;
    // §6.1.3 (f), then the preparation for the next certificate (§6.1.4 (h)–(i)) or the wrap-up (§6.1.5 (a)–(b)).
    if (explicit === 0 && empty) return [`certificate #${index} leaves no certificate policy valid for the path, but an explicit policy is required`];
    const r = requireExplicitPolicy(cert);
    if (k < n - 1) {
      if (explicit > 0 && !sameName(cert.subject, cert.issuer)) explicit--;
      if (r !== undefined) explicit = Math.min(explicit, r);
    } else {
      if (explicit > 0) explicit--;
      if (r === 0) explicit = 0;
      if (explicit === 0 && empty) return [`no certificate policy is valid for the whole path (certificate #${index}), but an explicit policy is required`];
    }
  }
  return [];
}
