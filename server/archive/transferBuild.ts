// The CPU-bound half of the transfer export: archival packages (three digests per file), the inventory package,
// METS, BagIt manifests and the deflated ZIP. Pure: everything comes in the spec, so it runs in a worker thread
// (transferWorker.ts) and gives the same bytes for the same spec.
import type { InputFile } from '../../archive/index.ts';

export interface PrebuiltPackage {
  id: string;
  files: Map<string, Uint8Array>;
  anchorSha512: string;
}

export interface CaseSpec {
  id: string;
  descriptive: Record<string, unknown>;
  originals: InputFile[];
}

export interface TransferSpec {
  transferId: string;
  /** RFC 3339, the inventory's approval time: every time inside the export */
  created: string;
  organisation: string;
  archive: string;
  agent: { name: string; address: string };
  inventory: { id: string; descriptive: Record<string, unknown>; json: Uint8Array; pdf: Uint8Array };
  /** Case packages to build, in inventory order… */
  cases: CaseSpec[];
  /** …or stored ones (from a registered CasePackageProvider), copied as they are… */
  prebuilt: PrebuiltPackage[];
  /** …with the packages they pin (documents'), carried so that the SIP verifies as a collection. */
  others: PrebuiltPackage[];
}

export async function buildTransfer(spec: TransferSpec): Promise<Uint8Array> {
  const { buildPackage, exportTransfer } = await import('../../archive/index.ts');
  const built: PrebuiltPackage[] = spec.cases.map((c) => {
    const p = buildPackage({ id: c.id, kind: 'case', created: spec.created, agent: spec.agent, descriptive: c.descriptive, originals: c.originals });
    return { id: c.id, files: p.files, anchorSha512: p.anchor.sha512 };
  });
  const members = [...spec.prebuilt, ...built];
  const inv = buildPackage({
    id: spec.inventory.id,
    kind: 'inventory',
    created: spec.created,
    agent: spec.agent,
    descriptive: spec.inventory.descriptive,
    originals: [{ name: 'inventory.json', bytes: spec.inventory.json, mime: 'application/json' }],
    pdfa: [{ name: 'inventory.pdf', bytes: spec.inventory.pdf, mime: 'application/pdf' }],
    members: members.map((p) => ({ id: p.id, anchor: p.anchorSha512 })),
  });
  return exportTransfer({
    id: spec.transferId,
    created: spec.created,
    organisation: spec.organisation,
    archive: spec.archive,
    packages: [{ id: spec.inventory.id, files: inv.files }, ...[...members, ...spec.others].map((p) => ({ id: p.id, files: p.files }))],
  });
}
