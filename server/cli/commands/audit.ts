import { withRuntime } from '../runtime.ts';
import { parse, UsageError } from '../args.ts';
import { verifyAudit } from '../../audit/verifyAudit.ts';

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, org: { type: 'string' } });
  if (positionals[0] !== 'verify') throw new UsageError('usage: kartoteka audit verify [--org <id>] [--json]');
  return withRuntime({ worker: false }, async (rt) => {
    const result = await verifyAudit(rt.knex, values.org ? { chain: values.org } : {});
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      process.stdout.write(
        result.ok
          ? `Журнал аудита цел / audit log intact: ${result.checked} записей в ${result.chains} цепочках / entries in chains\n`
          : `НАРУШЕНА целостность журнала аудита / audit log TAMPERED:\n${result.problems.map((p) => `  [${p.chain} #${p.seq}] ${p.kind}: ${p.message}`).join('\n')}\n`,
      );
    }
    return result.ok ? 0 : 1;
  });
}
