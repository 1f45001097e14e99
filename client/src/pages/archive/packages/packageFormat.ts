// Pure helpers of the package screens (tested without a browser).
import type { MessageKey } from '../../../i18n/ru.ts';
import type { FixityResult, PackageStatus } from '../../../api/packageEndpoints.ts';

const ROLES = [
  'original',
  'signature',
  'pdfa',
  'descriptive-metadata',
  'preservation-metadata',
  'signature-report',
  'signature-evidence',
  'trust-anchor',
  'pdfa-report',
  'evidence',
  'documentation',
] as const;

const CHECKS = ['zip-container', 'ocfl-structure', 'ocfl-digests', 'package-anchor', 'ocfl-extensions', 'documentation', 'pdfa-reports', 'signatures', 'evidence-records', 'destruction'] as const;

/** 1536 → "1,5 КБ" in Russian, "1.5 KB" in English; binary units, one decimal under 10. */
export function formatBytes(bytes: number, locale: 'ru' | 'en'): string {
  const units = locale === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'] : ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export function statusKey(status: PackageStatus): MessageKey {
  return `pkg.status.${status}`;
}

export function fixityKey(result: FixityResult | null): MessageKey {
  return result ? `pkg.fixity.${result}` : 'pkg.fixity.never';
}

/** A known package role's label key; unknown roles are shown as they are. */
export function roleKey(role: string): MessageKey | null {
  return (ROLES as readonly string[]).includes(role) ? (`pkg.role.${role}` as MessageKey) : null;
}

/** A verification check's label key (the verifier's names, e.g. `ocfl-digests`); unknown names as they are. */
export function checkKey(name: string): MessageKey | null {
  return (CHECKS as readonly string[]).includes(name) ? (`pkg.check.${name}` as MessageKey) : null;
}

/** Files grouped by the package's top-level folder, in package order. */
export function groupByFolder<T extends { path: string }>(files: readonly T[]): { folder: string; files: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const f of files) {
    const parts = f.path.split('/');
    const folder = parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.length === 2 ? (parts[0] ?? '') : '';
    const list = groups.get(folder) ?? [];
    list.push(f);
    groups.set(folder, list);
  }
  return [...groups].map(([folder, list]) => ({ folder, files: list }));
}

const ALGORITHM_NAMES: Record<string, string> = { sha256: 'SHA-256', sha512: 'SHA-512', streebog256: 'ГОСТ Р 34.11-2012 (256)', streebog512: 'ГОСТ Р 34.11-2012 (512)' };

/** A digest algorithm as people write it; an unknown one is shown as stored. */
export function algorithmName(id: string): string {
  return ALGORITHM_NAMES[id] ?? id;
}

/** Abbreviated digest for tables: the first and last 8 hex digits. */
export function shortDigest(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex;
}
