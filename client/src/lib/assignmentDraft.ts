import type { AssignmentInput, StaffMember } from '../api/records.ts';
import { deadlineFields, emptyDeadline, type DeadlineChoice } from './deadline.ts';

/** One assignment row of the resolution editor as the user fills it in. */
export interface AssignmentDraft {
  key: number;
  executor: StaffMember | null;
  coExecutors: StaffMember[];
  text: string;
  deadline: DeadlineChoice;
  onControl: boolean;
  controller: StaffMember | null;
}

let nextKey = 0;

export function emptyAssignmentDraft(): AssignmentDraft {
  nextKey += 1;
  return { key: nextKey, executor: null, coExecutors: [], text: '', deadline: emptyDeadline(), onControl: false, controller: null };
}

export class AssignmentDraftError extends Error {
  readonly code: 'EXECUTOR_REQUIRED' | 'DEADLINE_INPUT_INVALID';
  readonly row: number;
  constructor(code: AssignmentDraftError['code'], row: number) {
    super(`${code} in row ${row + 1}`);
    this.code = code;
    this.row = row;
  }
}

/** The request body's assignments; a controller left empty means the resolution's author (the server's rule). */
export function assignmentInputs(drafts: readonly AssignmentDraft[]): AssignmentInput[] {
  return drafts.map((draft, row) => {
    if (!draft.executor) throw new AssignmentDraftError('EXECUTOR_REQUIRED', row);
    let due;
    try {
      due = deadlineFields(draft.deadline);
    } catch {
      throw new AssignmentDraftError('DEADLINE_INPUT_INVALID', row);
    }
    const coExecutors = [...new Set(draft.coExecutors.map((s) => s.id))].filter((id) => id !== draft.executor?.id);
    return {
      executorStaffId: draft.executor.id,
      ...(coExecutors.length ? { coExecutorStaffIds: coExecutors } : {}),
      ...(draft.text.trim() ? { text: draft.text.trim() } : {}),
      ...due,
      onControl: draft.onControl,
      ...(draft.onControl && draft.controller ? { controllerStaffId: draft.controller.id } : {}),
    };
  });
}
