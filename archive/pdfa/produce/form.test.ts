import { describe, expect, it } from 'vitest';
import { checkPdfa } from '../validate.ts';
import { generateForm, type FormBlock } from './form.ts';

const meta = { title: 'Опись № 1 дел постоянного хранения за 2025 год', author: 'Администрация', created: '2026-01-15T09:00:00Z', documentId: 'inventory-form-test' };

/** The text of each page, through pdf.js (what a reader or a search index would see). */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    out.push((content.items as { str?: string }[]).map((it) => it.str ?? '').join(' ').replace(/\s+/g, ' '));
  }
  await doc.destroy();
  return out;
}

function blocks(rows: number): FormBlock[] {
  return [
    { kind: 'columns', left: [{ text: 'Администрация городского округа', bold: true }, { text: 'Фонд № Р-12' }], right: [{ text: 'УТВЕРЖДАЮ', bold: true }, { text: 'Глава городского округа' }] },
    { kind: 'text', text: 'ОПИСЬ № 1', bold: true, size: 14, align: 'center' },
    {
      kind: 'table',
      columns: [
        { title: '№ п/п', width: 6, align: 'center' },
        { title: 'Индекс дела', width: 10, align: 'center' },
        { title: 'Заголовок дела', width: 44 },
        { title: 'Крайние даты', width: 14, align: 'center' },
        { title: 'Количество листов', width: 10, align: 'center' },
        { title: 'Примечание', width: 16 },
      ],
      rows: [
        { section: 'Общий отдел' },
        ...Array.from({ length: rows }, (_, i) => ({ cells: [String(i + 1), `01-${String(i + 1).padStart(2, '0')}`, `Приказы главы по основной деятельности, том ${i + 1}`, '09.01.2025 – 30.12.2025', '250', ''] })),
        { section: 'Финансовый отдел' },
        { cells: ['x', 'Д-ОЧЕНЬ-ДЛИННЫЙ-ИНДЕКС-БЕЗ-ПРОБЕЛОВ', 'Сметы', '2025', '1', ''] },
      ],
    },
    { kind: 'text', text: `В данный раздел описи внесено ${rows + 1} дел с № 1 по № ${rows + 1}` },
    { kind: 'signature', role: 'Главный специалист-архивист', name: 'Белова Н. А.', date: '«___» ____________ 20__ г.' },
  ];
}

describe('ruled forms (PDF/A-2B)', () => {
  it('lays out header, sections and a ruled table; passes our validator; same blocks, same bytes', async () => {
    const a = await generateForm(meta, blocks(3));
    const b = await generateForm(meta, blocks(3));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const report = checkPdfa(a);
    expect(report.errors).toEqual([]);
    expect(report.conformant).toBe(true);
    const [text] = await pageTexts(a);
    for (const expected of ['УТВЕРЖДАЮ', 'Фонд № Р-12', '№ п/п', 'Индекс дела', 'Крайние даты', 'Общий отдел', 'Финансовый отдел', 'с № 1 по № 4', 'подпись']) expect(text).toContain(expected);
  });

  it('continues a long table on numbered pages, repeating the row of column numbers', async () => {
    const bytes = await generateForm(meta, blocks(60));
    expect(checkPdfa(bytes).conformant).toBe(true);
    const pages = await pageTexts(bytes);
    expect(pages.length).toBeGreaterThan(1);
    // Page 2 starts with the column numbers 1…6, then the next case; its page number is drawn last.
    expect(pages[1]).toMatch(/^1 2 3 4 5 6 \d+ 01-\d\d .* 2$/);
    expect(pages.join(' ')).toContain('Приказы главы по основной деятельности, том 60');
  });
});
