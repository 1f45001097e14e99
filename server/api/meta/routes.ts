import { Type } from '@sinclair/typebox';
import { defineRoute } from '../../http/route.ts';
import { buildOpenApi } from '../../http/openapi.ts';
import { appVersion } from '../../version.ts';

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
  version: Type.String(),
  checks: Type.Object({ database: Type.String(), storage: Type.String() }),
});

async function probe(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

// The storage probe writes, syncs and deletes a file: worth doing, but not on every poll of a load balancer.
// Concurrent and rapid calls share one probe for a second; a failure is never cached for longer.
const PROBE_TTL_MS = 1000;
const lastProbes = new WeakMap<object, { at: number; result: Promise<[string, string]> }>();

function probeAll(app: object, check: () => Promise<[string, string]>): Promise<[string, string]> {
  const now = Date.now();
  const last = lastProbes.get(app);
  if (last && now - last.at < PROBE_TTL_MS) return last.result;
  const result = check();
  lastProbes.set(app, { at: now, result });
  void result.then(([d, s]) => {
    if ((d !== 'ok' || s !== 'ok') && lastProbes.get(app)?.result === result) lastProbes.delete(app);
  });
  return result;
}

defineRoute({
  operationId: 'health',
  method: 'get',
  path: '/api/health',
  summary: 'Состояние сервиса: база данных и хранилище / health with database and storage checks',
  tags: ['meta'],
  access: 'public',
  success: { status: 200, description: 'Всё работает', schema: HealthSchema },
  async handler(ctx) {
    const [database, storage] = await probeAll(ctx.app, () => Promise.all([probe(() => ctx.app.knex.raw('select 1')), probe(() => ctx.app.blobs.check())]));
    const ok = database === 'ok' && storage === 'ok';
    if (!ok) ctx.koa.status = 503;
    const body = { status: ok ? 'ok' : 'error', version: appVersion, checks: { database, storage } };
    if (!ok) ctx.koa.body = body;
    return body;
  },
});

let cached: Record<string, unknown> | null = null;

defineRoute({
  operationId: 'openapi',
  method: 'get',
  path: '/api/openapi.json',
  summary: 'Документ OpenAPI 3.1 / the OpenAPI 3.1 document',
  tags: ['meta'],
  access: 'public',
  success: { status: 200, description: 'OpenAPI 3.1' },
  async handler() {
    cached ??= buildOpenApi(appVersion);
    return cached;
  },
});
