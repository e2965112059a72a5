import { openStore, type AuditEntry, type Store } from '../../src/store/index.js';

/** Reads what a bot (or the CLI) kept in the SQLite store under `dataDir`, through a connection of its own. */
export async function readStore<T>(dataDir: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/** The audit, oldest first. */
export const storedAudit = (dataDir: string): Promise<AuditEntry[]> =>
  readStore(dataDir, async (s) => (await s.audit.list(1_000)).reverse());
