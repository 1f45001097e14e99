// Certificate policy processing of RFC 5280 §6.1 (the valid_policy_tree) with policy mappings,
// inhibitPolicyMapping, inhibitAnyPolicy and requireExplicitPolicy. The relying party's inputs are the
// defaults — user-initial-policy-set {anyPolicy}, no initial explicit-policy, mapping or anyPolicy
// inhibition — so a path fails only when a CA requires an explicit policy and none stays valid, or
// when a policy mapping names anyPolicy (§6.1.4 (a)). Qualifiers are not kept: nothing here uses them.
import { children, contents, oid, parseAll } from './asn1.ts';
import { sameName } from './names.ts';
import type { Certificate } from './x509.ts';

const POLICY_CONSTRAINTS = '2.5.29.36';
const POLICY_MAPPINGS = '2.5.29.33';
const INHIBIT_ANY_POLICY = '2.5.29.54';
const ANY_POLICY = '2.5.29.32.0';

interface PolicyNode {
  policy: string;
  expected: Set<string>;
  children: PolicyNode[];
  parent: PolicyNode | null;
}

const uint = (bytes: Uint8Array): number => bytes.reduce((v, b) => v * 256 + b, 0);

/** requireExplicitPolicy and inhibitPolicyMapping; an unreadable constraint is read as the strictest (0, 0). */
function policyConstraints(cert: Certificate): { requireExplicit?: number; inhibitMapping?: number } {
  const ext = cert.extensions.get(POLICY_CONSTRAINTS);
  if (!ext) return {};
  try {
    const fields = children(parseAll(ext.value));
    const get = (tag: number): number | undefined => {
      const f = fields.find((n) => n.tag === tag);
      return f ? uint(contents(f)) : undefined;
    };
    return { requireExplicit: get(0x80), inhibitMapping: get(0x81) };
  } catch {
    return { requireExplicit: 0, inhibitMapping: 0 };
  }
}

function inhibitAnyPolicy(cert: Certificate): number | undefined {
  const ext = cert.extensions.get(INHIBIT_ANY_POLICY);
  if (!ext) return undefined;
  try {
    return uint(contents(parseAll(ext.value)));
  } catch {
    return 0;
  }
}

/** issuerDomainPolicy → subjectDomainPolicies, in order; null when unreadable. */
function policyMappings(cert: Certificate): Map<string, string[]> | null {
  const ext = cert.extensions.get(POLICY_MAPPINGS);
  const out = new Map<string, string[]>();
  if (!ext) return out;
  try {
    for (const m of children(parseAll(ext.value))) {
      const [issuer, subject] = children(m);
      const i = oid(issuer!);
      const list = out.get(i) ?? [];
      list.push(oid(subject!));
      out.set(i, list);
    }
    return out;
  } catch {
    return null;
  }
}

/** The valid_policy_tree, kept by depth (level 0 is the root). */
class PolicyTree {
  private levels: PolicyNode[][];
  constructor() {
    this.levels = [[{ policy: ANY_POLICY, expected: new Set([ANY_POLICY]), children: [], parent: null }]];
  }
  get empty(): boolean {
    return this.levels[0]!.length === 0;
  }
  nodes(depth: number): PolicyNode[] {
    return this.levels[depth] ?? [];
  }
  addChild(parent: PolicyNode, policy: string, expected: Iterable<string>, depth: number): void {
    const node: PolicyNode = { policy, expected: new Set(expected), children: [], parent };
    parent.children.push(node);
    (this.levels[depth] ??= []).push(node);
  }
  remove(node: PolicyNode, depth: number): void {
    this.levels[depth] = this.nodes(depth).filter((n) => n !== node);
    if (node.parent) node.parent.children = node.parent.children.filter((n) => n !== node);
  }
  /** Deletes childless nodes at depth < `depth`, bottom up; the root going means the tree is NULL. */
  prune(depth: number): void {
    for (let d = depth - 1; d >= 0; d--) {
      for (const n of this.nodes(d)) if (n.children.length === 0) this.remove(n, d);
    }
  }
  clear(): void {
    this.levels = [[]];
  }
}

/** §6.1.3 (d)–(e): grow the tree with certificate i's policies (depth i), or set it to NULL. */
function addPolicies(tree: PolicyTree, cert: Certificate, i: number, anyAllowed: boolean): void {
  if (tree.empty) return;
  if (!cert.policies.length) {
    tree.clear();
    return;
  }
  const parents = tree.nodes(i - 1);
  for (const p of cert.policies) {
    if (p === ANY_POLICY) continue;
    const matching = parents.filter((n) => n.expected.has(p));
    if (matching.length) for (const n of matching) tree.addChild(n, p, [p], i);
    else for (const n of parents.filter((x) => x.policy === ANY_POLICY)) tree.addChild(n, p, [p], i);
  }
  if (cert.policies.includes(ANY_POLICY) && anyAllowed) {
    for (const n of parents) {
      for (const e of n.expected) if (!n.children.some((c) => c.policy === e)) tree.addChild(n, e, [e], i);
    }
  }
  tree.prune(i);
}

/** §6.1.4 (b): apply certificate i's policy mappings to the nodes of depth i. */
function applyMappings(tree: PolicyTree, mappings: Map<string, string[]>, i: number, mappingAllowed: boolean): void {
  for (const [issuerPolicy, subjectPolicies] of mappings) {
    const atDepth = tree.nodes(i).filter((n) => n.policy === issuerPolicy);
    if (!mappingAllowed) {
      for (const n of atDepth) tree.remove(n, i);
      continue;
    }
    if (atDepth.length) {
      for (const n of atDepth) n.expected = new Set(subjectPolicies);
      continue;
    }
    const any = tree.nodes(i).find((n) => n.policy === ANY_POLICY);
    if (any?.parent) tree.addChild(any.parent, issuerPolicy, subjectPolicies, i);
  }
  if (!mappingAllowed) tree.prune(i);
}

/** Problems with the path's certificate policies; `path` is leaf first, trust anchor last (not processed, RFC 5280 §6.1). */
export function policyProblems(path: Certificate[]): string[] {
  const certs = path.slice(0, -1).reverse(); // top-down, without the anchor
  if (!certs.length) return [];
  const n = certs.length;
  let explicit = n + 1;
  let anyPolicy = n + 1;
  let mapping = n + 1;
  const tree = new PolicyTree();
  for (let k = 0; k < n; k++) {
    const cert = certs[k]!;
    const i = k + 1; // depth in the tree
    const index = n - 1 - k; // position in `path` for the messages
    const selfIssued = sameName(cert.subject, cert.issuer);
    addPolicies(tree, cert, i, anyPolicy > 0 || (i < n && selfIssued));
    const constraints = policyConstraints(cert);
    if (k < n - 1) {
      // §6.1.3 (f), then the preparation for the next certificate (§6.1.4).
      if (explicit === 0 && tree.empty) return [`certificate #${index} leaves no certificate policy valid for the path, but an explicit policy is required`];
      const mappings = policyMappings(cert);
      if (!mappings) return [`certificate #${index} has unreadable policy mappings`];
      if ([...mappings].some(([from, to]) => from === ANY_POLICY || to.includes(ANY_POLICY))) return [`certificate #${index} maps anyPolicy, which RFC 5280 forbids`];
      if (!tree.empty) applyMappings(tree, mappings, i, mapping > 0);
      if (!selfIssued) {
        if (explicit > 0) explicit--;
        if (mapping > 0) mapping--;
        if (anyPolicy > 0) anyPolicy--;
      }
      if (constraints.requireExplicit !== undefined) explicit = Math.min(explicit, constraints.requireExplicit);
      if (constraints.inhibitMapping !== undefined) mapping = Math.min(mapping, constraints.inhibitMapping);
      const inhibitAny = inhibitAnyPolicy(cert);
      if (inhibitAny !== undefined) anyPolicy = Math.min(anyPolicy, inhibitAny);
    } else {
      // Wrap-up (§6.1.5 (a)–(b), (g) with user-initial-policy-set {anyPolicy}).
      if (explicit > 0) explicit--;
      if (constraints.requireExplicit === 0) explicit = 0;
      if (explicit === 0 && tree.empty) return [`no certificate policy is valid for the whole path (certificate #${index}), but an explicit policy is required`];
    }
  }
  return [];
}
