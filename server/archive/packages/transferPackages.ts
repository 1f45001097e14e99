// The transfer export takes a case's stored OCFL package as it is — every file of every version, byte for byte,
// with the packages of its documents that it pins — instead of building a second, different package of the same
// case. Only a stored package that is complete and current is taken: packaged, no fixity alert, its head
// package.json the one the database recorded, and its members exactly the case's documents at their current
// anchors. Otherwise (a document not archived yet, a rebuild pending) the transfer builds the case from the
// database as before, so nothing the case holds is left out.
import { createHash } from 'node:crypto';
import { headFiles, type MemberEntry } from '../../../archive/index.ts';
import { setCasePackageProvider, type CasePackageProvider, type TransferPackage } from '../transfer.ts';
import { archiveStore } from './archiveConfig.ts';

interface StoredRow {
  ocfl_id: string;
  anchor_sha512: string | null;
}

const sha512 = (bytes: Uint8Array): string => createHash('sha512').update(bytes).digest('hex');

/** The stored object when its head package.json is the one recorded (anchor), else null. */
async function readStored(row: StoredRow): Promise<TransferPackage | null> {
  if (!row.anchor_sha512) return null;
  const files = await (await archiveStore()).read(row.ocfl_id);
  const anchor = files ? headFiles(files).get('package.json') : undefined;
  if (!files || !anchor || sha512(anchor) !== row.anchor_sha512) return null;
  return { id: row.ocfl_id, files, anchorSha512: row.anchor_sha512 };
}

export const storedCasePackage: CasePackageProvider = async (ctx, c) => {
  const packaged = () => ctx.scope.table('archive_packages').where({ status: 'packaged', fixity_alert: false });
  const caseRow = (await packaged().where({ object_type: 'case', object_id: c.id }).first('ocfl_id', 'anchor_sha512')) as StoredRow | undefined;
  if (!caseRow) return null;
  const stored = await readStored(caseRow);
  if (!stored) return null;
  const cardIds = (await ctx.scope.table('cards').where({ case_id: c.id }).whereNot('status', 'cancelled').pluck('id')) as string[];
  const cardRows = (await packaged().where({ object_type: 'card' }).whereIn('object_id', cardIds).orderBy('ocfl_id').select('ocfl_id', 'anchor_sha512')) as StoredRow[];
  const head = headFiles(stored.files).get('package.json');
  const listed = new Map(((JSON.parse(new TextDecoder().decode(head)) as { members?: MemberEntry[] }).members ?? []).map((m) => [m.id, m.anchor]));
  const current = cardRows.length === cardIds.length && listed.size === cardRows.length && cardRows.every((r) => r.anchor_sha512 !== null && listed.get(r.ocfl_id) === r.anchor_sha512);
  if (!current) return null;
  const members: TransferPackage[] = [];
  for (const row of cardRows) {
    const member = await readStored(row);
    if (!member) return null;
    members.push(member);
  }
  return { package: stored, members };
};

/** Called once by jobs.ts, with the other archive hooks. */
export function registerTransferPackages(): void {
  setCasePackageProvider(storedCasePackage);
}
