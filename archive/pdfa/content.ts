// Content-stream tokenizer: operands and operators, with inline images read as one unit.
import { Lexer, parseValue, isWhite, type LexFacts } from './lexer.ts';
import { PdfDict, type PdfValue } from './objects.ts';

export interface Op {
  op: string;
  args: PdfValue[];
  /** inline image dictionary for BI … ID … EI */
  inline?: PdfDict;
}

export function* operations(data: Uint8Array, facts: LexFacts): Generator<Op> {
  const lx = new Lexer(data, 0, facts);
  let args: PdfValue[] = [];
  for (;;) {
    const t = lx.next();
    if (t.kind === 'eof') return;
    if (t.kind === 'kw') {
      if (t.value === 'true' || t.value === 'false' || t.value === 'null') {
        args.push(t.value === 'true' ? true : t.value === 'false' ? false : null);
        continue;
      }
      if (t.value === 'BI') {
        const dict = new PdfDict();
        for (;;) {
          const k = lx.next();
          if (k.kind === 'eof') return;
          if (k.kind === 'kw' && k.value === 'ID') break;
          if (k.kind !== 'name') continue;
          try {
            dict.map.set(k.value.name, parseValue(lx));
          } catch {
            return;
          }
        }
        // Skip the image data: it ends at whitespace + EI + whitespace/EOF.
        let p = lx.pos + 1;
        while (p < data.length) {
          if (data[p] === 0x45 && data[p + 1] === 0x49 && isWhite(data[p - 1]) && (p + 2 >= data.length || isWhite(data[p + 2]))) break;
          p++;
        }
        lx.pos = p + 2;
        yield { op: 'BI', args: [], inline: dict };
        args = [];
        continue;
      }
      yield { op: t.value, args };
      args = [];
      continue;
    }
    if (t.kind === 'delim' && (t.value === ']' || t.value === '>>' || t.value === '}' || t.value === '{')) continue;
    try {
      args.push(parseValue(lx, t));
    } catch {
      args = [];
    }
  }
}

/** Operators of ISO 32000-1 Annex A. */
export const OPERATORS = new Set(
  ('b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri ' +
    's S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw Tz v w W W* y \' "').split(' '),
);
