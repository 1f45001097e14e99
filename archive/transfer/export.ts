// Transfer to a state archive: the packages of a transfer as one E-ARK SIP (CSIP folder names,
// a METS.xml listing every file with its SHA-512) inside a BagIt 1.0 bag (RFC 8493), zipped
// deterministically. Everything time-dependent comes from the input, so the bytes are reproducible.
import { digest } from '../ocfl/digest.ts';
import { stableJson } from '../ocfl/json.ts';
import { packageZip } from '../package/build.ts';
import { headFiles } from '../package/evidence.ts';

export interface TransferInput {
  /** identifier of the transfer (the SIP's OBJID), e.g. urn:kartoteka:transfer:2026-01 */
  id: string;
  /** RFC 3339, the moment of the transfer */
  created: string;
  organisation: string;
  archive: string;
  /** OCFL objects (path → bytes), e.g. from buildPackage or a storage root */
  packages: { id: string; files: Map<string, Uint8Array> }[];
}

const enc = new TextEncoder();
const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const folderOf = (id: string): string => id.replace(/[^A-Za-z0-9._-]+/g, '_');
const MIME: Record<string, string> = {
  json: 'application/json', pdf: 'application/pdf', xml: 'application/xml', txt: 'text/plain', md: 'text/markdown',
  der: 'application/pkix-cert', p7s: 'application/pkcs7-signature', ers: 'application/octet-stream', sha512: 'text/plain',
};
const mimeOf = (path: string): string => (path.endsWith('/0=ocfl_object_1.1') ? 'text/plain' : MIME[/\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream');

function mets(input: TransferInput, files: [string, Uint8Array][]): string {
  const groups = new Map<string, [string, Uint8Array][]>();
  for (const f of files) {
    const m = /^representations\/([^/]+)\//.exec(f[0]);
    const use = m ? `Representations/${m[1]}` : f[0].startsWith('metadata/') ? 'Metadata' : 'Other';
    groups.set(use, [...(groups.get(use) ?? []), f]);
  }
  let n = 0;
  const fileSec = [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([use, list]) => {
      const items = list
        .map(([path, bytes]) => {
          n++;
          return `      <file ID="file-${n}" MIMETYPE="${mimeOf(path)}" SIZE="${bytes.length}" CREATED="${xml(input.created)}" CHECKSUM="${digest('sha512', bytes)}" CHECKSUMTYPE="SHA-512">\n        <FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${xml(path)}"/>\n      </file>`;
        })
        .join('\n');
      return `    <fileGrp USE="${xml(use)}" ID="grp-${xml(use.replace(/[^A-Za-z0-9]+/g, '-'))}">\n${items}\n    </fileGrp>`;
    })
    .join('\n');
  const divs = [...groups.keys()].sort().map((use) => `      <div LABEL="${xml(use)}"><fptr FILEID="grp-${xml(use.replace(/[^A-Za-z0-9]+/g, '-'))}"/></div>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
      OBJID="${xml(input.id)}" LABEL="Передача дел в государственный архив" TYPE="Mixed" csip:CONTENTINFORMATIONTYPE="OTHER"
      csip:OTHERCONTENTINFORMATIONTYPE="Kartoteka OCFL archival packages" PROFILE="https://earksip.dilcis.eu/profile/E-ARK-SIP.xml">
  <metsHdr CREATEDATE="${xml(input.created)}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">
    <agent ROLE="CREATOR" TYPE="ORGANIZATION"><name>${xml(input.organisation)}</name></agent>
    <agent ROLE="PRESERVATION" TYPE="ORGANIZATION"><name>${xml(input.archive)}</name></agent>
    <agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><name>Kartoteka</name></agent>
  </metsHdr>
  <fileSec ID="file-sec">
${fileSec}
  </fileSec>
  <structMap ID="struct-map" TYPE="PHYSICAL" LABEL="CSIP">
    <div ID="root" LABEL="${xml(input.id)}">
${divs}
    </div>
  </structMap>
</mets>
`;
}

export function exportTransfer(input: TransferInput): Uint8Array {
  const sip = folderOf(input.id);
  const payload = new Map<string, Uint8Array>();
  const listing: { id: string; folder: string; anchorSha512: string | null }[] = [];
  for (const p of [...input.packages].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const folder = folderOf(p.id);
    for (const [path, bytes] of p.files) payload.set(`representations/${folder}/data/${path}`, bytes);
    const anchor = headFiles(p.files).get('package.json');
    listing.push({ id: p.id, folder, anchorSha512: anchor ? digest('sha512', anchor)! : null });
  }
  payload.set('metadata/descriptive/transfer.json', enc.encode(stableJson({ id: input.id, created: input.created, organisation: input.organisation, archive: input.archive, packages: listing })));
  const sorted = [...payload].sort(([a], [b]) => (a < b ? -1 : 1));
  const sipFiles = new Map<string, Uint8Array>(sorted.map(([p, b]) => [`data/${sip}/${p}`, b]));
  sipFiles.set(`data/${sip}/METS.xml`, enc.encode(mets(input, sorted)));

  const bag = new Map<string, Uint8Array>();
  const paths = [...sipFiles.keys()].sort();
  let bytes = 0;
  for (const p of paths) {
    bag.set(p, sipFiles.get(p)!);
    bytes += sipFiles.get(p)!.length;
  }
  bag.set('bagit.txt', enc.encode('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'));
  bag.set(
    'bag-info.txt',
    enc.encode(`Source-Organization: ${input.organisation}\nBagging-Date: ${input.created.slice(0, 10)}\nExternal-Identifier: ${input.id}\nPayload-Oxum: ${bytes}.${paths.length}\nBag-Software-Agent: Kartoteka\n`),
  );
  bag.set('manifest-sha512.txt', enc.encode(paths.map((p) => `${digest('sha512', sipFiles.get(p)!)}  ${p}\n`).join('')));
  bag.set('tagmanifest-sha512.txt', enc.encode(['bag-info.txt', 'bagit.txt', 'manifest-sha512.txt'].map((t) => `${digest('sha512', bag.get(t)!)}  ${t}\n`).join('')));
  const top = folderOf(`${input.id}-bag`);
  return packageZip(new Map([...bag].map(([p, b]) => [`${top}/${p}`, b])));
}
