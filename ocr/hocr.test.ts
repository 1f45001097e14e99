import { describe, expect, it } from 'vitest';
import { parseHocr } from './hocr.ts';

const HOCR = `<div class='ocr_page' id='page_1' title='image "unknown"; bbox 0 0 2480 3508; ppageno 0'>
 <div class='ocr_carea' id='block_1_1' title="bbox 199 338 2352 3324">
  <p class='ocr_par' id='par_1_1' lang='rus' title="bbox 243 338 2294 1217">
   <span class='ocr_line' id='line_1_1' title="bbox 1054 338 1582 402; baseline 0.019 -21.076; x_size 44.2">
    <span class='ocrx_word' id='word_1_1' title='bbox 1054 338 1582 402; x_wconf 96'>АДМИНИСТРАЦИЯ</span>
   </span>
   <span class='ocr_header' id='line_1_2' title="bbox 784 398 1853 459; baseline 0 -10; x_size 44">
    <span class='ocrx_word' id='word_1_2' title='bbox 784 398 1107 444; x_wconf 91' lang='eng'>R&amp;D&#39;s</span>
    <span class='ocrx_word' id='word_1_3' title='bbox 1123 405 1464 451; x_wconf 88'><strong>&lt;ООО&gt;</strong></span>
    <span class='ocrx_word' id='word_1_4' title='bbox 1500 405 1600 451; x_wconf 10'> </span>
   </span>
  </p>
 </div>
</div>`;

describe('parseHocr', () => {
  it('reads words with boxes, confidences and the baseline of their line', () => {
    const words = parseHocr(HOCR);
    expect(words.map((w) => w.text)).toEqual(['АДМИНИСТРАЦИЯ', "R&D's", '<ООО>']);
    expect(words[0]).toMatchObject({ box: { x0: 1054, y0: 338, x1: 1582, y1: 402 }, confidence: 96 });
    // baseline: 21.076 px above the bottom at the left edge, rising 0.019 px per px to the right
    expect(words[0]!.base).toBeCloseTo(402 - 21.076 + (0.019 * 528) / 2, 3);
    expect(words[1]).toMatchObject({ confidence: 91, base: 449 });
  });

  it('gives nothing for an empty page', () => {
    expect(parseHocr("<div class='ocr_page' id='page_1' title='bbox 0 0 10 10'></div>")).toEqual([]);
  });
});
