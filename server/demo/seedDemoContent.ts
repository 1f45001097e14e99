// The demo organisation's documents, played through the system's own commands as its users would have done it
// over the last weeks: every row has its audit entries, its search-index job and its files' processing jobs, exactly
// as if typed in. Each step runs as of its day (records/today.ts `asOfDay`), so registration dates, reports and
// deadlines lie around the real today; the audit entries carry the real time of seeding.
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../services.ts';
import type { Actor } from '../http/actor.ts';
import { runWrite, type WriteUnit } from '../http/route.ts';
import { authorize, type Permission } from '../policies/index.ts';
import type { Role } from '../models/User.ts';
import { Card } from '../models/Card.ts';
import { Assignment } from '../models/Assignment.ts';
import { TenantScope } from '../tenancy/scope.ts';
import { asOfDay, today } from '../records/today.ts';
import { loadCalendar } from '../records/calendar/loadCalendar.ts';
import { addCalendarDays, addDays, addWorkingDays, isWorkingDay, nextWorkingDay, type Calendar } from '../records/calendar/workingDays.ts';
import { createCorrespondent } from '../commands/saveCorrespondent.ts';
import { createPosition, createStaff } from '../commands/manageStaff.ts';
import { createCard } from '../commands/cards/createCard.ts';
import { findJournal } from '../commands/cards/registerCard.ts';
import { prepareRegistration, registerPrepared, type AfterRegistration } from '../commands/cards/registerNewCards.ts';
import type { CardInput } from '../commands/cards/cardInput.ts';
import { issueResolution, type AssignmentInput } from '../commands/assignments/issueResolution.ts';
import { acceptAssignment, reportAssignment, returnAssignment } from '../commands/assignments/workOnAssignment.ts';
import { recordAppealResult } from '../commands/appeals/recordAppealResult.ts';
import { createApprovalRoute } from '../commands/approvals/buildApprovalRoute.ts';
import { decideApproval, startApprovalRoute } from '../commands/approvals/runApprovalRoute.ts';
import { copyNomenclatureYear, createNomenclatureItem } from '../commands/archive/saveNomenclatureItem.ts';
import { closeCase, openCase, openYearCases } from '../commands/archive/manageCases.ts';
import { fileCardInCase } from '../commands/archive/fileCardInCase.ts';
import { archiveCard } from '../archive/packages/archiveCard.ts';
import { archiveStore } from '../archive/packages/archiveConfig.ts';
import { recordUploadedFile } from '../files/recordUploadedFile.ts';
import { enqueueCardSignatureChecks } from '../signatures/signatureJobs.ts';
import { demoDepartments } from './demoOrganisation.ts';
import {
  demoArchivedAppeals,
  demoCards,
  demoCorrespondents,
  demoLastYearCase,
  demoNomenclature,
  demoStaff,
  type DemoAssignment,
  type DemoCard,
  type DemoEvent,
  type DemoFile,
  type Who,
} from './demoContent.ts';

export interface DemoContentSummary {
  cards: number;
  files: number;
  ms: number;
  /** CPU of this process meanwhile (PGlite runs in it): the measure that does not depend on other work on the machine */
  cpuMs: number;
}

interface Context {
  app: AppServices;
  orgId: string;
  calendar: Calendar;
  today: string;
  actors: Map<string, Actor>;
  staff: Map<string, string>;
  departments: Map<string, string>;
  correspondents: Map<string, string>;
  cards: Map<string, string>;
  assignments: Map<string, string>;
  routes: Map<string, string>;
  files: number;
}

function previousWorkingDay(calendar: Calendar, day: string): string {
  let d = addDays(day, -1);
  for (let i = 0; i < 60 && !isWorkingDay(calendar, d); i += 1) d = addDays(d, -1);
  return d;
}

/** `n` working days before today (0: today itself). */
function daysAgo(ctx: Context, n: number): string {
  let d = ctx.today;
  for (let i = 0; i < n; i += 1) d = previousWorkingDay(ctx.calendar, d);
  return d;
}

/** A deadline `n` working days from today; negative: that many working days ago. */
function dueIn(ctx: Context, n: number): string {
  return n >= 0 ? addWorkingDays(ctx.calendar, ctx.today, n) : daysAgo(ctx, -n);
}

function actor(ctx: Context, login: Role): Actor {
  const found = ctx.actors.get(login);
  if (!found) throw new Error(`demo user ${login} is missing`);
  return found;
}

function staffOf(ctx: Context, who: Who): string {
  const id = ctx.actors.get(who)?.staffId ?? ctx.staff.get(who);
  if (!id) throw new Error(`demo staff ${who} is missing`);
  return id;
}

function idOf(map: Map<string, string>, key: string, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`demo ${what} ${key} is missing`);
  return id;
}

/** Runs a command as a demo user, with the permission its route demands. */
function as<T>(ctx: Context, login: Role, permission: Permission, work: (unit: WriteUnit, who: Actor) => Promise<T>): Promise<T> {
  const who = actor(ctx, login);
  authorize(who, permission);
  return runWrite(ctx.app, who, randomUUID(), (unit) => work(unit, who));
}

async function loadActors(app: AppServices, orgId: string): Promise<Map<string, Actor>> {
  const rows = (await app.knex('users').where({ org_id: orgId, disabled: false }).select('id', 'login', 'full_name', 'staff_id', 'roles')) as {
    id: string;
    login: string;
    full_name: string;
    staff_id: string | null;
    roles: Role[];
  }[];
  return new Map(
    rows.map((u) => [u.login, { userId: u.id, orgId, login: u.login, fullName: u.full_name, staffId: u.staff_id, roles: u.roles, via: 'session', sessionId: null, tokenId: null, csrfToken: null }]),
  );
}

/** A document's file, made as PDF/A with a text layer by the archive library and uploaded by the clerk. */
async function uploadDocument(ctx: Context, file: DemoFile, day: string): Promise<string> {
  const { generateDocument } = await import('../../archive/index.ts');
  const paragraphs = file.paragraphs.map((text, i) => (i === 0 ? { text, bold: true } : { text }));
  const pdf = await generateDocument({ title: file.title, author: 'Администрация городского округа Заречный', created: `${day}T09:00:00+03:00`, documentId: `demo-${randomUUID()}` }, paragraphs);
  const blob = await ctx.app.blobs.put(pdf);
  const stored = await as(ctx, 'clerk', 'files.upload', (unit, who) => recordUploadedFile(unit, { ...blob, name: file.name }, who.userId));
  ctx.files += 1;
  return stored.id;
}

function cardDeadline(ctx: Context, card: DemoCard): Pick<CardInput, 'deadline' | 'deadlineIn'> {
  if (card.kind === 'appeal') return { deadlineIn: { days: 30, type: 'calendar' } };
  const term = card.fields?.termWorkingDays;
  if (card.kind === 'service_application' && typeof term === 'number') return { deadlineIn: { days: term, type: 'working' } };
  return card.due === undefined ? {} : { deadline: dueIn(ctx, card.due) };
}

function cardInput(ctx: Context, card: DemoCard, fileIds: string[]): CardInput {
  const addressee = card.addressee ? staffOf(ctx, card.addressee) : null;
  return {
    kind: card.kind,
    summary: card.summary,
    correspondentId: card.correspondent ? idOf(ctx.correspondents, card.correspondent, 'correspondent') : null,
    outNumber: card.outNumber ?? null,
    outDate: card.outDay === undefined ? null : daysAgo(ctx, card.outDay),
    signer: card.signer ?? null,
    addressee: addressee ? (ctx.actors.get(card.addressee as string)?.fullName ?? null) : null,
    addresseeStaffId: addressee,
    deliveryMethod: card.deliveryMethod ?? null,
    sheets: card.sheets ?? null,
    departmentId: card.department ? idOf(ctx.departments, card.department, 'department') : null,
    onControl: card.onControl ?? false,
    fields: card.fields ?? {},
    links: card.inReplyTo ? [{ type: 'in_reply_to', cardId: idOf(ctx.cards, card.inReplyTo, 'card') }] : [],
    fileIds,
    ...cardDeadline(ctx, card),
  };
}

/** The clerk's «зарегистрировать»: the same preparation and group commit as POST /api/cards with register=true. */
async function register(ctx: Context, input: CardInput): Promise<Card> {
  const clerk = actor(ctx, 'clerk');
  authorize(clerk, 'cards.register');
  const scope = new TenantScope(ctx.orgId, ctx.app.knex);
  const journal = await findJournal(scope, input.kind, undefined);
  const after: AfterRegistration[] = input.fileIds?.length ? [(trx, card) => enqueueCardSignatureChecks(trx, card.orgId, card.id).then(() => undefined)] : [];
  const prepared = await prepareRegistration(scope, clerk, randomUUID(), input, journal, after);
  return registerPrepared(ctx.app, prepared);
}

function assignmentInputs(ctx: Context, list: DemoAssignment[]): AssignmentInput[] {
  return list.map((a) => ({
    executorStaffId: staffOf(ctx, a.executor),
    coExecutorStaffIds: (a.coExecutors ?? []).map((c) => staffOf(ctx, c)),
    ...(a.text ? { text: a.text } : {}),
    deadline: dueIn(ctx, a.due),
    onControl: a.onControl ?? false,
  }));
}

function remember(ctx: Context, list: DemoAssignment[], created: Assignment[]): void {
  list.forEach((a, i) => {
    const row = created[i];
    if (a.key && row) ctx.assignments.set(a.key, row.id);
  });
}

async function play(ctx: Context, cardKey: string, event: DemoEvent): Promise<void> {
  const cardId = idOf(ctx.cards, cardKey, 'card');
  switch (event.type) {
    case 'resolution': {
      const { assignments } = await as(ctx, event.by, 'resolutions.write', (unit, who) =>
        issueResolution(unit, who, cardId, { text: event.text, assignments: assignmentInputs(ctx, event.assignments) }),
      );
      remember(ctx, event.assignments, assignments);
      return;
    }
    case 'subassign': {
      const parentId = idOf(ctx.assignments, event.parent, 'assignment');
      const { assignments } = await as(ctx, event.by, 'assignments.work', async (unit, who) =>
        issueResolution(unit, who, cardId, { text: event.text, assignments: assignmentInputs(ctx, event.assignments) }, await unit.scope.findOr404(Assignment, parentId)),
      );
      remember(ctx, event.assignments, assignments);
      return;
    }
    case 'report': {
      const id = idOf(ctx.assignments, event.assignment, 'assignment');
      await as(ctx, event.by, 'assignments.work', (unit, who) => reportAssignment(unit, who, id, { text: event.text }));
      return;
    }
    case 'accept': {
      const id = idOf(ctx.assignments, event.assignment, 'assignment');
      await as(ctx, event.by, 'assignments.work', (unit, who) => acceptAssignment(unit, who, id, event.comment));
      return;
    }
    case 'return': {
      const id = idOf(ctx.assignments, event.assignment, 'assignment');
      await as(ctx, event.by, 'assignments.work', (unit, who) => returnAssignment(unit, who, id, event.reason));
      return;
    }
    case 'appealResult':
      await as(ctx, event.by, 'appeals.consider', async (unit, who) =>
        recordAppealResult(unit, who, cardId, (await unit.scope.findOr404(Card, cardId)).version, { result: event.result, comment: event.comment }),
      );
      return;
    case 'route': {
      const stages = event.stages.map((s) => ({ approverStaffIds: s.approvers.map((a) => staffOf(ctx, a)), deadlineDays: s.deadlineDays }));
      const route = await as(ctx, event.by, 'approvals.manage', (unit, who) => createApprovalRoute(unit, who, cardId, stages));
      await as(ctx, event.by, 'approvals.manage', (unit, who) => startApprovalRoute(unit, who, route.id, route.version));
      ctx.routes.set(cardKey, route.id);
      return;
    }
    case 'visa': {
      const routeId = idOf(ctx.routes, cardKey, 'approval route');
      await as(ctx, event.by, 'approvals.decide', (unit, who) =>
        decideApproval(unit, who, ctx.app.blobs, routeId, { decision: event.decision, ...(event.comment ? { comment: event.comment } : {}) }),
      );
      return;
    }
    case 'file':
      await as(ctx, event.by, 'cards.file', async (unit) => fileCardInCase(unit, cardId, (await unit.scope.findOr404(Card, cardId)).version, { caseIndex: event.caseIndex }));
      return;
  }
}

async function seedPeople(ctx: Context): Promise<void> {
  await as(ctx, 'admin', 'org.manage', async (unit) => {
    for (const s of demoStaff) {
      const departmentId = idOf(ctx.departments, s.department, 'department');
      const position = await createPosition(unit, { title: s.position, departmentId });
      const person = await createStaff(unit, { lastName: s.lastName, firstName: s.firstName, middleName: s.middleName, departmentId, positionId: position.id });
      ctx.staff.set(s.key, person.id);
    }
  });
  await as(ctx, 'clerk', 'correspondents.manage', async (unit) => {
    for (const { key, ...input } of demoCorrespondents) ctx.correspondents.set(key, (await createCorrespondent(unit, input)).correspondent.id);
  });
}

/** Last year's nomenclature and appeals: answered, filed, the case closed at the year's end and given to the archive. */
async function seedLastYear(ctx: Context): Promise<void> {
  const year = Number(ctx.today.slice(0, 4)) - 1;
  const january = nextWorkingDay(ctx.calendar, `${year}-01-09`);
  const caseId = await asOfDay(january, async () => {
    let item: string | null = null;
    await as(ctx, 'archivist', 'archive.manage', async (unit) => {
      for (const { department, ...line } of demoNomenclature) {
        const created = await createNomenclatureItem(unit, { ...line, year, departmentId: idOf(ctx.departments, department, 'department') });
        if (line.caseIndex === demoLastYearCase) item = created.id;
      }
    });
    if (!item) throw new Error(`demo nomenclature has no ${demoLastYearCase}`);
    const itemId: string = item;
    return (await as(ctx, 'archivist', 'archive.cases', (unit) => openCase(unit, itemId))).id;
  });
  const cardIds: string[] = [];
  for (const appeal of demoArchivedAppeals) {
    const registered = nextWorkingDay(ctx.calendar, `${year}-${appeal.registered}`);
    const reported = nextWorkingDay(ctx.calendar, `${year}-${appeal.reported}`);
    const key = `last-year-${appeal.correspondent}`;
    await asOfDay(registered, async () => {
      const fileIds = appeal.file ? [await uploadDocument(ctx, appeal.file, registered)] : [];
      const card = await register(ctx, {
        kind: 'appeal',
        summary: appeal.summary,
        correspondentId: idOf(ctx.correspondents, appeal.correspondent, 'correspondent'),
        addressee: actor(ctx, 'manager').fullName,
        addresseeStaffId: staffOf(ctx, 'manager'),
        deliveryMethod: 'почта',
        sheets: 1,
        deadlineIn: { days: 30, type: 'calendar' },
        onControl: true,
        fields: { form: 'письменное', appealType: 'заявление' },
        fileIds,
      });
      ctx.cards.set(key, card.id);
      cardIds.push(card.id);
      // Answered well within the 30 days of 59-FZ: the manager gives the executor 25.
      const deadline = addCalendarDays(ctx.calendar, registered, 25);
      const { assignments } = await as(ctx, 'manager', 'resolutions.write', (unit, who) =>
        issueResolution(unit, who, card.id, { text: 'Кузнецовой О. В.: рассмотреть, ответить заявителю', assignments: [{ executorStaffId: staffOf(ctx, 'executor'), deadline, onControl: true }] }),
      );
      ctx.assignments.set(key, assignments[0]?.id ?? '');
    }, '10:00');
    await asOfDay(reported, async () => {
      await play(ctx, key, { type: 'report', day: 0, by: 'executor', assignment: key, text: appeal.report });
      await play(ctx, key, { type: 'accept', day: 0, by: 'manager', assignment: key });
      await play(ctx, key, { type: 'appealResult', day: 0, by: 'clerk', result: appeal.result, comment: appeal.report });
      await play(ctx, key, { type: 'file', day: 0, by: 'clerk', caseIndex: demoLastYearCase });
    }, '15:00');
  }
  await as(ctx, 'archivist', 'archive.cases', (unit) => closeCase(unit, caseId, `${year}-12-31`));
  const store = await archiveStore();
  for (const id of cardIds) {
    await as(ctx, 'archivist', 'archive.manage', async (unit) => archiveCard(unit, id, (await unit.scope.findOr404(Card, id)).version, store.kind));
  }
}

async function seedThisYear(ctx: Context): Promise<void> {
  const year = Number(ctx.today.slice(0, 4));
  const january = nextWorkingDay(ctx.calendar, `${year}-01-09`);
  await asOfDay(january < ctx.today ? january : ctx.today, async () => {
    await as(ctx, 'archivist', 'archive.manage', (unit) => copyNomenclatureYear(unit, year - 1, year));
    await as(ctx, 'archivist', 'archive.cases', (unit) => openYearCases(unit, year));
  });

  // Everything that happened, oldest first, so that registration numbers follow the dates.
  const steps: { day: number; run: () => Promise<void> }[] = [];
  for (const card of demoCards) {
    if (card.day === null) continue;
    const day = card.day;
    steps.push({
      day,
      run: async () => {
        const fileIds = card.file ? [await uploadDocument(ctx, card.file, daysAgo(ctx, day))] : [];
        ctx.cards.set(card.key, (await register(ctx, cardInput(ctx, card, fileIds))).id);
      },
    });
    for (const event of card.events ?? []) steps.push({ day: event.day, run: () => play(ctx, card.key, event) });
  }
  steps.sort((a, b) => b.day - a.day);
  // A working day of the office: the steps of one day twenty minutes apart from nine o'clock.
  const perDay = new Map<number, number>();
  for (const step of steps) {
    const k = perDay.get(step.day) ?? 0;
    perDay.set(step.day, k + 1);
    const minutes = 9 * 60 + 20 * k;
    await asOfDay(daysAgo(ctx, step.day), step.run, `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  }

  for (const card of demoCards.filter((c) => c.day === null)) {
    const created = await as(ctx, 'clerk', 'cards.register', (unit, who) => createCard(unit, who, cardInput(ctx, card, [])));
    ctx.cards.set(card.key, created.id);
  }
}

/** Seeds the demo content into the freshly created demo organisation `orgId`; see the top of the file. */
export async function seedDemoContent(app: AppServices, orgId: string): Promise<DemoContentSummary> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const departments = (await app.knex('departments').where({ org_id: orgId }).select('id', 'code')) as { id: string; code: string }[];
  const ctx: Context = {
    app,
    orgId,
    calendar: await loadCalendar(app.knex),
    today: today(),
    actors: await loadActors(app, orgId),
    staff: new Map(),
    departments: new Map(departments.filter((d) => demoDepartments.some((x) => x.code === d.code)).map((d) => [d.code, d.id])),
    correspondents: new Map(),
    cards: new Map(),
    assignments: new Map(),
    routes: new Map(),
    files: 0,
  };
  await seedPeople(ctx);
  await seedLastYear(ctx);
  await seedThisYear(ctx);
  const used = process.cpuUsage(cpu);
  return { cards: ctx.cards.size, files: ctx.files, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) };
}
