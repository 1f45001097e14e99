import { Type } from '@sinclair/typebox';
import { DateTime, Uuid } from '../common.ts';

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const DigestsSchema = Type.Object({ sha512: Type.String(), sha256: Type.String(), 'streebog-256': Type.String() });

export const EvidenceSchema = Type.Object({
  batchId: Uuid,
  tsa: Type.String({ description: 'URL службы штампов времени или local-untrusted' }),
  trusted: Type.Boolean(),
  label: Type.String(),
  genTime: DateTime,
  tsaNotAfter: DateTime,
  /** digest of the batch's hash tree: a hash-tree renewal moves records to a stronger one */
  algorithm: Type.String({ examples: ['sha256', 'sha512'] }),
  renewedBy: Nullable(Uuid),
  renews: Nullable(Uuid),
  /** whether the record protects the package's current package.json */
  current: Type.Boolean(),
});

export const PackageSummarySchema = Type.Object({
  id: Uuid,
  objectType: Type.String(),
  objectId: Uuid,
  ocflId: Type.String(),
  status: Type.String({ description: 'pending | packaged | failed' }),
  currentVersion: Type.Integer(),
  storage: Type.String(),
  anchor: Nullable(DigestsSchema),
  sizeBytes: Type.Integer(),
  error: Nullable(Type.String()),
  lastFixityAt: Nullable(DateTime),
  lastFixityResult: Nullable(Type.String()),
  fixityAlert: Type.Boolean(),
  card: Nullable(Type.Object({ regNumber: Nullable(Type.String()), regDate: Nullable(Type.String()), summary: Type.String(), kind: Type.String() })),
  destruction: Nullable(
    Type.Object(
      {
        at: DateTime,
        actId: Uuid,
        act: Type.String({ description: 'номер акта о выделении к уничтожению, 1/2026' }),
        reason: Type.String(),
        caseIndex: Nullable(Type.String()),
        executedBy: Nullable(Type.String()),
        auditSeq: Type.Integer({ description: 'запись card.purged в журнале аудита' }),
        version: Nullable(Type.String({ description: 'версия OCFL, записавшая уничтожение; null — ещё записывается' })),
      },
      { description: 'Документ уничтожен по акту; null — не уничтожался / the document was destroyed under an act' },
    ),
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const FixityCheckSchema = Type.Object({
  id: Uuid,
  packageVersion: Type.Integer(),
  result: Type.String(),
  files: Type.Integer(),
  bytes: Type.Integer(),
  problems: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  trigger: Type.String(),
  checkedAt: DateTime,
});

export const PackageDetailSchema = Type.Intersect([
  PackageSummarySchema,
  Type.Object({
    objectPath: Nullable(Type.String()),
    versions: Type.Array(Type.Object({ version: Type.String(), created: Type.String(), message: Type.String(), anchor: DigestsSchema })),
    notes: Type.Array(Type.Object({ file: Type.String(), kind: Type.String(), message: Type.String() })),
    files: Type.Array(Type.Object({ path: Type.String(), size: Type.Integer(), mime: Type.String(), role: Type.String(), digests: DigestsSchema })),
    /** files of the head version outside package.json: evidence records and TSA certificates */
    otherFiles: Type.Array(Type.String()),
    signatures: Type.Array(Type.Object({ signature: Type.String(), signs: Type.String(), validationTime: Type.String(), indications: Type.Array(Type.String()) })),
    pdfa: Type.Array(Type.Object({ file: Type.String(), report: Type.String(), conformant: Type.Boolean() })),
    fixity: Type.Array(FixityCheckSchema),
    evidence: Type.Array(EvidenceSchema),
  }),
]);

export const PackageListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('packaged'), Type.Literal('failed')])),
    objectType: Type.Optional(Type.Union([Type.Literal('card'), Type.Literal('case'), Type.Literal('inventory'), Type.Literal('act')])),
    fixityAlert: Type.Optional(Type.Boolean()),
    destroyed: Type.Optional(Type.Boolean({ description: 'только пакеты документов, уничтоженных по акту (или только неуничтоженных) / destroyed documents only' })),
    objectId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'регистрационный номер или краткое содержание' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const VerifySchema = Type.Object({
  valid: Type.Boolean(),
  checks: Type.Array(Type.Object({ name: Type.String(), ok: Type.Boolean(), detail: Type.String() })),
  version: Type.String(),
  anchor: Nullable(Type.String()),
});
