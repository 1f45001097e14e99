import { describe, expect, it } from 'vitest';
import { algorithmName, checkKey, fixityKey, formatBytes, groupByFolder, roleKey, shortDigest, statusKey } from './packageFormat.ts';

describe('package screen helpers', () => {
  it('formats sizes in binary units, in either language', () => {
    expect(formatBytes(512, 'ru')).toBe('512 Б');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'ru')).toBe('1,5 КБ');
    expect(formatBytes(50 * 1024 * 1024, 'en')).toBe('50 MB');
  });

  it('maps statuses, fixity results, roles and checks to dictionary keys, unknown ones to null', () => {
    expect(statusKey('packaged')).toBe('pkg.status.packaged');
    expect(fixityKey(null)).toBe('pkg.fixity.never');
    expect(fixityKey('mismatch')).toBe('pkg.fixity.mismatch');
    expect(roleKey('pdfa-report')).toBe('pkg.role.pdfa-report');
    expect(roleKey('something-new')).toBeNull();
    expect(checkKey('evidence-records')).toBe('pkg.check.evidence-records');
    expect(checkKey('aggregate-members')).toBeNull();
  });

  it('groups files by their package folder and shortens digests', () => {
    const groups = groupByFolder([
      { path: 'documentation/VERIFY.md' },
      { path: 'representations/rep-original/a.pdf' },
      { path: 'representations/rep-original/a.pdf.sig' },
      { path: 'representations/rep-pdfa/a.pdf' },
      { path: 'package.json' },
    ]);
    expect(groups.map((g) => [g.folder, g.files.length])).toEqual([
      ['documentation', 1],
      ['representations/rep-original', 2],
      ['representations/rep-pdfa', 1],
      ['', 1],
    ]);
    expect(shortDigest('0123456789abcdef0123456789abcdef')).toBe('01234567…89abcdef');
    expect(algorithmName('sha512')).toBe('SHA-512');
    expect(algorithmName('streebog256')).toBe('ГОСТ Р 34.11-2012 (256)');
    expect(algorithmName('sha3-512')).toBe('sha3-512');
  });
});
