import type { Db } from '../db/client.js';
import type { Config } from './config.js';

/** What every service function needs besides its input: the database, the configuration, the clock. */
export interface ServiceContext {
  db: Db;
  config: Config;
  now(): Date;
}
