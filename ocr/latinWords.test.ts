import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { latinSuspects, takesCyrillicReading } from './latinWords.ts';
import { OcrPool } from './pool.ts';
import { preparePages, turnPage, type ImagePage } from './prepare.ts';
import type { OcrLine, OcrWord } from './types.ts';

/** A line of words [text, x0, x1, confidence] 40 px high at y. */
function line(y: number, words: Array<[string, number, number, number]>): OcrLine {
  const ws: OcrWord[] = words.map(([text, x0, x1, confidence]) => ({ text, confidence, box: { x0, y0: y, x1, y1: y + 40 } }));
  return { text: ws.map((w) => w.text).join(' '), words: ws, confidence: 90, box: { x0: ws[0]!.box.x0, y0: y, x1: ws[ws.length - 1]!.box.x1, y1: y + 40 } };
}

const english = new Set(['smart', 'solutions', 'ten', 'the']);
const body = [
  line(40, [['Уважаемый', 300, 700, 95], ['Михаил', 720, 1000, 96], ['Николаевич!', 1020, 1400, 94]]),
  line(100, [['Просим', 300, 500, 95], ['рассмотреть', 520, 900, 96], ['вопрос', 920, 1100, 94], ['о', 1120, 1140, 95], ['ремонте', 1160, 1500, 96]]),
  line(160, [['дорожного', 300, 600, 95], ['покрытия', 620, 900, 96], ['на', 920, 980, 94], ['улице', 1000, 1200, 95]]),
  line(220, [['Молодёжной', 300, 700, 95], ['от', 720, 780, 96], ['перекрёстка', 800, 1150, 94], ['до', 1170, 1230, 95], ['моста', 1250, 1400, 95]]),
];

describe('Latin words worth reading again in Cyrillic', () => {
  it('picks Latin readings that are no English words, of text size, on a Russian page', () => {
    const sig = line(400, [['Начальник', 300, 600, 95], ['инспекции', 620, 900, 94], ['A.B.', 1500, 1600, 90], ['Ceprees', 1620, 1900, 88]]);
    const quoted = line(460, [['ООО', 300, 400, 95], ['«Smart', 420, 600, 93], ['Solutions»', 620, 900, 92], ['Ten', 920, 1000, 94]]);
    const picked = latinSuspects([...body, sig, quoted], english).map(([l, k]) => l.words[k]!.text);
    // initials have too few letters; English words and quoted English names are meant
    expect(picked).toEqual(['Ceprees']);
  });

  it('leaves lines with addresses and sites alone, and stamp-sized or speck-sized words', () => {
    const mail = line(400, [['e-mail:', 300, 450, 90], ['olkhovskoe', 470, 800, 60], ['ru', 810, 850, 60]]);
    const site = line(460, [['www.olkhovskoe.ru', 300, 800, 80]]);
    const stamp: OcrLine = { ...line(520, [['WINSX', 1300, 1650, 45]]) };
    stamp.words[0]!.box.y1 = 520 + 130;
    expect(latinSuspects([...body, mail, site, stamp], english)).toEqual([]);
  });

  it('does nothing on a page that is not mostly Cyrillic', () => {
    const latin = [1, 2, 3, 4].map((i) => line(100 * i, [['Lorem', 300, 500, 90], ['ipsumx', 520, 800, 90], ['dolorx', 820, 1000, 90]]));
    expect(latinSuspects(latin, english)).toEqual([]);
  });

  it('takes a Cyrillic reading of about as many letters, nothing else', () => {
    expect(takesCyrillicReading('Ceprees', 'Сергеев')).toBe(true);
    expect(takesCyrillicReading('3anpoc', 'запрос')).toBe(true);
    expect(takesCyrillicReading('Ceprees', 'Сергеевская улица')).toBe(false);
    expect(takesCyrillicReading('Ceprees', 'Cepгеев')).toBe(false);
    expect(takesCyrillicReading('Vicx.', 'Ис.')).toBe(false);
  });
});

describe('OcrPool', () => {
  const pool = new OcrPool({ size: 1 });
  afterAll(() => pool.close());

  it('limits the characters read for one call only', async () => {
    const [page] = await preparePages(readFileSync(new URL('./fixtures/heading-upside-down.png', import.meta.url)), { minTextChars: 20 });
    const upright = turnPage(page as ImagePage, 2).png;
    const latinOnly = await pool.recognize(upright, 'rus+eng', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    expect(latinOnly.length).toBeGreaterThan(0);
    expect(latinOnly.some((w) => /[А-Яа-яЁё]/.test(w.text))).toBe(false);
    const again = await pool.recognize(upright, 'rus+eng');
    expect(again.map((w) => w.text).join(' ')).toMatch(/Администрация/);
  });
});
