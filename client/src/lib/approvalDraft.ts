import type { ApprovalRoute, StageInput } from '../api/approvalEndpoints.ts';

// The route editor's stages: approvers picked one by one into each stage, an optional deadline in working days.
export interface Person {
  id: string;
  fullName: string;
}

export interface StageDraft {
  key: number;
  approvers: Person[];
  /** As typed; empty means no deadline. */
  deadlineDays: string;
}

let nextKey = 1;

export function emptyStage(): StageDraft {
  return { key: nextKey++, approvers: [], deadlineDays: '' };
}

/** The stages of a route to edit (a draft, or a new round copied from a rejected one). */
export function stagesOf(route: ApprovalRoute | null): StageDraft[] {
  if (!route || route.stages.length === 0) return [emptyStage()];
  return route.stages.map((s) => ({ key: nextKey++, approvers: s.approvers.map((v) => ({ id: v.staffId, fullName: v.name })), deadlineDays: s.deadlineDays ? String(s.deadlineDays) : '' }));
}

export function addApprover(stage: StageDraft, person: Person): StageDraft {
  return stage.approvers.some((p) => p.id === person.id) ? stage : { ...stage, approvers: [...stage.approvers, person] };
}

/** The request body, or null while a stage has nobody in it. */
export function stageInputs(stages: readonly StageDraft[]): StageInput[] | null {
  if (stages.length === 0 || stages.some((s) => s.approvers.length === 0)) return null;
  return stages.map((s) => {
    const days = Number.parseInt(s.deadlineDays, 10);
    return { approverStaffIds: s.approvers.map((p) => p.id), deadlineDays: Number.isInteger(days) && days > 0 ? days : null };
  });
}
