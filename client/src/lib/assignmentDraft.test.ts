import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../api/records.ts';
import { AssignmentDraftError, assignmentInputs, emptyAssignmentDraft } from './assignmentDraft.ts';

const staff = (id: string): StaffMember => ({ id, fullName: id, lastName: id, firstName: id, middleName: null, departmentId: null, active: true });

describe('assignmentInputs', () => {
  it('builds the request rows', () => {
    const first = { ...emptyAssignmentDraft(), executor: staff('a'), coExecutors: [staff('b'), staff('a'), staff('b')], text: ' подготовить ответ ' };
    const second = {
      ...emptyAssignmentDraft(),
      executor: staff('c'),
      deadline: { mode: 'days' as const, date: '', days: '5', dayType: 'working' as const },
      onControl: true,
      controller: staff('m'),
    };
    expect(assignmentInputs([first, second])).toEqual([
      { executorStaffId: 'a', coExecutorStaffIds: ['b'], text: 'подготовить ответ', onControl: false },
      { executorStaffId: 'c', deadlineIn: { days: 5, type: 'working' }, onControl: true, controllerStaffId: 'm' },
    ]);
  });

  it('names the row that lacks an executor or a usable deadline', () => {
    const ok = { ...emptyAssignmentDraft(), executor: staff('a') };
    try {
      assignmentInputs([ok, emptyAssignmentDraft()]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AssignmentDraftError);
      expect((error as AssignmentDraftError).row).toBe(1);
      expect((error as AssignmentDraftError).code).toBe('EXECUTOR_REQUIRED');
    }
    expect(() => assignmentInputs([{ ...ok, deadline: { mode: 'date', date: '', days: '', dayType: 'working' } }])).toThrow(AssignmentDraftError);
  });
});
