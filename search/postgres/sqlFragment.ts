// A tiny tagged template for composing reviewed SQL with bound values: `${value}` becomes a placeholder, `${sql`…`}`
// nests a fragment. Values never reach the SQL text, and the static text is what the files in sql/ show.
import type { Knex } from 'knex';

export type SqlValue = string | number | boolean | null | Date;

export class Sql {
  constructor(
    readonly text: string,
    readonly values: readonly SqlValue[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...parts: (Sql | SqlValue)[]): Sql {
  let text = strings[0] ?? '';
  const values: SqlValue[] = [];
  parts.forEach((part, i) => {
    if (part instanceof Sql) {
      text += part.text;
      values.push(...part.values);
    } else {
      text += '?';
      values.push(part);
    }
    text += strings[i + 1] ?? '';
  });
  return new Sql(text, values);
}

/** `a, b, c` as placeholders: for IN (…) and ARRAY[…]. Never empty: callers emit another condition instead. */
export function list(values: readonly SqlValue[]): Sql {
  if (values.length === 0) throw new RangeError('empty SQL list');
  return new Sql(values.map(() => '?').join(', '), values);
}

export function join(fragments: readonly Sql[], separator: string): Sql {
  return new Sql(fragments.map((f) => f.text).join(separator), fragments.flatMap((f) => f.values));
}

/** Static SQL text (identifiers and keywords chosen by the code, never by the user). */
export function raw(text: string): Sql {
  if (text.includes('?')) throw new RangeError('static SQL must not contain placeholders');
  return new Sql(text, []);
}

export async function run<Row>(db: Knex | Knex.Transaction, query: Sql): Promise<Row[]> {
  const result = (await db.raw(query.text, query.values as Knex.Value[])) as { rows: Row[] };
  return result.rows;
}

/**
 * A read query in its own transaction with JIT off LOCAL to it: a search over a large table has plan costs above
 * jit_above_cost, and compiling takes 50–200 ms — more than the query itself.
 */
export async function read<Row>(db: Knex, query: Sql): Promise<Row[]> {
  return db.transaction(async (trx) => {
    await trx.raw("SELECT set_config('jit', 'off', true)");
    return run<Row>(trx, query);
  });
}
