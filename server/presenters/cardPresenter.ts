import { Type, type Static } from '@sinclair/typebox';
import type { Knex } from 'knex';
import { Uuid } from '../api/common.ts';
import { CardKindSchema, CardStatusSchema } from '../api/cards/schema.ts';
import type { Card } from '../models/Card.ts';

const S = Type.Union([Type.String(), Type.Null()]);
const I = Type.Union([Type.Integer(), Type.Null()]);

export const CardSummarySchema = Type.Object({
  id: Uuid,
  kind: CardKindSchema,
  status: CardStatusSchema,
  journalId: Type.Union([Uuid, Type.Null()]),
  regNumber: S,
  regDate: S,
  summary: Type.String(),
  correspondentId: Type.Union([Uuid, Type.Null()]),
  outNumber: S,
  outDate: S,
  signer: S,
  addressee: S,
  addresseeStaffId: Type.Union([Uuid, Type.Null()]),
  deliveryMethod: S,
  sheets: I,
  attachmentsCount: I,
  accessMark: S,
  caseIndex: S,
  departmentId: Type.Union([Uuid, Type.Null()]),
  deadline: S,
  onControl: Type.Boolean(),
  fields: Type.Record(Type.String(), Type.Unknown()),
  cancelReason: S,
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const CardDetailSchema = Type.Composite([
  CardSummarySchema,
  Type.Object({
    correspondent: Type.Union([Type.Object({ id: Uuid, name: Type.String(), type: Type.String(), inn: S }), Type.Null()]),
    files: Type.Array(Type.Object({ id: Uuid, name: Type.String(), mime: Type.String(), size: Type.Integer(), sha256: Type.String(), role: Type.String() })),
    links: Type.Array(Type.Object({ type: Type.String(), direction: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]), cardId: Uuid, regNumber: S, summary: Type.String() })),
  }),
]);

export function presentCard(c: Card): Static<typeof CardSummarySchema> {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    journalId: c.journalId,
    regNumber: c.regNumber,
    regDate: c.regDate,
    summary: c.summary,
    correspondentId: c.correspondentId,
    outNumber: c.outNumber,
    outDate: c.outDate,
    signer: c.signer,
    addressee: c.addressee,
    addresseeStaffId: c.addresseeStaffId,
    deliveryMethod: c.deliveryMethod,
    sheets: c.sheets,
    attachmentsCount: c.attachmentsCount,
    accessMark: c.accessMark,
    caseIndex: c.caseIndex,
    departmentId: c.departmentId,
    deadline: c.deadline,
    onControl: c.onControl,
    fields: c.fields,
    cancelReason: c.cancelReason,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
  };
}

// One round trip: the correspondent, files and links of the card come back as JSON columns.
const DETAIL_SQL = `
SELECT
  (SELECT json_build_object('id', k.id, 'name', k.name, 'type', k.type, 'inn', k.inn)
     FROM correspondents k WHERE k.id = :correspondentId AND k.org_id = :org) AS correspondent,
  (SELECT coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'mime', f.mime, 'size', f.size, 'sha256', f.sha256, 'role', cf.role) ORDER BY cf.position), '[]'::json)
     FROM card_files cf JOIN files f ON f.id = cf.file_id WHERE cf.card_id = :card AND cf.org_id = :org) AS files,
  (SELECT coalesce(json_agg(x), '[]'::json) FROM (
     SELECT l.type, 'outgoing' AS direction, c.id AS "cardId", c.reg_number AS "regNumber", c.summary
       FROM card_links l JOIN cards c ON c.id = l.related_card_id WHERE l.card_id = :card AND l.org_id = :org
     UNION ALL
     SELECT l.type, 'incoming', c.id, c.reg_number, c.summary
       FROM card_links l JOIN cards c ON c.id = l.card_id WHERE l.related_card_id = :card AND l.org_id = :org) x) AS links`;

export type CardDetail = Static<typeof CardDetailSchema>;
type Detail = CardDetail;

export async function presentCardDetail(db: Knex, card: Card): Promise<Detail> {
  const result = (await db.raw(DETAIL_SQL, { card: card.id, org: card.orgId, correspondentId: card.correspondentId })) as {
    rows: { correspondent: Detail['correspondent']; files: Detail['files']; links: Detail['links'] }[];
  };
  const row = result.rows[0];
  return { ...presentCard(card), correspondent: row?.correspondent ?? null, files: row?.files ?? [], links: row?.links ?? [] };
}

/** A card written just now, with the related objects its writer already read (no round trip). */
export function presentNewCard(card: Card, related: Pick<Detail, 'correspondent' | 'files' | 'links'>): Detail {
  return { ...presentCard(card), ...related };
}
