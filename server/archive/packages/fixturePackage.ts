// A small real package in the storage root for tests that need an archive package row backed by an object
// (server/testing/otherOrganisation.ts) and for storage tests: one text original and its descriptive metadata.
import { buildPackage } from '../../../archive/index.ts';
import { archiveStore } from './archiveConfig.ts';
import { PACKAGE_AGENT } from './gatherCard.ts';

/** The files of a one-version card package: `title` as its summary and as its one text original. */
export function fixturePackageFiles(ocflId: string, title: string, created = '2026-01-15T09:00:00Z'): Map<string, Uint8Array> {
  return buildPackage({
    id: ocflId,
    kind: 'card',
    created,
    agent: PACKAGE_AGENT,
    descriptive: { card: { summary: title } },
    originals: [{ name: 'письмо.txt', bytes: new TextEncoder().encode(`${title}\n`), mime: 'text/plain' }],
  }).files;
}

export async function storeFixturePackage(ocflId: string, title: string): Promise<void> {
  await (await archiveStore()).write(ocflId, fixturePackageFiles(ocflId, title));
}
