// Russian stemmer: the Snowball algorithm (Porter's Russian stemmer), for lower-case words with ё folded to е.
// Inflection goes, the stem stays: «земельного участка», «земельный участок» → «земельн участк».

const PERFECTIVE_GERUND_1 = ['вшись', 'вши', 'в']; // after а/я
const PERFECTIVE_GERUND_2 = ['ывшись', 'ившись', 'ывши', 'ивши', 'ыв', 'ив'];
const ADJECTIVE = ['ими', 'ыми', 'его', 'ого', 'ему', 'ому', 'ее', 'ие', 'ые', 'ое', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею'];
const PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ']; // after а/я
const PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
const REFLEXIVE = ['ся', 'сь'];
const VERB_1 = ['ете', 'йте', 'ешь', 'нно', 'ла', 'на', 'ли', 'ем', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'й', 'л', 'н']; // after а/я
const VERB_2 = ['ейте', 'уйте', 'ила', 'ыла', 'ена', 'ите', 'или', 'ыли', 'ило', 'ыло', 'ено', 'ует', 'уют', 'ены', 'ить', 'ыть', 'ишь', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ят', 'ит', 'ыт', 'ую', 'ю'];
const NOUN = ['иями', 'ями', 'ами', 'ией', 'иям', 'ием', 'иях', 'ев', 'ов', 'ие', 'ье', 'еи', 'ии', 'ей', 'ой', 'ий', 'ям', 'ем', 'ам', 'ом', 'ах', 'ях', 'ию', 'ью', 'ия', 'ья', 'а', 'е', 'и', 'й', 'о', 'у', 'ы', 'ь', 'ю', 'я'];
const DERIVATIONAL = ['ость', 'ост'];
const SUPERLATIVE = ['ейше', 'ейш'];

const VOWELS = new Set('аеиоуыэюя');

const bySize = (xs: string[]): string[] => [...xs].sort((a, b) => b.length - a.length);
const S = {
  pg1: bySize(PERFECTIVE_GERUND_1),
  pg2: bySize(PERFECTIVE_GERUND_2),
  adj: bySize(ADJECTIVE),
  part1: bySize(PARTICIPLE_1),
  part2: bySize(PARTICIPLE_2),
  refl: bySize(REFLEXIVE),
  verb1: bySize(VERB_1),
  verb2: bySize(VERB_2),
  noun: bySize(NOUN),
  deriv: bySize(DERIVATIONAL),
  sup: bySize(SUPERLATIVE),
};

/** Removes the longest ending of `list` found in `rv` (optionally only after а/я); returns the shortened rv or null. */
function strip(rv: string, list: string[], afterAYa = false): string | null {
  for (const e of list) {
    if (!rv.endsWith(e)) continue;
    const rest = rv.slice(0, rv.length - e.length);
    if (afterAYa) {
      const prev = rest[rest.length - 1];
      if (prev !== 'а' && prev !== 'я') continue;
    }
    return rest;
  }
  return null;
}

function stripEither(rv: string, withAYa: string[], plain: string[]): string | null {
  return strip(rv, withAYa, true) ?? strip(rv, plain);
}

/** R2 start inside rv: after the second vowel-consonant pair of the whole word, expressed relative to rv. */
function r2Start(word: string, rvStart: number): number {
  let i = 0;
  const next = (from: number): number => {
    let k = from;
    while (k < word.length && !VOWELS.has(word[k]!)) k++;
    while (k < word.length && VOWELS.has(word[k]!)) k++;
    return Math.min(word.length, k + 1);
  };
  i = next(0);
  i = next(i);
  return Math.max(0, i - rvStart);
}

export function stemRu(word: string): string {
  let v = 0;
  while (v < word.length && !VOWELS.has(word[v]!)) v++;
  if (v >= word.length) return word;
  const head = word.slice(0, v + 1);
  let rv = word.slice(v + 1);
  const r2 = r2Start(word, v + 1);

  // Step 1
  const pg = stripEither(rv, S.pg1, S.pg2);
  if (pg !== null) rv = pg;
  else {
    rv = strip(rv, S.refl) ?? rv;
    const adj = strip(rv, S.adj);
    if (adj !== null) rv = stripEither(adj, S.part1, S.part2) ?? adj;
    else rv = stripEither(rv, S.verb1, S.verb2) ?? strip(rv, S.noun) ?? rv;
  }
  // Step 2
  if (rv.endsWith('и')) rv = rv.slice(0, -1);
  // Step 3
  for (const e of S.deriv) {
    if (rv.endsWith(e) && rv.length - e.length >= r2) {
      rv = rv.slice(0, rv.length - e.length);
      break;
    }
  }
  // Step 4
  if (rv.endsWith('нн')) rv = rv.slice(0, -1);
  else {
    const sup = strip(rv, S.sup);
    if (sup !== null) {
      rv = sup;
      if (rv.endsWith('нн')) rv = rv.slice(0, -1);
    } else if (rv.endsWith('ь')) rv = rv.slice(0, -1);
  }
  return head + rv;
}
