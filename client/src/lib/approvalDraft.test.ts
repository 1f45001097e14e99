import { describe, expect, it } from 'vitest';
import { addApprover, emptyStage, stageInputs, stagesOf } from './approvalDraft.ts';
import type { ApprovalRoute } from '../api/approvalEndpoints.ts';

const lawyer = { id: '11111111-1111-4111-8111-111111111111', fullName: 'Павлов Игорь Сергеевич' };
const head = { id: '22222222-2222-4222-8222-222222222222', fullName: 'Сергеев Алексей Николаевич' };

describe('approval route drafts', () => {
  it('builds the request only when every stage has an approver, without duplicates', () => {
    const first = addApprover(addApprover(emptyStage(), lawyer), lawyer);
    expect(first.approvers).toEqual([lawyer]);
    const second = { ...emptyStage(), deadlineDays: '3' };
    expect(stageInputs([first, second])).toBeNull();
    expect(stageInputs([first, addApprover(second, head)])).toEqual([
      { approverStaffIds: [lawyer.id], deadlineDays: null },
      { approverStaffIds: [head.id], deadlineDays: 3 },
    ]);
    expect(stageInputs([])).toBeNull();
  });

  it('reads the stages of an existing route back into the editor', () => {
    const route = {
      stages: [
        { position: 1, deadlineDays: 2, approvers: [{ staffId: lawyer.id, name: lawyer.fullName }] },
        { position: 2, deadlineDays: null, approvers: [{ staffId: head.id, name: head.fullName }] },
      ],
    } as unknown as ApprovalRoute;
    const drafts = stagesOf(route);
    expect(drafts.map((d) => [d.approvers, d.deadlineDays])).toEqual([
      [[lawyer], '2'],
      [[head], ''],
    ]);
    expect(stagesOf(null)).toHaveLength(1);
  });
});
