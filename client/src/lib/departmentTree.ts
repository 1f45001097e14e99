import type { Department } from '../api/types.ts';

export interface DepartmentNode {
  department: Department;
  children: DepartmentNode[];
}

/**
 * Builds the tree from the flat list the API returns. A department whose parent is missing
 * (or that sits in a cycle) is shown at the top level rather than lost.
 */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const department of departments) nodes.set(department.id, { department, children: [] });

  const attachedTo = new Map<string, string>();
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.department.parentId;
    const parent = parentId === null ? undefined : nodes.get(parentId);
    if (parent && parentId !== null && !createsCycle(node.department.id, parentId, attachedTo)) {
      parent.children.push(node);
      attachedTo.set(node.department.id, parentId);
    } else {
      roots.push(node);
    }
  }
  sortNodes(roots);
  return roots;
}

function createsCycle(childId: string, parentId: string, attachedTo: ReadonlyMap<string, string>): boolean {
  let current: string | undefined = parentId;
  while (current !== undefined) {
    if (current === childId) return true;
    current = attachedTo.get(current);
  }
  return false;
}

function sortNodes(nodes: DepartmentNode[]): void {
  nodes.sort((a, b) => {
    const byCode = (a.department.code ?? '').localeCompare(b.department.code ?? '', 'ru', { numeric: true });
    return byCode !== 0 ? byCode : a.department.name.localeCompare(b.department.name, 'ru');
  });
  for (const node of nodes) sortNodes(node.children);
}
