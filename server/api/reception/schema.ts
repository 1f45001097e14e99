import { Type } from '@sinclair/typebox';
import { Uuid } from '../common.ts';
import { ATTACHMENT_TYPE_KEYS, MAX_FILE_BYTES_LIMIT, MAX_FILES_LIMIT } from '../../reception/attachmentTypes.ts';
import { SLUG_PATTERN } from '../../reception/receptionSettings.ts';
import { APPEAL_TYPES } from '../../commands/reception/submitAppeal.ts';

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const AttachmentTypeSchema = Type.Union(ATTACHMENT_TYPE_KEYS.map((k) => Type.Literal(k)));
const Slug = Type.String({ pattern: SLUG_PATTERN, minLength: 3, maxLength: 50, description: 'латиница, цифры, дефис / latin letters, digits, hyphens' });

export const ReceptionSettingsSchema = Type.Object({
  enabled: Type.Boolean(),
  slug: Nullable(Type.String()),
  journalId: Nullable(Uuid),
  addresseeStaffId: Nullable(Uuid),
  allowedTypes: Type.Array(AttachmentTypeSchema),
  maxFiles: Type.Integer(),
  maxFileBytes: Type.Integer(),
  version: Type.Integer({ description: '0 — ещё не сохранены / not saved yet' }),
});

export const ReceptionSettingsBody = Type.Object(
  {
    enabled: Type.Boolean(),
    slug: Slug,
    journalId: Nullable(Uuid),
    addresseeStaffId: Nullable(Uuid),
    allowedTypes: Type.Array(AttachmentTypeSchema, { maxItems: ATTACHMENT_TYPE_KEYS.length, uniqueItems: true }),
    maxFiles: Type.Integer({ minimum: 0, maximum: MAX_FILES_LIMIT }),
    maxFileBytes: Type.Integer({ minimum: 64 * 1024, maximum: MAX_FILE_BYTES_LIMIT }),
  },
  { additionalProperties: false },
);

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });

export const ReceptionFormSchema = Type.Object({
  slug: Type.String(),
  organisation: Type.Object({ name: Type.String(), shortName: Type.String() }),
  enabled: Type.Boolean(),
  limits: Type.Object({
    maxFiles: Type.Integer(),
    maxFileBytes: Type.Integer(),
    allowedTypes: Type.Array(Type.Object({ type: AttachmentTypeSchema, mime: Type.String(), extensions: Type.Array(Type.String()) })),
  }),
  answerDays: Type.Integer({ description: 'срок рассмотрения, дней (59-ФЗ ст. 12) / days to answer' }),
});

/** The JSON of the multipart field `appeal`. */
export const AppealBody = Type.Object(
  {
    lastName: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    firstName: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    middleName: Type.Optional(Type.String({ maxLength: 100 })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Literal('')])),
    postalAddress: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    appealType: Type.Optional(Type.Union(APPEAL_TYPES.map((t) => Type.Literal(t)))),
    text: Type.String({ minLength: 10, maxLength: 50_000, pattern: '\\S' }),
    consent: Type.Boolean(),
    /** Left empty by people: the field is hidden from them, a form-filling robot fills it in. */
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const SubmittedSchema = Type.Object({
  regNumber: Type.String(),
  regDate: Type.String({ format: 'date' }),
  deadline: Nullable(Type.String({ format: 'date' })),
  statusCode: Type.String({ description: 'показывается один раз / shown once' }),
  receipt: Type.Object({ name: Type.String(), size: Type.Integer(), sha256: Type.String() }),
});

export const StatusQueryBody = Type.Object(
  { number: Type.String({ minLength: 1, maxLength: 100 }), code: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

export const AppealStatusSchema = Type.Object({
  regNumber: Type.String(),
  regDate: Type.String({ format: 'date' }),
  status: Type.Union([Type.Literal('registered'), Type.Literal('in_work'), Type.Literal('answered'), Type.Literal('forwarded'), Type.Literal('cancelled')]),
  deadline: Nullable(Type.String({ format: 'date' })),
  /** the term was extended (59-FZ art. 12 part 2); `deadline` is then the new one */
  extended: Type.Boolean(),
  answeredOn: Nullable(Type.String({ format: 'date' })),
  /** forwarded by competence (art. 8 part 3): to which body and when */
  forwarding: Type.Union([Type.Object({ to: Type.String(), on: Type.String({ format: 'date' }) }), Type.Null()]),
});
