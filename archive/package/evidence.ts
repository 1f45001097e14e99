// Evidence records join a package as a new OCFL version: earlier versions and package.json stay
// as they were, because the record protects package.json and so cannot be listed inside it.
import type { Inventory } from '../ocfl/inventory.ts';
import { digest } from '../ocfl/digest.ts';
import { addVersion } from '../ocfl/write.ts';
import { PackageError } from './build.ts';
import { PATHS } from './layout.ts';

export const RECORDS = 'evidence/records';
export const RECORD_FILE = `${RECORDS}/package.json.ers`;

/** The head version's logical files of an OCFL object held as a path → bytes map. */
export function headFiles(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  const raw = files.get('inventory.json');
  if (!raw) throw new PackageError('PACKAGE_INVALID_INPUT', 'the package has no root inventory');
  const inv = JSON.parse(new TextDecoder().decode(raw)) as Inventory;
  const out = new Map<string, Uint8Array>();
  for (const [d, paths] of Object.entries(inv.versions[inv.head]?.state ?? {})) {
    const bytes = files.get(inv.manifest[d]?.[0] ?? '');
    if (!bytes) throw new PackageError('PACKAGE_INVALID_INPUT', `content for ${paths.join(', ')} is missing`);
    for (const p of paths) out.set(p, bytes);
  }
  return out;
}

/** Adds (or, on renewal, replaces) the package's evidence record and the TSA certificates it needs. */
export function addEvidenceRecord(
  files: Map<string, Uint8Array>,
  input: { record: Uint8Array; tsaCertificates: Uint8Array[]; created: string; agent: { name: string; address: string }; renewal?: boolean },
): Map<string, Uint8Array> {
  const state = headFiles(files);
  if (!state.has(PATHS.anchor)) throw new PackageError('PACKAGE_INVALID_INPUT', 'the package has no package.json to protect');
  state.set(RECORD_FILE, input.record);
  for (const c of input.tsaCertificates) state.set(`${RECORDS}/tsa/${digest('sha256', c)!.slice(0, 16)}.der`, c);
  return addVersion(files, {
    created: input.created,
    message: input.renewal ? 'evidence record renewal (RFC 4998)' : 'evidence record (RFC 4998)',
    user: input.agent,
    files: state,
  });
}
