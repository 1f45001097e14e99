import { describe, expect, it } from 'vitest';
import type { Assignment, Resolution } from '../api/records.ts';
import { assignmentTree, flattenAssignments } from './assignmentTree.ts';

const person = { id: 'p', name: 'Кузнецова О.В.' };
function assignment(id: string, resolutionId: string, parentId: string | null): Assignment {
  return {
    id, cardId: 'c', resolutionId, parentId, executor: person, coExecutors: [], controller: null, author: person,
    text: id, deadline: null, onControl: false, status: 'open', overdue: false, reportText: null, reportedOn: null,
    acceptedAt: null, version: 1,
  };
}
function resolution(id: string, parentAssignmentId: string | null, assignments: Assignment[]): Resolution {
  return { id, parentAssignmentId, author: person, onBehalf: false, text: id, createdAt: '2026-01-01T00:00:00Z', assignments };
}

describe('assignmentTree', () => {
  it('hangs sub-resolutions under the assignment they came from', () => {
    const tree = assignmentTree([
      resolution('r1', null, [assignment('a1', 'r1', null), assignment('a2', 'r1', null)]),
      resolution('r2', 'a1', [assignment('a3', 'r2', 'a1')]),
      resolution('r3', 'a3', [assignment('a4', 'r3', 'a3')]),
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.assignments.map((a) => a.assignment.id)).toEqual(['a1', 'a2']);
    expect(tree[0]?.assignments[0]?.children[0]?.assignments[0]?.children[0]?.resolution.id).toBe('r3');
    expect(flattenAssignments(tree).map((a) => a.id)).toEqual(['a1', 'a3', 'a4', 'a2']);
  });
});
