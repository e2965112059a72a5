import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import { openStore, SQLITE_FILE, type Store, type StoreOptions } from '../../src/store/index.js';

const PG_URL = process.env.TEST_DATABASE_URL?.trim() || '';

export interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  /** Why this backend's tests do not run here, shown in the test's title; null when they run. */
  skip: string | null;
  /** A database of its own for one test: nothing another test wrote, and removed afterwards. */
  fresh(): Promise<TestDatabase>;
}

export interface TestDatabase {
  options: StoreOptions;
  /** The SQLite file (SQLite only). */
  file?: string;
  remove(): Promise<void>;
}

const sqlite: Backend = {
  name: 'SQLite',
  skip: null,
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    return {
      options: { dataDir: dir, pollMs: 100 },
      file: join(dir, SQLITE_FILE),
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'PostgreSQL',
  skip: PG_URL ? null : 'TEST_DATABASE_URL is not set (.ci/run sets it)',
  async fresh() {
    const name = `store_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`create database ${name}`));
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    return {
      options: { databaseUrl: url.toString() },
      remove: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
    };
  },
};

export const backends: Backend[] = [sqlite, postgres];

/** The title of a backend's describe block: a skipped backend says why, in the test report. */
export const titleOf = (b: Backend, what: string) => (b.skip ? `${what} on ${b.name} (skipped: ${b.skip})` : `${what} on ${b.name}`);

/**
 * Stores on one fresh database of `backend` for each test, all closed and the database removed after it:
 * call inside a describe block. `store()` opens another connection to the test's database, with `defaults` and `options`.
 */
export function storesPerTest(
  backend: Backend,
  defaults: Partial<StoreOptions> = {},
): { store(options?: Partial<StoreOptions>): Promise<Store>; database(): Promise<TestDatabase> } {
  let db: TestDatabase | null = null;
  const open: Store[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await db?.remove();
    db = null;
  });
  const database = async () => (db ??= await backend.fresh());
  return {
    database,
    async store(options = {}) {
      const s = await openStore({ ...(await database()).options, ...defaults, ...options });
      open.push(s);
      return s;
    },
  };
}
