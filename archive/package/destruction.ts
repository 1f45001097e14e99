// A package whose documents were destroyed under a destruction act (акт о выделении к уничтожению). The object keeps
// its earlier versions (OCFL versions are immutable), and its head version — the package as it now stands — holds no
// document content: no originals, signatures, PDF/A copies or signature evidence, only the description of what was
// destroyed and the preservation events, the last of which is the `destruction` event. The verifier reports such a
// package as destroyed, and checks that its head really carries nothing of the destroyed documents.
import { addVersion, buildObject } from '../ocfl/write.ts';
import { buildPackage, PackageError, type PreservationEvent } from './build.ts';
import { headFiles } from './evidence.ts';
import { PATHS, type PackageManifest, type Role } from './layout.ts';

export const DESTRUCTION_EVENT = 'destruction';
export const EVENTS_FILE = `${PATHS.preservation}/events.json`;

/** Roles of files that are the documents or prove their signatures: none may stay in a destroyed package's head. */
export const DESTROYED_ROLES: readonly Role[] = ['original', 'signature', 'pdfa', 'signature-report', 'signature-evidence', 'trust-anchor', 'pdfa-report'];

export interface DestructionCheck {
  name: 'destruction';
  ok: boolean;
  detail: string;
}

function parseEvents(bytes: Uint8Array | undefined): PreservationEvent[] {
  if (!bytes) return [];
  try {
    const v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    return Array.isArray(v) ? (v as PreservationEvent[]) : [];
  } catch {
    return [];
  }
}

/** The head's destruction event, if the package records one. */
export function destructionEvent(events: Uint8Array | undefined): PreservationEvent | null {
  return parseEvents(events).find((e) => e.type === DESTRUCTION_EVENT) ?? null;
}

/**
 * For a package whose head records a destruction: whether the head is free of the destroyed content. Null for a
 * package that records none (the usual case: no check is added).
 */
export function checkDestruction(manifest: PackageManifest, events: Uint8Array | undefined): { check: DestructionCheck; destroyed: { at: string; detail: string } } | null {
  const event = destructionEvent(events);
  if (!event) return null;
  const left = (manifest.files ?? []).filter((f) => DESTROYED_ROLES.includes(f.role)).map((f) => f.path);
  const listed = (manifest.signatures ?? []).length + (manifest.pdfa ?? []).length;
  const ok = left.length === 0 && listed === 0;
  return {
    destroyed: { at: event.at, detail: event.detail },
    check: {
      name: 'destruction',
      ok,
      detail: ok
        ? `documents destroyed ${event.at}: ${event.detail}; the current version holds no document content (earlier versions are kept unchanged, as OCFL requires)`
        : `the package records a destruction (${event.at}) but its current version still holds ${left.length > 0 ? left.join(', ') : `${listed} signature/PDF/A entr${listed === 1 ? 'y' : 'ies'}`}`,
    },
  };
}

export interface DestructionInput {
  /** RFC 3339 time of the new version (when the package is marked) */
  created: string;
  agent: { name: string; address: string };
  /** the destruction event as the preservation metadata records it (type is set here) */
  event: Omit<PreservationEvent, 'type'>;
  /** the description of what was destroyed, replacing the documents' descriptive metadata */
  descriptive: Record<string, unknown>;
}

/**
 * The object with one more version whose state is the destroyed package: package.json, the new descriptive metadata,
 * the preservation events so far plus the destruction, VERIFY.md. The package keeps its id, kind and ingest time.
 * Earlier versions are untouched (`addVersion` never rewrites one).
 */
export function addDestructionVersion(files: Map<string, Uint8Array>, input: DestructionInput): Map<string, Uint8Array> {
  const head = headFiles(files);
  const anchor = head.get(PATHS.anchor);
  if (!anchor) throw new PackageError('PACKAGE_INVALID_INPUT', 'the package has no package.json');
  const manifest = JSON.parse(new TextDecoder().decode(anchor)) as PackageManifest;
  // The builder adds the ingest event of `created` again: the earlier copy is left out so that it is listed once.
  const earlier = parseEvents(head.get(EVENTS_FILE)).filter((e) => !(e.type === 'ingest' && e.at === manifest.created));
  const built = buildPackage({
    id: manifest.id,
    kind: manifest.kind,
    created: manifest.created,
    agent: input.agent,
    descriptive: input.descriptive,
    originals: [],
    events: [...earlier, { ...input.event, type: DESTRUCTION_EVENT }],
    ...(manifest.members && manifest.members.length > 0 ? { members: manifest.members } : {}),
  });
  return addVersion(files, { created: input.created, message: `destruction: ${input.event.detail}`, user: input.agent, files: headFiles(built.files) });
}

interface InventoryHead {
  id: string;
  head: string;
  versions: Record<string, { created: string; message?: string; user?: { name: string; address?: string } }>;
}

/**
 * The destroyed package as an object of a single version: its current state, with the head version's time and agent,
 * and nothing of the versions before it — which held the destroyed documents. Destruction is the one case where an
 * object's history goes: a document destroyed under an approved act must not stay readable in an earlier version.
 * The state is the same, so package.json (the anchor that case packages pin) keeps its bytes.
 */
export function withoutEarlierVersions(files: Map<string, Uint8Array>): { files: Map<string, Uint8Array>; erased: number } {
  const root = files.get('inventory.json');
  if (!root) throw new PackageError('PACKAGE_INVALID_INPUT', 'the object has no root inventory');
  const inv = JSON.parse(new TextDecoder().decode(root)) as InventoryHead;
  const head = inv.versions[inv.head];
  if (!head) throw new PackageError('PACKAGE_INVALID_INPUT', `the inventory has no head version ${inv.head}`);
  const erased = Object.keys(inv.versions).length - 1;
  const user = { name: head.user?.name ?? 'Kartoteka', address: head.user?.address ?? '' };
  const message = `${head.message ?? 'destruction'}; ${erased} earlier version(s), which held the destroyed documents, erased`;
  return { files: buildObject(inv.id, [{ created: head.created, message, user, files: headFiles(files) }]), erased };
}

