import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { createPostgresSearch, FACET_NAMES, SearchError, type FacetName, type SearchFilters } from '../../../search/index.ts';
import { can } from '../../policies/index.ts';
import { today } from '../../records/today.ts';
import { IsoDateSchema } from '../cards/schema.ts';
import { Uuid } from '../common.ts';

const csv = (v: string | undefined): string[] | undefined => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

defineRoute({
  operationId: 'search',
  method: 'get',
  path: '/api/search',
  summary: 'Полнотекстовый поиск по карточкам: словоформы, номера, ИНН, опечатки в корреспондентах, фильтры, фасеты / full-text card search',
  tags: ['search'],
  access: 'authenticated',
  permission: 'cards.read',
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 500 })),
    kind: Type.Optional(Type.String({ description: 'через запятую: incoming,appeal' })),
    status: Type.Optional(Type.String({ description: 'через запятую' })),
    from: Type.Optional(IsoDateSchema),
    to: Type.Optional(IsoDateSchema),
    journalId: Type.Optional(Uuid),
    departmentId: Type.Optional(Uuid),
    executorId: Type.Optional(Uuid),
    correspondentId: Type.Optional(Uuid),
    onControl: Type.Optional(Type.Boolean()),
    overdue: Type.Optional(Type.Boolean()),
    accessMark: Type.Optional(Type.String({ maxLength: 50 })),
    facets: Type.Optional(Type.String({ description: `через запятую: ${FACET_NAMES.join(',')}` })),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('regDate:desc'), Type.Literal('regDate:asc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
    typing: Type.Optional(Type.Boolean({ description: 'пользователь ещё печатает: последнее слово ищется как префикс' })),
  }),
  success: { status: 200, description: 'Результаты с подсветкой, фасетами и ограниченным счётчиком («10 000+»)' },
  async handler(ctx) {
    const q = ctx.query;
    const kinds = csv(q.kind);
    for (const k of kinds ?? []) if (!(['incoming', 'outgoing', 'internal', 'appeal', 'draft', 'service_application'] as string[]).includes(k)) throw new AppError('VALIDATION_FAILED', { ru: `Неизвестный вид документа: ${k}`, en: `Unknown kind: ${k}` });
    const facets = csv(q.facets) ?? [];
    for (const f of facets) if (!(FACET_NAMES as readonly string[]).includes(f)) throw new AppError('VALIDATION_FAILED', { ru: `Неизвестный фасет: ${f}`, en: `Unknown facet: ${f}` });
    const filters: SearchFilters = {
      ...(kinds ? { kind: kinds as SearchFilters['kind'] } : {}),
      ...(csv(q.status) ? { status: csv(q.status) } : {}),
      ...(q.from || q.to ? { regDate: { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) } } : {}),
      ...(q.journalId ? { journalId: q.journalId } : {}),
      ...(q.departmentId ? { departmentId: q.departmentId } : {}),
      ...(q.executorId ? { executorId: q.executorId } : {}),
      ...(q.correspondentId ? { correspondentId: q.correspondentId } : {}),
      ...(q.onControl !== undefined ? { onControl: q.onControl } : {}),
      ...(q.overdue !== undefined ? { overdue: q.overdue } : {}),
      ...(q.accessMark ? { accessMark: q.accessMark } : {}),
    };
    try {
      return await createPostgresSearch(ctx.app.knex).query({
        orgId: ctx.actor.orgId,
        viewer: { userId: ctx.actor.userId, seesRestricted: can(ctx.actor, 'cards.read_restricted') },
        ...(q.q ? { text: q.q } : {}),
        filters,
        facets: facets as FacetName[],
        ...(q.sort ? { sort: q.sort } : {}),
        page: { limit: q.limit ?? 20, ...(q.cursor ? { cursor: q.cursor } : {}) },
        today: today(),
        typing: q.typing ?? false,
      });
    } catch (error) {
      if (error instanceof SearchError) throw new AppError('VALIDATION_FAILED', { ru: `Некорректный поисковый запрос: ${error.message}`, en: error.message });
      throw error;
    }
  },
});

