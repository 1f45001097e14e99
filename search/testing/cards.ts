// For tests: a complete SearchDocument with neutral defaults, so that each test states only what it is about.
import { randomUUID } from 'node:crypto';
import type { SearchDocument } from '../types.ts';

export function card(orgId: string, fields: Partial<SearchDocument> = {}): SearchDocument {
  return {
    orgId,
    id: randomUUID(),
    kind: 'incoming',
    status: 'registered',
    journalId: null,
    regNumber: null,
    regDate: '2026-03-02',
    outNumber: null,
    outDate: null,
    inns: [],
    correspondentId: null,
    correspondentName: null,
    summary: '',
    body: '',
    extractedText: '',
    departmentIds: [],
    executorIds: [],
    controllerIds: [],
    onControl: false,
    deadline: null,
    doneAt: null,
    accessMark: null,
    readerIds: [],
    createdAt: new Date('2026-03-02T09:00:00Z'),
    ...fields,
  };
}
