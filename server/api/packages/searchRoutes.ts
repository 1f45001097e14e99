// Archive search (issue 6, item 9): the card search engine (`search/`) with the archive's criteria — fund
// (the organisation), inventory, case, years, kind, correspondent, text — over filed and archived documents.
// Criteria the index does not hold (inventory, case, correspondent by name) are resolved here to a set of cards
// and passed as the `cardIds` filter; tenancy and access marks stay the engine's (viewer, orgId).
import { Type } from '@sinclair/typebox';
import type { Knex } from 'knex';
import { defineRoute } from '../../http/route.ts';
import { AppError } from '../../http/problem.ts';
import { can } from '../../policies/index.ts';
import { today } from '../../records/today.ts';
import { createPostgresSearch, SearchError, type SearchFilters } from '../../../search/index.ts';
import { CARD_KINDS } from '../../models/Card.ts';
import { Uuid } from '../common.ts';

const ArchiveSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 500, description: 'текст: номера, слова, корреспондент' })),
    fund: Type.Optional(Uuid),
    inventoryId: Type.Optional(Uuid),
    caseId: Type.Optional(Uuid),
    caseIndex: Type.Optional(Type.String({ maxLength: 50 })),
    yearFrom: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
    yearTo: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
    kind: Type.Optional(Type.String({ description: 'через запятую: incoming,outgoing' })),
    correspondentId: Type.Optional(Uuid),
    correspondent: Type.Optional(Type.String({ maxLength: 200, description: 'наименование или ИНН корреспондента' })),
    archivedOnly: Type.Optional(Type.Boolean({ description: 'только переданные в архив (без «в деле»)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

interface Criteria {
  inventoryId?: string | undefined;
  caseId?: string | undefined;
  caseIndex?: string | undefined;
  correspondent?: string | undefined;
}

/** Cards matching the criteria the index does not know; undefined when none was given. */
async function cardIdsFor(db: Knex, orgId: string, c: Criteria): Promise<string[] | undefined> {
  if (!c.inventoryId && !c.caseId && !c.caseIndex && !c.correspondent) return undefined;
  const q = db('cards').where('cards.org_id', orgId);
  if (c.inventoryId) q.whereIn('cards.case_id', db('inventory_items').where({ org_id: orgId, inventory_id: c.inventoryId }).select('case_id'));
  if (c.caseId) q.where('cards.case_id', c.caseId);
  if (c.caseIndex) {
    const index = c.caseIndex;
    q.where((w) => w.where('cards.case_index', index).orWhereIn('cards.case_id', db('cases').where({ org_id: orgId, case_index: index }).select('id')));
  }
  if (c.correspondent) {
    const text = c.correspondent.trim();
    const like = `%${text.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    q.whereIn(
      'cards.correspondent_id',
      db('correspondents')
        .where({ org_id: orgId })
        .where((w) => w.whereILike('name', like).orWhereILike('full_name', like).orWhere('inn', text))
        .select('id'),
    );
  }
  return (await q.limit(100_000).pluck('cards.id')) as string[];
}

const PackageRef = Type.Union([Type.Object({ id: Uuid, status: Type.String(), currentVersion: Type.Integer() }), Type.Null()]);

defineRoute({
  operationId: 'archiveSearch',
  method: 'get',
  path: '/api/archive/search',
  summary: 'Поиск по архиву: фонд, опись, индекс дела, годы, вид, корреспондент, текст / archive search',
  tags: ['archive'],
  access: 'authenticated',
  permission: 'archive.manage',
  query: ArchiveSearchQuery,
  success: {
    status: 200,
    description: 'Найденные документы с их архивными пакетами',
    schema: Type.Object({
      items: Type.Array(
        Type.Object({
          id: Uuid,
          kind: Type.String(),
          status: Type.String(),
          regNumber: Type.Union([Type.String(), Type.Null()]),
          regDate: Type.Union([Type.String(), Type.Null()]),
          correspondentName: Type.Union([Type.String(), Type.Null()]),
          summary: Type.String(),
          highlights: Type.Unknown(),
          package: PackageRef,
        }),
      ),
      total: Type.Unknown(),
      facets: Type.Unknown(),
      nextCursor: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  async handler(ctx) {
    const q = ctx.query;
    const orgId = ctx.actor.orgId;
    const kinds = q.kind ? q.kind.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    for (const k of kinds ?? []) if (!(CARD_KINDS as readonly string[]).includes(k)) throw new AppError('VALIDATION_FAILED', { ru: `Неизвестный вид документа: ${k}`, en: `Unknown kind: ${k}` });
    // The fund is the organisation: another fund is simply not in this archive.
    const cardIds = q.fund && q.fund !== orgId ? [] : await cardIdsFor(ctx.app.knex, orgId, q);
    const filters: SearchFilters = {
      status: q.archivedOnly ? ['archived'] : ['filed', 'archived'],
      ...(kinds ? { kind: kinds as SearchFilters['kind'] } : {}),
      ...(q.yearFrom || q.yearTo ? { regDate: { ...(q.yearFrom ? { from: `${q.yearFrom}-01-01` } : {}), ...(q.yearTo ? { to: `${q.yearTo}-12-31` } : {}) } } : {}),
      ...(q.correspondentId ? { correspondentId: q.correspondentId } : {}),
      ...(cardIds ? { cardIds } : {}),
    };
    let result;
    try {
      result = await createPostgresSearch(ctx.app.knex).query({
        orgId,
        viewer: { userId: ctx.actor.userId, seesRestricted: can(ctx.actor, 'cards.read_restricted') },
        ...(q.q ? { text: q.q } : {}),
        filters,
        facets: ['kind', 'year'],
        sort: q.q ? 'relevance' : 'regDate:desc',
        page: { limit: q.limit ?? 20, ...(q.cursor ? { cursor: q.cursor } : {}) },
        today: today(),
        typing: false,
      });
    } catch (error) {
      if (error instanceof SearchError) throw new AppError('VALIDATION_FAILED', { ru: `Некорректный поисковый запрос: ${error.message}`, en: error.message });
      throw error;
    }
    const ids = result.hits.map((h) => h.id);
    const packages = ids.length
      ? ((await ctx.scope.table('archive_packages').where({ object_type: 'card' }).whereIn('object_id', ids).select('id', 'object_id', 'status', 'current_version')) as { id: string; object_id: string; status: string; current_version: number }[])
      : [];
    const byCard = new Map(packages.map((p) => [p.object_id, { id: p.id, status: p.status, currentVersion: p.current_version }]));
    return {
      items: result.hits.map((h) => ({
        id: h.id,
        kind: h.kind,
        status: h.status,
        regNumber: h.regNumber,
        regDate: h.regDate,
        correspondentName: h.correspondentName,
        summary: h.summary,
        highlights: h.highlights,
        package: byCard.get(h.id) ?? null,
      })),
      total: result.total,
      facets: result.facets,
      nextCursor: result.nextCursor,
    };
  },
});
