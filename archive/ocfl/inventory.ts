// Structural validation of one OCFL 1.1 inventory (spec 3.5), independent of the files on disk.
import { EXTENSION_FIXITY, GOST_FIXITY, SPEC_FIXITY } from './digest.ts';

export interface Issue {
  code: string;
  message: string;
}

export interface Version {
  created?: unknown;
  message?: unknown;
  user?: unknown;
  state: Record<string, string[]>;
}

export interface Inventory {
  id: string;
  type: string;
  digestAlgorithm: string;
  head: string;
  contentDirectory?: string;
  manifest: Record<string, string[]>;
  versions: Record<string, Version>;
  fixity?: Record<string, Record<string, string[]>>;
}

export const INVENTORY_TYPE = 'https://ocfl.io/1.1/spec/#inventory';
const KEYS = new Set(['id', 'type', 'digestAlgorithm', 'head', 'contentDirectory', 'fixity', 'manifest', 'versions']);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pathProblems(p: string, kind: 'content' | 'logical'): string | undefined {
  if (p.startsWith('/') || p.endsWith('/')) return kind === 'content' ? 'E100' : 'E053';
  if (p.split('/').some((e) => e === '' || e === '.' || e === '..')) return kind === 'content' ? 'E099' : 'E052';
  return undefined;
}

function conflicts(paths: string[]): string | undefined {
  const set = new Set(paths);
  if (set.size !== paths.length) return paths.find((p, i) => paths.indexOf(p) !== i);
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) if (set.has(parts.slice(0, i).join('/'))) return p;
  }
  return undefined;
}

/** Version directory names in order, and whether they are zero-padded. */
export function versionSequence(names: string[]): { ok: boolean; padded: boolean; issues: Issue[] } {
  const issues: Issue[] = [];
  const nums = names.map((n) => (/^v\d+$/.test(n) ? Number(n.slice(1)) : NaN));
  if (nums.some((n) => !Number.isInteger(n) || n < 1)) {
    issues.push({ code: 'E104', message: `version names must be v followed by a positive integer: ${names.join(', ')}` });
    return { ok: false, padded: false, issues };
  }
  const sorted = [...nums].sort((a, b) => a - b);
  sorted.forEach((n, i) => {
    if (n !== i + 1) issues.push({ code: i === 0 ? 'E009' : 'E010', message: `version sequence is not 1…${names.length} without gaps` });
  });
  const padded = names.some((n) => n.startsWith('v0'));
  if (padded) {
    const lengths = new Set(names.map((n) => n.length));
    if (lengths.size > 1) issues.push({ code: 'E012', message: 'zero-padded version names differ in length' });
    if (names.some((n) => !n.startsWith('v0'))) issues.push({ code: 'E011', message: 'zero-padded version names must start with v0' });
  }
  return { ok: issues.length === 0, padded, issues };
}

export function checkInventory(raw: unknown, where: string, extensions: Set<string>): { inv?: Inventory; errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const err = (code: string, message: string): void => {
    errors.push({ code, message: `${where}: ${message}` });
  };
  const warn = (code: string, message: string): void => {
    warnings.push({ code, message: `${where}: ${message}` });
  };
  if (!isObj(raw)) {
    err('E033', 'the inventory is not a JSON object');
    return { errors, warnings };
  }
  for (const k of Object.keys(raw)) if (!KEYS.has(k)) err('E102', `unknown inventory key ${k}`);
  const { id, type, digestAlgorithm, head, contentDirectory, manifest, versions, fixity } = raw;
  if (id === undefined) err('E036', 'id is missing');
  else if (typeof id !== 'string') err('E037', 'id is not a string');
  else if (!URI.test(id)) warn('W005', `id ${id} is not a URI`);
  if (type === undefined) err('E036', 'type is missing');
  else if (type !== INVENTORY_TYPE) err('E038', `type is ${String(type)}, not ${INVENTORY_TYPE}`);
  if (digestAlgorithm === undefined) err('E036', 'digestAlgorithm is missing');
  else if (digestAlgorithm !== 'sha512' && digestAlgorithm !== 'sha256') err('E025', `digestAlgorithm ${String(digestAlgorithm)} is not sha512 or sha256`);
  else if (digestAlgorithm === 'sha256') warn('W004', 'digestAlgorithm SHOULD be sha512');
  if (contentDirectory !== undefined) {
    if (typeof contentDirectory !== 'string' || contentDirectory.includes('/')) err('E017', 'contentDirectory contains a slash');
    else if (contentDirectory === '.' || contentDirectory === '..') err('E018', 'contentDirectory is . or ..');
  }
  if (manifest === undefined) err('E041', 'manifest is missing');
  else if (!isObj(manifest)) err('E106', 'manifest is not a JSON object');
  if (versions === undefined) err('E041', 'versions is missing');
  else if (!isObj(versions)) err('E044', 'versions is not a JSON object');
  const versionNames = isObj(versions) ? Object.keys(versions) : [];
  if (isObj(versions) && versionNames.length === 0) err('E008', 'there are no versions');
  const seq = versionSequence(versionNames);
  for (const i of seq.issues) err(i.code, i.message);
  if (seq.padded) warn('W001', 'version names SHOULD NOT be zero-padded');
  if (head === undefined) err('E036', 'head is missing');
  else if (typeof head !== 'string' || !/^v\d+$/.test(head)) err('E040', 'head is not a version name');
  else if (versionNames.length > 0) {
    const latest = versionNames.reduce((a, b) => (Number(b.slice(1)) > Number(a.slice(1)) ? b : a));
    if (head !== latest) err('E040', `head ${head} is not the latest version ${latest}`);
  }
  const hexOk = (d: string): boolean => /^[0-9a-fA-F]+$/.test(d);
  const manifestDigests = new Set<string>();
  const contentPaths: string[] = [];
  if (isObj(manifest)) {
    const lower = new Set<string>();
    for (const [d, paths] of Object.entries(manifest)) {
      if (lower.has(d.toLowerCase())) err('E096', `digest ${d} occurs twice in the manifest`);
      lower.add(d.toLowerCase());
      if (!hexOk(d)) err('E025', `manifest key ${d} is not a ${String(digestAlgorithm)} digest`);
      manifestDigests.add(d);
      if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
        err('E092', `manifest entry ${d} is not an array of content paths`);
        continue;
      }
      for (const p of paths as string[]) {
        const problem = pathProblems(p, 'content');
        if (problem) err(problem, `invalid content path ${p}`);
        contentPaths.push(p);
      }
    }
    const c = conflicts(contentPaths);
    if (c) err('E101', `content path ${c} is not unique or conflicts with another`);
  }
  const used = new Set<string>();
  if (isObj(versions)) {
    for (const [name, v] of Object.entries(versions)) {
      if (!isObj(v)) {
        err('E047', `version ${name} is not a JSON object`);
        continue;
      }
      if (v.created === undefined) err('E048', `version ${name} has no created`);
      else if (typeof v.created !== 'string' || !RFC3339.test(v.created)) err('E049', `version ${name} created is not an RFC 3339 date-time with seconds and offset`);
      if (v.state === undefined) err('E048', `version ${name} has no state`);
      else if (!isObj(v.state)) err('E048', `version ${name} state is not a JSON object`);
      if (v.message === undefined || v.user === undefined) warn('W007', `version ${name} SHOULD have message and user`);
      if (v.message !== undefined && typeof v.message !== 'string') err('E094', `version ${name} message is not a string`);
      if (v.user !== undefined) {
        if (!isObj(v.user) || typeof v.user.name !== 'string') err('E054', `version ${name} user has no name`);
        else if (v.user.address === undefined) warn('W008', `version ${name} user SHOULD have an address`);
        else if (typeof v.user.address !== 'string' || !URI.test(v.user.address)) warn('W009', `version ${name} user address SHOULD be a URI`);
      }
      if (isObj(v.state)) {
        const logical: string[] = [];
        for (const [d, paths] of Object.entries(v.state)) {
          used.add(d);
          if (isObj(manifest) && !manifestDigests.has(d)) err('E050', `version ${name} state digest ${d} is not in the manifest`);
          if (!Array.isArray(paths)) {
            err('E051', `version ${name} state entry is not an array`);
            continue;
          }
          for (const p of paths) {
            if (typeof p !== 'string') continue;
            const problem = pathProblems(p, 'logical');
            if (problem) err(problem, `version ${name}: invalid logical path ${p}`);
            logical.push(p);
          }
        }
        const c = conflicts(logical);
        if (c) err('E095', `version ${name}: logical path ${c} is not unique or conflicts with another`);
      }
    }
    for (const d of manifestDigests) if (!used.has(d)) err('E107', `manifest digest ${d} is not used by any version`);
  }
  if (fixity !== undefined) {
    if (!isObj(fixity)) err('E111', 'fixity is not a JSON object');
    else {
      const contentSet = new Set(contentPaths);
      for (const [alg, block] of Object.entries(fixity)) {
        const known = SPEC_FIXITY.has(alg) || (extensions.has('0001-digest-algorithms') && EXTENSION_FIXITY.has(alg)) || (extensions.has('gost') && GOST_FIXITY.has(alg));
        if (!known) err('E056', `fixity algorithm ${alg} is neither in the specification nor declared by an extension`);
        if (!isObj(block)) {
          err('E057', `fixity block ${alg} is not a JSON object`);
          continue;
        }
        const lower = new Set<string>();
        for (const [d, paths] of Object.entries(block)) {
          if (lower.has(d.toLowerCase())) err('E097', `digest ${d} occurs twice in fixity block ${alg}`);
          lower.add(d.toLowerCase());
          if (!Array.isArray(paths)) {
            err('E057', `fixity entry ${alg}/${d} is not an array`);
            continue;
          }
          for (const p of paths) {
            if (typeof p !== 'string') continue;
            const problem = pathProblems(p, 'content');
            if (problem) err(problem, `invalid fixity content path ${p}`);
            else if (!contentSet.has(p)) err('E057', `fixity content path ${p} is not in the manifest`);
          }
        }
      }
    }
  }
  if (errors.length > 0) return { errors, warnings };
  return { inv: raw as unknown as Inventory, errors, warnings };
}
