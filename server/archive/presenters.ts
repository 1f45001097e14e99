// JSON shapes of the records-management objects (nomenclature items, cases, inventories, destruction acts).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Uuid } from '../api/common.ts';
import type { NomenclatureItem } from '../models/NomenclatureItem.ts';
import type { Case } from '../models/Case.ts';
import type { Inventory } from '../models/Inventory.ts';
import type { DestructionAct } from '../models/DestructionAct.ts';
import { destructionDueOn, inventoryKindOf, retentionLabel } from './retention.ts';
import { needsArchiveReview, reviewStage } from './expertReview.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const S = Nullable(Type.String());
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const RetentionKindSchema = Type.Union([Type.Literal('years'), Type.Literal('permanent'), Type.Literal('until_superseded')], {
  description: 'Срок хранения: лет / постоянно / ДМН (до минования надобности) / retention term kind',
});
export const CaseStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('in_inventory'), Type.Literal('destroyed'), Type.Literal('transferred')]);
export const InventoryKindSchema = Type.Union([Type.Literal('permanent'), Type.Literal('long_term'), Type.Literal('personnel')], {
  description: 'Опись дел постоянного хранения / долговременного (свыше 10 лет) / по личному составу',
});

const Label = Type.Object({ ru: Type.String(), en: Type.String() });

export const NomenclatureItemSchema = Type.Object({
  id: Uuid,
  year: Type.Integer(),
  caseIndex: Type.String(),
  title: Type.String(),
  departmentId: Nullable(Uuid),
  retentionKind: RetentionKindSchema,
  retentionYears: Nullable(Type.Integer()),
  retention: Label,
  personnel: Type.Boolean(),
  listArticle: S,
  storageNote: S,
  version: Type.Integer(),
});

export function presentNomenclatureItem(i: NomenclatureItem): Static<typeof NomenclatureItemSchema> {
  return {
    id: i.id,
    year: i.year,
    caseIndex: i.caseIndex,
    title: i.title,
    departmentId: i.departmentId,
    retentionKind: i.retentionKind,
    retentionYears: i.retentionYears,
    retention: retentionLabel(i),
    personnel: i.personnel,
    listArticle: i.listArticle,
    storageNote: i.storageNote,
    version: i.version,
  };
}

export const CaseSchema = Type.Object({
  id: Uuid,
  nomenclatureItemId: Uuid,
  caseIndex: Type.String(),
  title: Type.String(),
  year: Type.Integer(),
  status: CaseStatusSchema,
  retentionKind: RetentionKindSchema,
  retentionYears: Nullable(Type.Integer()),
  retention: Label,
  personnel: Type.Boolean(),
  listArticle: S,
  openedOn: Type.String(),
  closedOn: S,
  supersededOn: S,
  documentsCount: Type.Integer(),
  sheets: Type.Integer(),
  startDate: S,
  endDate: S,
  destructionDueOn: Type.Union([Type.String(), Type.Null()], { description: 'С какого дня дело можно уничтожить; null — никогда или пока не закрыто' }),
  inventoryKind: Nullable(InventoryKindSchema),
  legalHold: Type.Boolean(),
  legalHoldReason: S,
  legalHoldAt: S,
  version: Type.Integer(),
});

export function presentCase(c: Case): Static<typeof CaseSchema> {
  return {
    id: c.id,
    nomenclatureItemId: c.nomenclatureItemId,
    caseIndex: c.caseIndex,
    title: c.title,
    year: c.year,
    status: c.status,
    retentionKind: c.retentionKind,
    retentionYears: c.retentionYears,
    retention: retentionLabel(c),
    personnel: c.personnel,
    listArticle: c.listArticle,
    openedOn: c.openedOn,
    closedOn: c.closedOn,
    supersededOn: c.supersededOn,
    documentsCount: c.documentsCount,
    sheets: c.sheets,
    startDate: c.startDate,
    endDate: c.endDate,
    destructionDueOn: destructionDueOn(c),
    inventoryKind: inventoryKindOf(c),
    legalHold: c.legalHold,
    legalHoldReason: c.legalHoldReason,
    legalHoldAt: iso(c.legalHoldAt),
    version: c.version,
  };
}

export const CaseCardSchema = Type.Object({
  id: Uuid,
  kind: Type.String(),
  status: Type.String(),
  regNumber: S,
  regDate: S,
  summary: Type.String(),
  sheets: Nullable(Type.Integer()),
});

export const ReviewSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('submitted'), Type.Literal('agreed'), Type.Literal('returned')], {
      description: 'На рассмотрении ЭПК / согласовано / возвращено с замечаниями / under review, agreed, returned with remarks',
    }),
    submittedAt: S,
    decidedByName: S,
    decidedAt: S,
    protocolNumber: S,
    protocolDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    remarks: S,
  },
  { description: 'Согласование с экспертно-проверочной комиссией (ЭПК); null — ещё не представлено / the expert commission’s review' },
);

type Reviewed = Pick<Inventory, 'reviewStatus' | 'reviewSubmittedAt' | 'reviewDecidedByName' | 'reviewDecidedAt' | 'reviewProtocolNumber' | 'reviewProtocolDate' | 'reviewRemarks'>;

export function presentReview(r: Reviewed): Static<typeof ReviewSchema> | null {
  if (!r.reviewStatus) return null;
  return {
    status: r.reviewStatus,
    submittedAt: iso(r.reviewSubmittedAt),
    decidedByName: r.reviewDecidedByName,
    decidedAt: iso(r.reviewDecidedAt),
    protocolNumber: r.reviewProtocolNumber,
    protocolDate: r.reviewProtocolDate,
    remarks: r.reviewRemarks,
  };
}

export const ArchiveReviewSchema = Type.Composite(
  [ReviewSchema, Type.Object({ commission: Type.String({ description: 'Комиссия архивного учреждения, как она названа в сопроводительном письме / the archive’s commission' }) })],
  { description: 'Согласование с ЭПК архивного учреждения (описи дел постоянного хранения и по личному составу); null — не представлялась / the archive’s expert commission' },
);

export const ReviewStageSchema = Type.Union(
  ['none', 'submitted', 'agreed', 'returned', 'archive_submitted', 'archive_agreed', 'archive_returned'].map((s) => Type.Literal(s)),
  { description: 'Этап согласования: ЭПК организации, затем (для описей постоянного хранения и по личному составу) ЭПК архивного учреждения' },
);

function presentArchiveReview(i: Inventory): Static<typeof ArchiveReviewSchema> | null {
  const review = presentReview({
    reviewStatus: i.archiveReviewStatus,
    reviewSubmittedAt: i.archiveReviewSubmittedAt,
    reviewDecidedByName: i.archiveReviewDecidedByName,
    reviewDecidedAt: i.archiveReviewDecidedAt,
    reviewProtocolNumber: i.archiveReviewProtocolNumber,
    reviewProtocolDate: i.archiveReviewProtocolDate,
    reviewRemarks: i.archiveReviewRemarks,
  });
  return review ? { ...review, commission: i.archiveReviewCommission ?? '' } : null;
}

export const InventorySchema = Type.Object({
  id: Uuid,
  kind: InventoryKindSchema,
  year: Type.Integer(),
  number: Type.Integer(),
  title: Type.String(),
  fundNumber: S,
  status: Type.Union([Type.Literal('draft'), Type.Literal('approved')]),
  review: Nullable(ReviewSchema),
  archiveReviewRequired: Type.Boolean({ description: 'Согласуется ли опись ещё и с ЭПК архивного учреждения / whether the archive’s commission agrees it too' }),
  archiveReview: Nullable(ArchiveReviewSchema),
  reviewStage: ReviewStageSchema,
  approvedByName: S,
  approvedAt: S,
  pdfSha256: S,
  transferredAt: S,
  transferredTo: S,
  casesCount: Type.Integer(),
  version: Type.Integer(),
});

export function presentInventory(i: Inventory, casesCount: number): Static<typeof InventorySchema> {
  return {
    id: i.id,
    kind: i.kind,
    year: i.year,
    number: i.number,
    title: i.title,
    fundNumber: i.fundNumber,
    status: i.status,
    review: presentReview(i),
    archiveReviewRequired: needsArchiveReview(i),
    archiveReview: presentArchiveReview(i),
    reviewStage: reviewStage(i),
    approvedByName: i.approvedByName,
    approvedAt: iso(i.approvedAt),
    pdfSha256: i.pdfSha256,
    transferredAt: iso(i.transferredAt),
    transferredTo: i.transferredTo,
    casesCount,
    version: i.version,
  };
}

export const DestructionActSchema = Type.Object({
  id: Uuid,
  year: Type.Integer(),
  number: Type.Integer(),
  reason: Type.String(),
  fundNumber: S,
  status: Type.Union([Type.Literal('draft'), Type.Literal('approved'), Type.Literal('executed')]),
  review: Nullable(ReviewSchema),
  approvedByName: S,
  approvedAt: S,
  executedAt: S,
  pdfSha256: S,
  casesCount: Type.Integer(),
  purgedCards: Nullable(Type.Integer()),
  version: Type.Integer(),
});

export function presentDestructionAct(a: DestructionAct, casesCount: number): Static<typeof DestructionActSchema> {
  const purged = (a.content as { purgedCards?: unknown } | null)?.purgedCards;
  return {
    id: a.id,
    year: a.year,
    number: a.number,
    reason: a.reason,
    fundNumber: a.fundNumber,
    status: a.status,
    review: presentReview(a),
    approvedByName: a.approvedByName,
    approvedAt: iso(a.approvedAt),
    executedAt: iso(a.executedAt),
    pdfSha256: a.pdfSha256,
    casesCount,
    purgedCards: typeof purged === 'number' ? purged : null,
    version: a.version,
  };
}
