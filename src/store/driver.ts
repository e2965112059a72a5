import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from './migrations.js';
import type { StoreTables } from './schema.js';

/** What differs between SQLite and PostgreSQL; everything else is one query layer over `db`. */
export interface StoreDriver {
  dialect: Dialect;
  db: Kysely<StoreTables>;
  /** Where the data lives, for logs (never a password). */
  location: string;
  /** Taken first in an append's transaction: appends from every process take turns, so validation sees the latest state. */
  lockAppends(trx: Transaction<StoreTables>): Promise<void>;
  /**
   * Taken inside a transaction: transactions that lock the same key take turns across every process until commit.
   * SQLite's transactions already do (each holds the file's write lock); PostgreSQL locks that key alone.
   */
  lockKey(trx: Transaction<StoreTables>, key: string): Promise<void>;
  /**
   * A transaction whose commit need not survive a power cut, for records cheap to lose (the question limit's hits):
   * it commits without waiting for the disk. Atomic and isolated like any other; a crash of the process loses nothing.
   */
  volatileTransaction<T>(run: (trx: Transaction<StoreTables>) => Promise<T>): Promise<T>;
  /** A sequence number above `floor` that no committed or concurrent update has; called with the append lock held. */
  nextSeq(trx: Transaction<StoreTables>, floor: number): Promise<number>;
  /** Tells other processes an update is in, at commit time. */
  announce(trx: Transaction<StoreTables>, seq: number): Promise<void>;
  /**
   * Calls `onChange` whenever another process may have committed updates, and after every (re)connection, so a
   * follower catches up on what it may have missed. Resolves `ready` once changes from now on cannot be missed.
   */
  watch(onChange: () => void, onError: (err: unknown) => void): { ready: Promise<void>; stop(): void };
  /** Why a write failed, in words a moderator can act on. */
  describeFailure(err: unknown): string;
  close(): Promise<void>;
}

export const errorCode = (err: unknown): string => String((err as { code?: unknown } | null)?.code ?? '');
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
