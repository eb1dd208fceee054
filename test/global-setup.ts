// Builds one migrated template database per test run; every test file clones it (CREATE DATABASE …
// TEMPLATE is a file copy, ~100 ms) so files run in parallel on isolated data.
import pg from 'pg';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { adminUrl, databaseUrl, TEMPLATE_DB } from './helpers/db.js';

export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const database = createDatabase(databaseUrl(TEMPLATE_DB), 1);
  try {
    await runMigrations(database.db);
  } finally {
    await database.close();
  }
}
