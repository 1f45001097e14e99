import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpClient } from './http.ts';
import { createArchiveApi, inventoryTransferUrl, type ArchiveCase, type DestructionAct, type Inventory } from './archiveEndpoints.ts';
import { startRecordingServer, type RecordingServer } from './recordingServer.ts';

// Over a real local HTTP server: paths, If-Match on versioned writes, bodies and queries of the archive routes.
let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer((_request, url, json) => {
    if (url.pathname === '/api/cases' || url.pathname === '/api/nomenclature' || url.pathname.endsWith('/fileable')) return json(200, { items: [] });
    return json(200, { id: 'x', version: 2, cases: [] });
  });
});
afterAll(() => server.close());

const api = () => createArchiveApi(new HttpClient({ baseUrl: server.baseUrl, cookies: () => 'kt_csrf=t' }));
const last = () => server.seen.at(-1);

describe('archive API client', () => {
  test('closing a case and approving an inventory send If-Match with the version read', async () => {
    await api().cases.close({ id: 'c1', version: 5 } as ArchiveCase);
    expect(last()).toMatchObject({ method: 'POST', url: '/api/cases/c1/close', ifMatch: '"v5"', csrf: 't' });
    await api().inventories.approve({ id: 'i1', version: 2 } as Inventory);
    expect(last()).toMatchObject({ url: '/api/inventories/i1/approve', ifMatch: '"v2"' });
  });

  test('the ЭПК step: submission and the decision carry the version; the decision its protocol', async () => {
    await api().inventories.submitForReview({ id: 'i1', version: 3 } as Inventory);
    expect(last()).toMatchObject({ method: 'POST', url: '/api/inventories/i1/expert-review', ifMatch: '"v3"' });
    const decision = { decision: 'returned' as const, protocolNumber: '4', protocolDate: '2026-11-20', remarks: 'Уточнить даты' };
    await api().destruction.recordReview({ id: 'a1', version: 6 } as DestructionAct, decision);
    expect(last()).toMatchObject({ url: '/api/destruction-acts/a1/expert-review/decision', ifMatch: '"v6"' });
    expect(JSON.parse(last()?.body.toString('utf8') ?? '{}')).toEqual(decision);
  });

  test('the archive commission’s step and the case numbers carry the version; the commission is named when given', async () => {
    await api().inventories.submitToArchive({ id: 'i1', version: 4 } as Inventory, '  ЭПК архивного отдела ');
    expect(last()).toMatchObject({ method: 'POST', url: '/api/inventories/i1/archive-review', ifMatch: '"v4"' });
    expect(JSON.parse(last()?.body.toString('utf8') ?? '{}')).toEqual({ commission: 'ЭПК архивного отдела' });
    await api().inventories.submitToArchive({ id: 'i1', version: 4 } as Inventory, ' ');
    expect(JSON.parse(last()?.body.toString('utf8') ?? '{}')).toEqual({});
    await api().inventories.recordArchiveReview({ id: 'i1', version: 5 } as Inventory, { decision: 'agreed', protocolNumber: 'А-2', protocolDate: '2026-11-21' });
    expect(last()).toMatchObject({ url: '/api/inventories/i1/archive-review/decision', ifMatch: '"v5"' });
    await api().inventories.update({ id: 'i1', version: 6 } as Inventory, { caseNumbers: [{ caseId: 'c1', number: '12а' }] });
    expect(last()).toMatchObject({ method: 'PATCH', url: '/api/inventories/i1', ifMatch: '"v6"' });
    expect(JSON.parse(last()?.body.toString('utf8') ?? '{}')).toEqual({ caseNumbers: [{ caseId: 'c1', number: '12а' }] });
  });

  test('filing names the case and carries the card’s version', async () => {
    await api().cases.file('c1', { id: 'k1', version: 7, regNumber: 'Вх-1/2026', regDate: null, summary: '' });
    expect(last()).toMatchObject({ url: '/api/cards/k1/file-in-case', ifMatch: '"v7"' });
    expect(JSON.parse(last()?.body.toString('utf8') ?? '{}')).toEqual({ caseId: 'c1' });
  });

  test('queries leave empty values out; the transfer address carries the archive name', async () => {
    await api().cases.fileable('c1', '  ');
    expect(last()?.url).toBe('/api/cases/c1/fileable');
    await api().cases.list({ year: 2026, status: 'closed' });
    expect(new URL(last()?.url ?? '', server.baseUrl).searchParams.toString()).toBe('year=2026&status=closed');
    expect(inventoryTransferUrl('i1', ' Архивный отдел ')).toBe(`/api/inventories/i1/transfer?archive=${encodeURIComponent('Архивный отдел').replace(/%20/g, '+')}`);
    expect(inventoryTransferUrl('i1')).toBe('/api/inventories/i1/transfer');
  });
});
