// Grading of the validator against a labelled corpus (README of ../shared/pdfa-corpus).
import { join } from 'node:path';
import { checkPdfa } from './validate.ts';

export interface GroupScore {
  failTotal: number;
  failCaught: number;
  passTotal: number;
  falseAlarms: number;
}

export interface Grade extends GroupScore {
  total: number;
  agree: number;
  groups: Map<string, GroupScore>;
  misses: { path: string; expected: string; clause: string; got: string[] }[];
}

/** 6.2.11.4.1 → 6.2 (file structure, graphics, annotations, forms, actions, metadata, …). */
export function clauseGroup(clause: string): string {
  return clause.split('.').slice(0, 2).join('.');
}

export function gradeCorpus(root: string, read: (path: string) => Uint8Array): Grade {
  const labels = new TextDecoder().decode(read(join(root, 'labels.tsv'))).trim().split('\n').slice(1);
  const g: Grade = { total: 0, agree: 0, failTotal: 0, failCaught: 0, passTotal: 0, falseAlarms: 0, groups: new Map(), misses: [] };
  for (const line of labels) {
    const [path, , expected, clause] = line.split('\t') as [string, string, string, string];
    const group = clauseGroup(clause);
    const s = g.groups.get(group) ?? { failTotal: 0, failCaught: 0, passTotal: 0, falseAlarms: 0 };
    g.groups.set(group, s);
    let errors: { clause: string; rule: string; message: string }[];
    try {
      errors = checkPdfa(read(join(root, 'files', path))).errors;
    } catch (e) {
      errors = [{ clause: 'unreadable', rule: 'unreadable', message: e instanceof Error ? e.message : String(e) }];
    }
    g.total++;
    let ok: boolean;
    if (expected === 'pass') {
      g.passTotal++;
      s.passTotal++;
      ok = errors.length === 0;
      if (!ok) {
        g.falseAlarms++;
        s.falseAlarms++;
      }
    } else {
      g.failTotal++;
      s.failTotal++;
      ok = errors.some((e) => e.clause === clause);
      if (ok) {
        g.failCaught++;
        s.failCaught++;
      }
    }
    if (ok) g.agree++;
    else g.misses.push({ path, expected, clause, got: errors.map((e) => `${e.rule}: ${e.message}`) });
  }
  return g;
}
