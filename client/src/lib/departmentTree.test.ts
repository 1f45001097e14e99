import { describe, expect, test } from 'vitest';
import type { Department } from '../api/types.ts';
import { buildDepartmentTree, type DepartmentNode } from './departmentTree.ts';

const dept = (id: string, parentId: string | null, name: string, code: string | null = null): Department => ({
  id,
  parentId,
  name,
  code,
});

function shape(nodes: DepartmentNode[]): unknown[] {
  return nodes.map((node) => (node.children.length ? { [node.department.id]: shape(node.children) } : node.department.id));
}

describe('buildDepartmentTree', () => {
  test('nests children under parents and orders siblings by code, then name', () => {
    const tree = buildDepartmentTree([
      dept('legal', 'admin', 'Юридический отдел', '02'),
      dept('admin', null, 'Администрация', '01'),
      dept('office', 'admin', 'Общий отдел', '01'),
      dept('archive', 'office', 'Архив', null),
      dept('finance', null, 'Финансовое управление', '10'),
      dept('econ', null, 'Управление экономики', '2'),
    ]);
    expect(shape(tree)).toEqual([{ admin: [{ office: ['archive'] }, 'legal'] }, 'econ', 'finance']);
  });

  test('keeps departments whose parent is missing or that form a cycle', () => {
    const tree = buildDepartmentTree([dept('a', 'b', 'А'), dept('b', 'a', 'Б'), dept('c', 'gone', 'В')]);
    const ids = (nodes: DepartmentNode[]): string[] => nodes.flatMap((n) => [n.department.id, ...ids(n.children)]);
    expect(ids(tree).sort()).toEqual(['a', 'b', 'c']);
  });
});
