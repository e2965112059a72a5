import type { Insertable, Selectable, Transaction } from 'kysely';
import type { StoreDriver } from './driver.js';
import type { StoreTables, UpdatesTable } from './schema.js';

// The record shapes are the core's (the knowledge service defines the log it is handed); the store keeps them.
import type { Actor, Assigned, NewUpdate, UpdateKind, UpdateRecord as StoredUpdate } from '../core/knowledge/updates-log.js';
export type { Actor, Assigned, NewUpdate, StoredUpdate, UpdateKind };
export const UPDATE_KINDS: readonly UpdateKind[] = ['add-source', 'add-fact', 'retract'];

/**
 * Checks an update against the current state, inside the append's transaction. `newer` are the updates other
 * processes accepted after the caller's `after`, oldest first: apply them to the state before checking.
 * Returns why the update cannot be accepted, or nothing when it can.
 */
export type Validate = (
  update: StoredUpdate,
  newer: StoredUpdate[],
) => string | null | undefined | void | Promise<string | null | undefined | void>;

export type AppendResult =
  | { ok: true; record: StoredUpdate }
  | { ok: false; error: string; /** true: refused by validation; false: the write failed */ refused: boolean };

export interface Follower {
  /** Resolves once the follower has caught up and can miss nothing from then on. */
  ready: Promise<void>;
  close(): void;
}

export interface FollowOptions {
  /** A failed read or a throwing `onRecords`; following goes on. */
  onError?: (err: unknown) => void;
}

export interface UpdateLog {
  /**
   * The one way an update is written: validation against the current state, the ids and the insert happen in one
   * transaction, while appends from other processes wait. Resolves `ok` only once the update is durably committed;
   * otherwise nothing was written and `error` says why.
   * @param make the update, or a function of the ids assigned to it (an added fact's id derived from the update's).
   * @param options.after the highest seq the caller's state reflects: updates after it are handed to `validate` first.
   */
  append(make: NewUpdate | ((assigned: Assigned) => NewUpdate), validate?: Validate, options?: { after?: number }): Promise<AppendResult>;
  /** Every update, oldest first, in one query. */
  readAll(): Promise<StoredUpdate[]>;
  /** The updates after this seq, oldest first; at most `limit` of them when given. */
  readSince(seq: number, limit?: number): Promise<StoredUpdate[]>;
  get(id: string): Promise<StoredUpdate | null>;
  /** The newest seq, 0 when there is none. */
  lastSeq(): Promise<number>;
  /** Calls `onRecords` with the updates after `fromSeq`, then, within a second, with every update any process accepts. */
  follow(fromSeq: number, onRecords: (records: StoredUpdate[]) => void | Promise<void>, options?: FollowOptions): Follower;
  close(): void;
}

class Refusal extends Error {}

/** An update's id is its seq: readable (`/retract u42`) and never shared, since a seq is never handed out twice. */
export const updateIdFor = (seq: number) => `u${seq}`;

type Row = Selectable<UpdatesTable>;

export function rowToUpdate(row: Row): StoredUpdate {
  return {
    seq: Number(row.seq),
    id: row.id,
    kind: row.kind as UpdateKind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    actor: { platform: row.actor_platform as Actor['platform'], userId: row.actor_id, displayName: row.actor_name },
    at: row.created_at,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.target !== null ? { target: row.target } : {}),
  };
}

export function updateToRow(u: Omit<StoredUpdate, 'seq'> & { seq?: number }): Insertable<UpdatesTable> {
  return {
    ...(u.seq !== undefined ? { seq: u.seq } : {}),
    id: u.id,
    kind: u.kind,
    payload: JSON.stringify(u.payload),
    actor_platform: u.actor.platform,
    actor_id: u.actor.userId,
    actor_name: u.actor.displayName,
    created_at: u.at,
    reason: u.reason ?? null,
    target: u.target ?? null,
  };
}

/** The update log over a driver. `now` stamps accepted updates. */
export function createUpdateLog(driver: StoreDriver, now: () => Date = () => new Date()): UpdateLog {
  const { db } = driver;
  const readSinceIn = async (q: Transaction<StoreTables> | typeof db, seq: number, limit?: number) => {
    const query = q.selectFrom('updates').selectAll().where('seq', '>', seq).orderBy('seq');
    return (await (limit ? query.limit(limit) : query).execute()).map(rowToUpdate);
  };

  // One watch for all of this process's followers; local appends wake them at once, without waiting for a poll.
  const pokes = new Set<() => void>();
  let watcher: ReturnType<StoreDriver['watch']> | null = null;
  const errorSinks = new Set<(err: unknown) => void>();
  const wake = () => pokes.forEach((p) => p());
  const followers = new Set<Follower>();
  function subscribe(poke: () => void, onError: (err: unknown) => void) {
    pokes.add(poke);
    errorSinks.add(onError);
    watcher ??= driver.watch(wake, (err) => errorSinks.forEach((e) => e(err)));
    const ready = watcher.ready;
    return {
      ready,
      unsubscribe() {
        pokes.delete(poke);
        errorSinks.delete(onError);
        if (pokes.size === 0) {
          watcher?.stop();
          watcher = null;
        }
      },
    };
  }

  async function append(
    make: NewUpdate | ((assigned: Assigned) => NewUpdate),
    validate?: Validate,
    options: { after?: number } = {},
  ): Promise<AppendResult> {
    try {
      const record = await db.transaction().execute(async (trx) => {
        await driver.lockAppends(trx);
        const newer = validate && options.after !== undefined ? await readSinceIn(trx, options.after) : [];
        let seq = await driver.nextSeq(trx, 0);
        // An imported or restored update may already hold the id a seq maps to: skip past it.
        while (await trx.selectFrom('updates').select('seq').where('id', '=', updateIdFor(seq)).executeTakeFirst())
          seq = await driver.nextSeq(trx, seq);
        const assigned = { seq, id: updateIdFor(seq) };
        const update = typeof make === 'function' ? make(assigned) : make;
        const target =
          update.target ?? (update.kind === 'retract' && typeof update.payload.targetId === 'string' ? update.payload.targetId : undefined);
        const record: StoredUpdate = {
          ...assigned,
          kind: update.kind,
          payload: update.payload,
          actor: update.actor,
          at: now().toISOString(),
          ...(update.reason !== undefined ? { reason: update.reason } : {}),
          ...(target !== undefined ? { target } : {}),
        };
        const refusal = await validate?.(record, newer);
        if (refusal) throw new Refusal(refusal);
        await trx.insertInto('updates').values(updateToRow(record)).execute();
        await driver.announce(trx, seq);
        return record;
      });
      wake();
      return { ok: true, record };
    } catch (err) {
      if (err instanceof Refusal) return { ok: false, refused: true, error: err.message };
      return { ok: false, refused: false, error: `the update was not saved: ${driver.describeFailure(err)}` };
    }
  }

  function follow(
    fromSeq: number,
    onRecords: (records: StoredUpdate[]) => void | Promise<void>,
    { onError = () => {} }: FollowOptions = {},
  ): Follower {
    let cursor = fromSeq;
    let running = false;
    let again = false;
    let closed = false;
    let retry: NodeJS.Timeout | null = null;
    async function pull(): Promise<void> {
      if (closed) return;
      if (running) return void (again = true);
      running = true;
      try {
        do {
          again = false;
          const records = await readSinceIn(db, cursor);
          if (closed || records.length === 0) continue;
          // Moved on first: a record the caller cannot apply is reported once, not delivered forever.
          cursor = records[records.length - 1]!.seq;
          try {
            await onRecords(records);
          } catch (err) {
            onError(err);
          }
        } while (again && !closed);
      } catch (err) {
        onError(err);
        // A read that failed (the server restarting) is tried again even if no change signal comes.
        retry ??= setTimeout(() => {
          retry = null;
          void pull();
        }, 1_000);
        retry.unref();
      } finally {
        running = false;
      }
    }
    const subscription = subscribe(() => void pull(), onError);
    const follower: Follower = {
      ready: subscription.ready.then(pull),
      close() {
        closed = true;
        if (retry) clearTimeout(retry);
        subscription.unsubscribe();
        followers.delete(follower);
      },
    };
    followers.add(follower);
    return follower;
  }

  return {
    append,
    readAll: () => readSinceIn(db, 0),
    readSince: (seq, limit) => readSinceIn(db, seq, limit),
    async get(id) {
      const row = await db.selectFrom('updates').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? rowToUpdate(row) : null;
    },
    async lastSeq() {
      const row = await db
        .selectFrom('updates')
        .select((eb) => eb.fn.max('seq').as('last'))
        .executeTakeFirst();
      return Number(row?.last ?? 0);
    },
    follow,
    close() {
      for (const f of [...followers]) f.close();
    },
  };
}
