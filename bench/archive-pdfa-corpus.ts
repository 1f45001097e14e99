// Grades the PDF/A validator on ../shared/pdfa-corpus: a "pass" file must produce no error,
// a "fail" file must produce an error on the clause it was built to break.
// Usage: npx tsx bench/archive-pdfa-corpus.ts [--misses]
import { existsSync, readFileSync } from 'node:fs';
import { gradeCorpus } from '../archive/pdfa/grade.ts';

const root = new URL('../../shared/pdfa-corpus/', import.meta.url);
if (!existsSync(root)) {
  console.log('pdfa-corpus is absent; nothing to grade');
  process.exit(0);
}
const started = performance.now();
const g = gradeCorpus(root.pathname, (p) => readFileSync(p));
const ms = performance.now() - started;
const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
console.log(`files: ${g.total}, ${ms.toFixed(0)} ms`);
console.log(`fail files caught on the right clause: ${g.failCaught}/${g.failTotal} (${pct(g.failCaught, g.failTotal)})`);
console.log(`false alarms on pass files: ${g.falseAlarms}/${g.passTotal} (${pct(g.falseAlarms, g.passTotal)})`);
console.log(`overall agreement: ${g.agree}/${g.total} (${pct(g.agree, g.total)})`);
console.log('\ngroup      fail caught        false alarms');
for (const [group, s] of [...g.groups].sort()) {
  console.log(`${group.padEnd(10)} ${`${s.failCaught}/${s.failTotal}`.padEnd(8)} ${pct(s.failCaught, s.failTotal).padEnd(9)} ${s.falseAlarms}/${s.passTotal}`);
}
if (process.argv.includes('--misses')) {
  console.log('\nmisses:');
  for (const m of g.misses) console.log(`${m.expected} ${m.clause} ${m.path}\n    ${m.got.join('\n    ')}`);
}
