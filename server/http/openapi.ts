// The OpenAPI 3.1 document is generated from the route declarations, so it cannot drift from the code.
import type { TSchema } from '@sinclair/typebox';
import { routes } from './route.ts';
import { errorCatalog } from './errorCatalog.ts';

type JsonObject = Record<string, unknown>;

function plain(schema: TSchema): JsonObject {
  // TypeBox adds symbol keys only; JSON round-tripping drops them and leaves pure JSON Schema 2020-12.
  return JSON.parse(JSON.stringify(schema)) as JsonObject;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'messages'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'Message in Russian' },
    code: { type: 'string', enum: Object.keys(errorCatalog) },
    messages: { type: 'object', properties: { ru: { type: 'string' }, en: { type: 'string' } }, required: ['ru', 'en'] },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, messageRu: { type: 'string' } } } },
  },
};

function parametersOf(schema: TSchema | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!schema) return [];
  const s = plain(schema) as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
  }));
}

export function buildOpenApi(version: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes()) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const op: JsonObject = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      responses: {
        [String(route.success.status)]: {
          description: route.success.description,
          ...(route.success.schema ? { content: { [route.success.contentType ?? 'application/json']: { schema: plain(route.success.schema) } } } : {}),
        },
        default: { description: 'Ошибка / error (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      security: route.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      ...(route.access === 'authenticated' ? { 'x-permission': route.permission } : {}),
    };
    if (route.upload) {
      op.requestBody = {
        required: true,
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } },
      };
    }
    if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: plain(route.body) } } };
    paths[path] ??= {};
    paths[path][route.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kartoteka API',
      version,
      description: 'СЭД «Картотека»: API. Ошибки — RFC 9457 problem+json с устойчивым полем code и сообщениями на русском и английском.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'kt_session', description: 'Session cookie; writes also need the X-CSRF-Token header' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token created at /api/tokens' },
      },
    },
  };
}
