import { describe, expect, it } from 'vitest';
import { navItems, resolveRoute } from '../../../lib/navigation.ts';

describe('package screens in the navigation', () => {
  it('are listed for archivists and administrators only', () => {
    expect(navItems(['archivist']).map((i) => i.testid)).toContain('packages');
    expect(navItems(['admin']).map((i) => i.testid)).toContain('packages');
    expect(navItems(['clerk']).map((i) => i.testid)).not.toContain('packages');
  });

  it('resolve the registry and one package, and refuse others', () => {
    const id = '0b0e6f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(resolveRoute('/archive/packages', ['archivist'])).toEqual({ kind: 'packages' });
    expect(resolveRoute(`/archive/packages/${id}`, ['admin'])).toEqual({ kind: 'package', id });
    expect(resolveRoute(`/archive/packages/${id}`, ['clerk'])).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/archive/packages', ['executor'])).toEqual({ kind: 'forbidden' });
    expect(resolveRoute('/archive/packages/not-an-id', ['archivist'])).toEqual({ kind: 'notFound' });
  });
});
