import { join } from 'node:path';
import { createAuditRecords, type AuditRecords } from './audit.js';
import type { StoreDriver } from './driver.js';
import { createFeedbackRecords, type FeedbackRecords } from './feedback.js';
import { importUpdatesFile, type ImportResult } from './import-export.js';
import { importRecordFiles, type RecordsImport } from './import-records.js';
import { migrateToLatest } from './migrations.js';
import { createSharedRateLimiter, type RateLimit, type SharedRateLimiter } from './rate-limits.js';
import { createSettings, type Settings } from './settings.js';
import { createSubscriptionRecords, type SubscriptionRecords } from './subscriptions.js';
import { createUpdateLog, type UpdateLog } from './updates.js';
import { createVoteKeys, type VoteKeys } from './vote-keys.js';

/** The SQLite file's name under DATA_DIR. */
export const SQLITE_FILE = 'border-bot.sqlite';

export interface StoreOptions {
  /** PostgreSQL connection string (DATABASE_URL); when empty, SQLite. */
  databaseUrl?: string;
  /** The folder of the SQLite file (DATA_DIR). */
  dataDir?: string;
  /** The SQLite file itself, instead of `dataDir`/border-bot.sqlite. */
  file?: string;
  /** USER_HASH_SALT; when empty, a random salt generated on first start and kept in the database. */
  userHashSalt?: string;
  /** An old knowledge/updates.jsonl: imported once, then renamed. */
  importFrom?: string;
  /** The old DATA_DIR: its feedback.jsonl, audit.jsonl and telegram-subscriptions.json are imported once, then renamed. */
  importRecordsFrom?: string;
  /** SQLite: how often followers look for other processes' updates (ms). */
  pollMs?: number;
  now?: () => Date;
}

/** Updates, feedback, the audit, subscriptions, vote keys and settings: one database, one schema. */
export interface Store {
  dialect: StoreDriver['dialect'];
  /** Where the data lives (a file, or host and database), for logs. */
  location: string;
  updates: UpdateLog;
  feedback: FeedbackRecords;
  audit: AuditRecords;
  voteKeys: VoteKeys;
  settings: Settings;
  subscriptions(platform: string): SubscriptionRecords;
  /**
   * A per-user question limit for one platform, enforced together by every process on this database. When the
   * database fails, questions are allowed and `onError` is told.
   */
  rateLimiter(platform: string, limit: RateLimit, onError?: (err: unknown) => void): SharedRateLimiter;
  /** The salt user ids are hashed with: USER_HASH_SALT, or the generated one. */
  userHashSalt: string;
  /** What the import of an old updates file brought in; null when there was none. */
  imported: ImportResult | null;
  /** What the import of the old record files brought in, a file each. */
  importedRecords: RecordsImport[];
  close(): Promise<void>;
}

/** Each driver is loaded only when used: PostgreSQL's client costs a SQLite start (and so a cold `ask`) time. */
export async function createDriver(options: StoreOptions): Promise<StoreDriver> {
  if (options.databaseUrl?.trim()) {
    const { createPostgresDriver } = await import('./postgres-driver.js');
    return createPostgresDriver({ connectionString: options.databaseUrl.trim() });
  }
  const { createSqliteDriver } = await import('./sqlite-driver.js');
  const file = options.file ?? join(options.dataDir ?? 'data', SQLITE_FILE);
  return createSqliteDriver({ file, ...(options.pollMs ? { pollMs: options.pollMs } : {}) });
}

/** Opens the database, brings its schema up to date, and imports an old updates file once. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const driver = await createDriver(options);
  try {
    await migrateToLatest(driver.db, driver.dialect);
    const settings = createSettings(driver.db);
    const userHashSalt = await settings.userHashSalt(options.userHashSalt);
    const imported = options.importFrom ? await importUpdatesFile(driver, options.importFrom) : null;
    const importedRecords = options.importRecordsFrom
      ? await importRecordFiles(driver.db, options.importRecordsFrom, userHashSalt, options.now)
      : [];
    const updates = createUpdateLog(driver, options.now);
    return {
      dialect: driver.dialect,
      location: driver.location,
      updates,
      feedback: createFeedbackRecords(driver.db, options.now),
      audit: createAuditRecords(driver.db, userHashSalt, options.now),
      voteKeys: createVoteKeys(driver.db, options.now),
      settings,
      subscriptions: (platform) => createSubscriptionRecords(driver.db, platform, options.now),
      rateLimiter: (platform, limit, onError) => createSharedRateLimiter(driver, platform, limit, onError),
      userHashSalt,
      imported,
      importedRecords,
      async close() {
        updates.close();
        await driver.close();
      },
    };
  } catch (err) {
    await driver.close().catch(() => {});
    throw new Error(`could not open the database at ${driver.location}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

export { createUpdateLog, updateIdFor, UPDATE_KINDS } from './updates.js';
export type {
  Actor,
  AppendResult,
  Assigned,
  Follower,
  FollowOptions,
  NewUpdate,
  StoredUpdate,
  UpdateKind,
  UpdateLog,
  Validate,
} from './updates.js';
export {
  importUpdatesFile,
  parseUpdateLines,
  toJsonLines,
  IMPORTED_SUFFIX,
  type ImportProblem,
  type ImportResult,
} from './import-export.js';
export { migrateToLatest, storeMigrations } from './migrations.js';
export { importRecordFiles, RECORD_FILES, type RecordsImport } from './import-records.js';
export { hashUserId, auditIdentity } from './privacy.js';
export type { AuditAttempt, AuditEntry, AuditRecords } from './audit.js';
export type { FeedbackRecords, Gaps } from './feedback.js';
export type { SubscriptionRecords } from './subscriptions.js';
export type { VoteKeys } from './vote-keys.js';
export type { Settings } from './settings.js';
export { slideWindow, type RateLimit, type SharedRateLimiter } from './rate-limits.js';
export type { StoreDriver } from './driver.js';
export { createLogMirror, type LogMirror } from '../core/knowledge/log-mirror.js';
