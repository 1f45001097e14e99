import { describe, expect, it } from 'vitest';
import { checkPdfa } from '../../archive/index.ts';
import { extractText } from '../files/extractText.ts';
import type { ApprovalRouteView, ApprovalVisaView } from '../presenters/approvalPresenter.ts';
import { approvalSheetPdf, sheetTime, visaName } from './approvalSheet.ts';
import { ORG_TIME_ZONE } from './today.ts';

const visa = (staffId: string, name: string, position: string, decision: ApprovalVisaView['decision'], comment: string | null, decidedAt: string | null): ApprovalVisaView => ({
  id: `00000000-0000-4000-8000-0000000000${staffId}`,
  staffId: `10000000-0000-4000-8000-0000000000${staffId}`,
  name,
  position,
  decision,
  comment,
  decidedAt,
  deputy: null,
});
const initiator = { userId: '20000000-0000-4000-8000-000000000001', staffId: null, name: 'Павлов Игорь Сергеевич', position: 'Начальник юридического отдела' };
const round = (n: number, status: ApprovalRouteView['status'], stages: ApprovalRouteView['stages']): ApprovalRouteView => ({
  id: `30000000-0000-4000-8000-00000000000${n}`,
  cardId: '40000000-0000-4000-8000-000000000001',
  round: n,
  status,
  initiator,
  currentStage: 1,
  startedAt: '2026-11-20T07:00:00.000Z',
  finishedAt: status === 'in_progress' ? null : '2026-11-21T12:00:00.000Z',
  sheetFileId: null,
  withdrawReason: null,
  version: 3,
  createdAt: '2026-11-20T06:00:00.000Z',
  stages,
});
const stage = (position: number, status: ApprovalRouteView['stages'][number]['status'], approvers: ApprovalVisaView[], dueOn: string | null = null) => ({
  id: `50000000-0000-4000-8000-00000000000${position}`,
  position,
  deadlineDays: dueOn ? 2 : null,
  dueOn,
  status,
  startedAt: null,
  finishedAt: null,
  approvers,
});

const rounds = [
  round(1, 'rejected', [
    stage(1, 'approved', [visa('01', 'Кузнецова Ольга Викторовна', 'Главный специалист', 'approved_with_remarks', 'Уточнить пункт 5', '2026-11-20T09:15:00.000Z'), visa('02', 'Белова Наталья Андреевна', 'Архивист', 'approved', null, '2026-11-20T10:00:00.000Z')], '2026-11-24'),
    stage(2, 'rejected', [visa('03', 'Сергеев Алексей Николаевич', 'Глава городского округа', 'rejected', 'Нет обоснования', '2026-11-21T12:00:00.000Z')]),
  ]),
  round(2, 'in_progress', [stage(1, 'active', [visa('03', 'Сергеев Алексей Николаевич', 'Глава городского округа', null, null, null)])]),
];
const input = {
  orgName: 'Администрация городского округа Заречный',
  card: { id: '40000000-0000-4000-8000-000000000001', kind: 'draft' as const, regNumber: null, regDate: null, summary: 'Об утверждении правил благоустройства' },
  rounds,
  at: new Date('2026-11-21T12:00:00.000Z'),
};

describe('approval sheet', () => {
  it('is PDF/A, the same bytes for the same rounds, and lists every round, stage and visa', async () => {
    const pdf = await approvalSheetPdf(input);
    expect(checkPdfa(pdf).conformant).toBe(true);
    expect(Buffer.compare(Buffer.from(pdf), Buffer.from(await approvalSheetPdf(input)))).toBe(0);
    const { text } = await extractText(pdf, 'application/pdf');
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'ЛИСТ СОГЛАСОВАНИЯ',
      'Проект нормативного правового акта',
      'проект (не зарегистрирован)',
      'Об утверждении правил благоустройства',
      'Круг согласования 1',
      'Этап 1 (параллельно), срок — до 24.11.2026',
      'Согласовано с замечаниями',
      'Уточнить пункт 5',
      `${sheetTime('2026-11-20T09:15:00.000Z')}`.split(' ')[0]!,
      'Не согласовано',
      'Нет обоснования',
      'НЕ СОГЛАСОВАНО (отклонено)',
      'Круг согласования 2',
      'на согласовании',
      'Инициатор: Начальник юридического отдела Павлов Игорь Сергеевич',
      'Итог согласования: согласование не завершено',
    ]) {
      expect(flat, expected).toContain(expected);
    }
  });

  it.skipIf(ORG_TIME_ZONE !== 'Europe/Moscow')('writes times in the organisation’s zone', () => {
    // Moscow is UTC+3 all year.
    expect(sheetTime('2026-11-20T09:15:00.000Z')).toBe('20.11.2026 12:15');
    expect(sheetTime(null)).toBe('');
  });

  it('names a deputy’s visa «<заместитель> за <согласующий>» with the signer’s position first', async () => {
    const absent = visa('03', 'Сергеев Алексей Николаевич', 'Глава городского округа', 'approved', null, '2026-11-21T12:00:00.000Z');
    const given = { ...absent, deputy: { staffId: '10000000-0000-4000-8000-000000000004', name: 'Орлов Денис Павлович', position: 'Заместитель главы' } };
    expect(visaName(given)).toBe('Орлов Денис Павлович за Сергеев Алексей Николаевич');
    expect(visaName(absent)).toBe('Сергеев Алексей Николаевич');
    const pdf = await approvalSheetPdf({ ...input, rounds: [round(1, 'approved', [stage(1, 'approved', [given])])] });
    expect(checkPdfa(pdf).conformant).toBe(true);
    const flat = (await extractText(pdf, 'application/pdf')).text.replace(/\s+/g, ' ');
    for (const expected of ['Орлов Денис Павлович за Сергеев Алексей', 'Заместитель главы (за: Глава городского', 'Согласовано']) expect(flat, expected).toContain(expected);
  });
});
