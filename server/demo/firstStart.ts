// The first start of an empty database (config.seedDemo: embedded PGlite, or KARTOTEKA_DEMO set): the demo
// organisation with its users, then its documents. A database that has any organisation gets nothing.
import type { AppServices } from '../services.ts';
import { formatDemoCredentials, seedDemo } from './seedDemo.ts';
import { seedDemoContent } from './seedDemoContent.ts';

/** Seeds when the database is empty; returns what to print for the person starting it, or null. */
export async function seedDemoOnFirstStart(app: AppServices, password: string | null, options: { content: boolean } = { content: true }): Promise<string | null> {
  const seeded = await seedDemo(app.knex, { password });
  if (!seeded) return null;
  if (!options.content) return formatDemoCredentials(seeded.users, password === null);
  // Commands run in their own transactions, so the content follows the organisation's commit; a start that dies in
  // between leaves the organisation without content, and it is not seeded again (the database is no longer empty).
  const content = await seedDemoContent(app, seeded.orgId);
  app.log.info(content, 'demo content seeded');
  return formatDemoCredentials(seeded.users, password === null);
}
