import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type SqliteDialectConfig,
} from 'kysely';
import { errorCode, errorMessage, type StoreDriver } from './driver.js';
import type { StoreTables } from './schema.js';

/** How long a writer waits for another process's write to finish before it gives up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Every transaction takes the write lock when it begins. A deferred one that reads first and writes later fails at once
 * with SQLITE_BUSY when another process wrote in between; an immediate one waits its turn (busy_timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #raw: Database.Database;
  constructor(config: SqliteDialectConfig, raw: Database.Database) {
    super(config);
    this.#raw = raw;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  // After an I/O error SQLite has already rolled the transaction back; a second rollback would hide the cause.
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#raw.inTransaction) await super.rollbackTransaction(connection);
  }
}

/**
 * SQLite runs schema changes inside transactions, though Kysely assumes it cannot. Saying so puts each migration run in
 * one immediate transaction: processes starting together on an empty file migrate one after the other, never twice.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl() {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #raw: Database.Database;
  constructor(raw: Database.Database) {
    const config = { database: raw };
    super(config);
    this.#config = config;
    this.#raw = raw;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config, this.#raw);
  }
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

function describeFailure(err: unknown): string {
  const code = errorCode(err);
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'))
    return `the database file could not be written (disk full or a file size limit): ${errorMessage(err)} [${code}]`;
  if (code.startsWith('SQLITE_BUSY')) return `another process kept the database locked for more than ${BUSY_TIMEOUT_MS / 1000} s [${code}]`;
  if (code.startsWith('SQLITE_READONLY')) return `the database file is read-only [${code}]`;
  if (code.startsWith('SQLITE_CONSTRAINT')) return `the database refused it: ${errorMessage(err)} [${code}]`;
  return `${errorMessage(err)}${code ? ` [${code}]` : ''}`;
}

export interface SqliteOptions {
  file: string;
  /** How often followers look for updates from other processes. */
  pollMs?: number;
}

/**
 * The embedded default: one file that the bots and the CLI share. WAL lets readers go on while one process writes;
 * synchronous FULL makes a commit durable before it returns, so an acknowledged update survives a crash or power cut.
 */
export function createSqliteDriver({ file, pollMs = 100 }: SqliteOptions): StoreDriver {
  mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = new Kysely<StoreTables>({ dialect: new ImmediateSqliteDialect(raw) });
  // Counts commits by other connections: reading it costs no I/O, so polling it often is cheap.
  const dataVersion = () => raw.pragma('data_version', { simple: true }) as number;

  return {
    dialect: 'sqlite',
    db,
    location: file,
    // BEGIN IMMEDIATE already holds the file's write lock.
    lockAppends: async () => {},
    lockKey: async () => {},
    // On a connection of its own, so no other transaction commits while the pragma is relaxed. In WAL mode NORMAL
    // writes the commit to the log without syncing it: the file stays consistent, a power cut may lose the last commits.
    volatileTransaction: (run) =>
      db.connection().execute(async (conn) => {
        await sql`pragma synchronous = normal`.execute(conn);
        try {
          return await conn.transaction().execute(run);
        } finally {
          await sql`pragma synchronous = full`.execute(conn);
        }
      }),
    async nextSeq(trx, floor) {
      const { rows } = await sql<{ next: number }>`select coalesce(max(seq), 0) + 1 as next from updates`.execute(trx);
      return Math.max(Number(rows[0]?.next ?? 1), floor + 1);
    },
    announce: async () => {},
    watch(onChange, onError) {
      let seen = dataVersion();
      const timer = setInterval(() => {
        try {
          const now = dataVersion();
          if (now === seen) return;
          seen = now;
          onChange();
        } catch (err) {
          onError(err);
        }
      }, pollMs);
      // Following the log never keeps a finished CLI command alive.
      timer.unref();
      return { ready: Promise.resolve(), stop: () => clearInterval(timer) };
    },
    describeFailure,
    close: () => db.destroy(),
  };
}
