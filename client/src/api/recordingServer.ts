import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a unit test's local HTTP server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  type: string;
  csrf: string | undefined;
  ifMatch: string | undefined;
  body: Buffer;
}

export interface RecordingServer {
  baseUrl: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends JSON (or, for another content type, the value as text; no value: an empty body). */
export type Reply = (status: number, value?: unknown, type?: string, headers?: Record<string, string>) => void;

/**
 * A real local HTTP server for the API client's unit tests: it records every request and answers through
 * `handle`, so the client's real fetch path (headers, bodies, errors) is exercised.
 */
export async function startRecordingServer(handle: (request: SeenRequest, url: URL, reply: Reply) => void): Promise<RecordingServer> {
  const seen: SeenRequest[] = [];
  const server = createServer(async (request, response: ServerResponse) => {
    const entry: SeenRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      type: request.headers['content-type'] ?? '',
      csrf: request.headers['x-csrf-token'] as string | undefined,
      ifMatch: request.headers['if-match'] as string | undefined,
      body: await readBody(request),
    };
    seen.push(entry);
    const reply: Reply = (status, value, type = 'application/json', headers = {}) => {
      if (value === undefined) {
        response.writeHead(status, headers);
        response.end();
        return;
      }
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(/json/.test(type) ? JSON.stringify(value) : String(value));
    };
    handle(entry, new URL(entry.url || '/', 'http://localhost'), reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
