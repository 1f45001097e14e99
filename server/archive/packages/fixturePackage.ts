// A small real package in the storage root for tests that need an archive package row backed by an object
// (server/testing/otherOrganisation.ts): one text original and its descriptive metadata.
import { buildPackage } from '../../../archive/index.ts';
import { archiveStore } from './archiveConfig.ts';
import { PACKAGE_AGENT } from './gatherCard.ts';

export async function storeFixturePackage(ocflId: string, title: string): Promise<void> {
  const built = buildPackage({
    id: ocflId,
    kind: 'card',
    created: '2026-01-15T09:00:00Z',
    agent: PACKAGE_AGENT,
    descriptive: { card: { summary: title } },
    originals: [{ name: 'письмо.txt', bytes: new TextEncoder().encode(`${title}\n`), mime: 'text/plain' }],
  });
  await (await archiveStore()).write(ocflId, built.files);
}
