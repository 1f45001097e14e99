import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradeCorpus } from './grade.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/pdfa-corpus/', import.meta.url));
const present = existsSync(CORPUS);
if (!present) console.warn(`skipped: the PDF/A corpus is absent (${CORPUS})`);

describe.skipIf(!present)('PDF/A validator on the veraPDF corpus (development half)', () => {
  it('catches fail files on their clause and stays quiet on pass files', () => {
    const g = gradeCorpus(CORPUS, (p) => readFileSync(p));
    // Measured 2026-11-24: 318/318 fail files on the right clause, 0/206 false alarms (archive/BENCH.md).
    expect(g.failCaught / g.failTotal).toBeGreaterThanOrEqual(0.995);
    expect(g.falseAlarms).toBe(0);
    for (const [, s] of g.groups) if (s.failTotal > 0) expect(s.failCaught / s.failTotal).toBeGreaterThanOrEqual(0.98);
  });
});
