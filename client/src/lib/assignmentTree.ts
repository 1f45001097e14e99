import type { Assignment, Resolution } from '../api/records.ts';

export interface ResolutionNode {
  resolution: Resolution;
  assignments: AssignmentNode[];
}

export interface AssignmentNode {
  assignment: Assignment;
  /** Resolutions the executor gave under this assignment (sub-assignments). */
  children: ResolutionNode[];
}

/** The card's resolutions as a tree: sub-resolutions hang under the assignment they were given from. */
export function assignmentTree(resolutions: readonly Resolution[]): ResolutionNode[] {
  const byParent = new Map<string | null, Resolution[]>();
  for (const resolution of resolutions) {
    const list = byParent.get(resolution.parentAssignmentId) ?? [];
    list.push(resolution);
    byParent.set(resolution.parentAssignmentId, list);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): ResolutionNode[] =>
    (byParent.get(parent) ?? [])
      .filter((resolution) => {
        // A cycle cannot come from the server; the guard keeps a bad answer from hanging the page.
        if (seen.has(resolution.id)) return false;
        seen.add(resolution.id);
        return true;
      })
      .map((resolution) => ({
        resolution,
        assignments: resolution.assignments.map((assignment) => ({ assignment, children: build(assignment.id) })),
      }));
  return build(null);
}

/** Every assignment of the tree, depth first. */
export function flattenAssignments(nodes: readonly ResolutionNode[]): Assignment[] {
  return nodes.flatMap((node) => node.assignments.flatMap((a) => [a.assignment, ...flattenAssignments(a.children)]));
}
