// Builds one migrated template database per test run; every test file clones it (CREATE DATABASE …
// TEMPLATE is a file copy, ~100 ms) so files run in parallel on isolated data. The template's name
// is unique to the run, so concurrent runs (CI beside a developer) never drop each other's.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../db/migrate.js';
import { adminUrl, databaseUrl } from './helpers/db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `jiebang_tpl_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  await runMigrations(databaseUrl(name));
  project.provide('templateDb', name);
  return () => admin(`drop database if exists ${name} with (force)`);
}
