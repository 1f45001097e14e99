// Reading an archival package's OCFL object: its inventory, head version and head files.
import { createHash } from 'node:crypto';
import { headFiles, type Inventory } from '../../../archive/index.ts';
import { streebog256 } from '../../../signature/index.ts';
import type { PackageVersionEntry, PackageDigests } from '../../models/ArchivePackage.ts';

export function inventoryOf(files: Map<string, Uint8Array>): Inventory {
  const raw = files.get('inventory.json');
  if (!raw) throw new Error('the object has no root inventory');
  return JSON.parse(new TextDecoder().decode(raw)) as Inventory;
}

export function headNumber(inv: Inventory): number {
  return Number(inv.head.slice(1));
}

/** The package.json of the head version (from `inv`, the object's root inventory, when the caller has parsed it). */
export function headAnchor(files: Map<string, Uint8Array>, inv?: Inventory): Uint8Array {
  let anchor: Uint8Array | undefined;
  if (inv) {
    const digest = Object.entries(inv.versions[inv.head]?.state ?? {}).find(([, paths]) => paths.includes('package.json'))?.[0];
    anchor = digest ? files.get(inv.manifest[digest]?.[0] ?? '') : undefined;
  } else anchor = headFiles(files).get('package.json');
  if (!anchor) throw new Error('the head version has no package.json');
  return anchor;
}

export function anchorDigests(anchor: Uint8Array): PackageDigests {
  return {
    sha512: createHash('sha512').update(anchor).digest('hex'),
    sha256: createHash('sha256').update(anchor).digest('hex'),
    'streebog-256': Buffer.from(streebog256(anchor)).toString('hex'),
  };
}

export function versionEntry(inv: Inventory, anchor: PackageDigests): PackageVersionEntry {
  const v = inv.versions[inv.head];
  return { version: inv.head, created: typeof v?.created === 'string' ? v.created : '', message: typeof v?.message === 'string' ? v.message : '', anchor };
}

export function objectSize(files: Map<string, Uint8Array>): number {
  let n = 0;
  for (const b of files.values()) n += b.length;
  return n;
}
