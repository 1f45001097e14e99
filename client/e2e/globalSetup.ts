import type { TestProject } from 'vitest/node';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { ensureClientBuilt, startServer } from './server.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!chromiumAvailable()) {
    console.warn(SKIP_MESSAGE);
    project.provide('e2eServer', null);
    return undefined;
  }
  ensureClientBuilt();
  const server = await startServer();
  project.provide('e2eServer', { baseUrl: server.baseUrl, demoPassword: server.demoPassword });
  return () => server.stop();
}
