#!/usr/bin/env node
// Runs the database-backed part of the suite (everything under server/) against PostgreSQL.
// Each test file works in a fresh schema of its own and drops it afterwards; pg_trgm is created once here
// because CREATE EXTENSION is database-wide and would race between parallel test files.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');
} catch (error) {
  console.error(`PostgreSQL недоступен / PostgreSQL is not reachable at ${url.replace(/\/\/[^@]*@/, '//***@')}: ${error.message}`);
  process.exit(1);
} finally {
  await client.end().catch(() => {});
}
const args = process.argv.slice(2);
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'node', ...(args.length ? args : ['server/'])], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
});
process.exit(result.status ?? 1);
