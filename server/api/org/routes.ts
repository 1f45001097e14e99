import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { decodeCursor, pageOf, PageSchema } from '../../http/pagination.ts';
import { notFound } from '../../http/problem.ts';
import { IdParams } from '../common.ts';
import { CreateDepartmentBody, CreatePositionBody, CreateStaffBody, StaffQuery, UpdateDepartmentBody, UpdateOrganisationBody } from './schema.ts';
import { Organisation } from '../../models/Organisation.ts';
import { Department } from '../../models/Department.ts';
import { Position } from '../../models/Position.ts';
import { Staff } from '../../models/Staff.ts';
import { Journal } from '../../models/Journal.ts';
import {
  DepartmentSchema,
  JournalSchema,
  OrganisationSchema,
  PositionSchema,
  StaffSchema,
  presentDepartment,
  presentJournal,
  presentOrganisation,
  presentPosition,
  presentStaff,
} from '../../presenters/orgPresenters.ts';
import { createDepartment, updateDepartment } from '../../commands/manageDepartments.ts';
import { updateOrganisationSettings } from '../../commands/updateOrganisationSettings.ts';
import { createPosition, createStaff } from '../../commands/manageStaff.ts';
import { createJournal, updateJournal, type JournalInput } from '../../commands/saveJournal.ts';

const List = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Object({ items: Type.Array(t) });

defineRoute({
  operationId: 'getOrganisation',
  method: 'get',
  path: '/api/org',
  summary: 'Своя организация / the caller’s organisation',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.read',
  success: { status: 200, description: 'Организация', schema: OrganisationSchema },
  async handler(ctx) {
    const org = await Organisation.query(ctx.app.knex).findById(ctx.actor.orgId);
    if (!org) throw notFound();
    ctx.setVersion(org.version);
    return presentOrganisation(org);
  },
});

defineRoute({
  operationId: 'updateOrganisation',
  method: 'patch',
  path: '/api/org',
  summary: 'Настройки своей организации (If-Match) / the caller’s organisation’s settings',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.manage',
  body: UpdateOrganisationBody,
  success: { status: 200, description: 'Изменено', schema: OrganisationSchema },
  async handler(ctx) {
    const version = ctx.ifMatch();
    const org = await ctx.write((unit) => updateOrganisationSettings(unit, version, ctx.body));
    ctx.setVersion(org.version);
    return presentOrganisation(org);
  },
});

defineRoute({
  operationId: 'listDepartments',
  method: 'get',
  path: '/api/departments',
  summary: 'Подразделения (всё дерево плоским списком) / departments, the whole tree flat',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.read',
  success: { status: 200, description: 'Подразделения', schema: List(DepartmentSchema) },
  async handler(ctx) {
    const rows = await ctx.scope.query(Department).orderBy('code');
    return { items: rows.map(presentDepartment) };
  },
});

defineRoute({
  operationId: 'getDepartment',
  method: 'get',
  path: '/api/departments/:id',
  summary: 'Подразделение / a department',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.read',
  resource: 'department',
  params: IdParams,
  success: { status: 200, description: 'Подразделение', schema: DepartmentSchema },
  async handler(ctx) {
    const dept = await ctx.scope.findOr404(Department, ctx.params.id);
    ctx.setVersion(dept.version);
    return presentDepartment(dept);
  },
});

defineRoute({
  operationId: 'createDepartment',
  method: 'post',
  path: '/api/departments',
  summary: 'Создать подразделение / create a department',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.manage',
  body: CreateDepartmentBody,
  success: { status: 201, description: 'Создано', schema: DepartmentSchema },
  async handler(ctx) {
    const dept = await ctx.write((unit) => createDepartment(unit, ctx.body));
    ctx.setVersion(dept.version);
    return presentDepartment(dept);
  },
});

defineRoute({
  operationId: 'updateDepartment',
  method: 'patch',
  path: '/api/departments/:id',
  summary: 'Изменить подразделение (If-Match) / update a department',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.manage',
  resource: 'department',
  params: IdParams,
  body: UpdateDepartmentBody,
  success: { status: 200, description: 'Изменено', schema: DepartmentSchema },
  async handler(ctx) {
    const version = ctx.ifMatch();
    const dept = await ctx.write((unit) => updateDepartment(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(dept.version);
    return presentDepartment(dept);
  },
});

defineRoute({
  operationId: 'listPositions',
  method: 'get',
  path: '/api/positions',
  summary: 'Должности / positions',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.read',
  success: { status: 200, description: 'Должности', schema: List(PositionSchema) },
  async handler(ctx) {
    const rows = await ctx.scope.query(Position).orderBy('title');
    return { items: rows.map(presentPosition) };
  },
});

defineRoute({
  operationId: 'createPosition',
  method: 'post',
  path: '/api/positions',
  summary: 'Создать должность / create a position',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.manage',
  body: CreatePositionBody,
  success: { status: 201, description: 'Создана', schema: PositionSchema },
  async handler(ctx) {
    return presentPosition(await ctx.write((unit) => createPosition(unit, ctx.body)));
  },
});

defineRoute({
  operationId: 'listStaff',
  method: 'get',
  path: '/api/staff',
  summary: 'Сотрудники: поиск по фрагменту ФИО на сервере / staff, searched on the server',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.read',
  query: StaffQuery,
  success: { status: 200, description: 'Страница сотрудников', schema: PageSchema(StaffSchema) },
  async handler(ctx) {
    const limit = ctx.query.limit ?? 20;
    const after = decodeCursor(ctx.query.cursor, 2);
    const q = ctx.query.q?.trim();
    const rows = await ctx.scope
      .query(Staff)
      .modify((b) => {
        if (q) b.whereRaw("(last_name || ' ' || first_name || ' ' || coalesce(middle_name, '')) ILIKE ?", [`%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`]);
        if (ctx.query.departmentId) b.where('department_id', ctx.query.departmentId);
        if (after) b.whereRaw('(last_name, id::text) > (?, ?)', after);
      })
      .orderByRaw('last_name, id::text')
      .limit(limit + 1);
    return pageOf(rows, limit, (s) => [s.lastName, s.id], presentStaff);
  },
});

defineRoute({
  operationId: 'getStaff',
  method: 'get',
  path: '/api/staff/:id',
  summary: 'Сотрудник / a staff member',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.read',
  resource: 'staff',
  params: IdParams,
  success: { status: 200, description: 'Сотрудник', schema: StaffSchema },
  async handler(ctx) {
    const staff = await ctx.scope.findOr404(Staff, ctx.params.id);
    ctx.setVersion(staff.version);
    return presentStaff(staff);
  },
});

defineRoute({
  operationId: 'createStaff',
  method: 'post',
  path: '/api/staff',
  summary: 'Добавить сотрудника / add a staff member',
  tags: ['org'],
  access: 'authenticated',
  permission: 'org.manage',
  body: CreateStaffBody,
  success: { status: 201, description: 'Добавлен', schema: StaffSchema },
  async handler(ctx) {
    return presentStaff(await ctx.write((unit) => createStaff(unit, ctx.body)));
  },
});

defineRoute({
  operationId: 'listJournals',
  method: 'get',
  path: '/api/journals',
  summary: 'Журналы регистрации / registration journals',
  tags: ['journals'],
  access: 'authenticated',
  permission: 'journals.read',
  success: { status: 200, description: 'Журналы', schema: List(JournalSchema) },
  async handler(ctx) {
    const rows = await ctx.scope.query(Journal).orderBy(['kind', 'name']);
    return { items: rows.map(presentJournal) };
  },
});

defineRoute({
  operationId: 'getJournal',
  method: 'get',
  path: '/api/journals/:id',
  summary: 'Журнал регистрации / a registration journal',
  tags: ['journals'],
  access: 'authenticated',
  permission: 'journals.read',
  resource: 'journal',
  params: IdParams,
  success: { status: 200, description: 'Журнал', schema: JournalSchema },
  async handler(ctx) {
    const journal = await ctx.scope.findOr404(Journal, ctx.params.id);
    ctx.setVersion(journal.version);
    return presentJournal(journal);
  },
});

const JournalBody = Type.Object(
  {
    kind: Type.Union(['incoming', 'outgoing', 'internal', 'appeal', 'draft', 'service_application'].map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    prefix: Type.String({ maxLength: 30 }),
    numberTemplate: Type.String({ minLength: 1, maxLength: 100, description: '{prefix} {seq} {seq:4} {year} {year:2} {dept} {case}' }),
    resetYearly: Type.Optional(Type.Boolean()),
    departmentId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);

defineRoute({
  operationId: 'createJournal',
  method: 'post',
  path: '/api/journals',
  summary: 'Создать журнал регистрации / create a registration journal',
  tags: ['journals'],
  access: 'authenticated',
  permission: 'journals.manage',
  body: JournalBody,
  success: { status: 201, description: 'Журнал', schema: JournalSchema },
  errors: ['NUMBER_TEMPLATE_INVALID'],
  async handler(ctx) {
    const journal = await ctx.write((unit) => createJournal(unit, ctx.body as JournalInput));
    ctx.setVersion(journal.version);
    return presentJournal(journal);
  },
});

defineRoute({
  operationId: 'updateJournal',
  method: 'patch',
  path: '/api/journals/:id',
  summary: 'Изменить журнал регистрации (If-Match) / update a journal',
  tags: ['journals'],
  access: 'authenticated',
  permission: 'journals.manage',
  resource: 'journal',
  params: IdParams,
  body: Type.Object(
    {
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
      prefix: Type.Optional(Type.String({ maxLength: 30 })),
      numberTemplate: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      resetYearly: Type.Optional(Type.Boolean()),
      active: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  success: { status: 200, description: 'Журнал', schema: JournalSchema },
  async handler(ctx) {
    const version = ctx.ifMatch();
    const journal = await ctx.write((unit) => updateJournal(unit, ctx.params.id, version, ctx.body));
    ctx.setVersion(journal.version);
    return presentJournal(journal);
  },
});
