import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { errorCode, errorMessage, type StoreDriver } from './driver.js';
import type { StoreTables } from './schema.js';

/** The channel every process listens on; the payload is the new update's seq. */
export const UPDATES_CHANNEL = 'border_bot_updates';
/** An arbitrary constant: the advisory lock that makes appends take turns across every process and machine. */
const APPEND_LOCK = 7_345_091;
/** The first half of the two-key advisory locks `lockKey` takes (a space apart from APPEND_LOCK's one-key form). */
const KEY_LOCKS = 7_345_092;

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

function describeFailure(err: unknown): string {
  const code = errorCode(err);
  if (code === '53100') return `the database server's disk is full: ${errorMessage(err)}`;
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET'].includes(code) || code.startsWith('08') || code.startsWith('57P'))
    return `the database server could not be reached or went away: ${errorMessage(err)} [${code}]`;
  return `${errorMessage(err)}${code ? ` [${code}]` : ''}`;
}

/** host:port/database, without the user and password of the connection string. */
function describeLocation(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `postgresql://${url.host}${url.pathname}`;
  } catch {
    return 'postgresql';
  }
}

export interface PostgresOptions {
  connectionString: string;
  /**
   * Connections in the pool. Every question takes one for its rate-limit transaction, which holds it across event-loop
   * turns while the process composes answers: with 5, questions queued for a connection (bench:webhook: half the
   * throughput of the in-memory limit; with 10, close to it).
   */
  max?: number;
}

/**
 * Several bot processes on several machines share one knowledge: each append NOTIFYs in its transaction (delivered
 * at commit), and followers LISTEN on a connection of their own, catching up by seq after any reconnection.
 */
export function createPostgresDriver({ connectionString, max = 10 }: PostgresOptions): StoreDriver {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection that dies (server restart) must not crash the bot: the next query opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });

  return {
    dialect: 'postgres',
    db,
    location: describeLocation(connectionString),
    async lockAppends(trx) {
      await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
    },
    async lockKey(trx, key) {
      // hashtext folds the key to 32 bits: two keys may share a lock now and then, which only makes them take turns.
      await sql`select pg_advisory_xact_lock(${KEY_LOCKS}, hashtext(${key}))`.execute(trx);
    },
    volatileTransaction: (run) =>
      db.transaction().execute(async (trx) => {
        // This transaction's commit alone does not wait for the WAL to reach the disk.
        await sql`select set_config('synchronous_commit', 'off', true)`.execute(trx);
        return run(trx);
      }),
    async nextSeq(trx) {
      // A sequence never hands out a number twice; with the append lock held, seqs also commit in order.
      const { rows } = await sql<{ seq: number }>`select nextval(pg_get_serial_sequence('updates', 'seq'))::int as seq`.execute(trx);
      return Number(rows[0]!.seq);
    },
    async announce(trx, seq) {
      await sql`select pg_notify(${UPDATES_CHANNEL}, ${String(seq)})`.execute(trx);
    },
    watch(onChange, onError) {
      let stopped = false;
      let client: pg.Client | null = null;
      let timer: NodeJS.Timeout | null = null;
      let delay = RECONNECT_MIN_MS;
      let resolveReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => (resolveReady = resolve));

      const retry = (dead: pg.Client) => {
        if (stopped || client !== dead) return;
        client = null;
        dead.end().catch(() => {});
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, RECONNECT_MAX_MS);
      };
      async function connect() {
        if (stopped) return;
        const c = new pg.Client({ connectionString });
        client = c;
        c.on('notification', () => onChange());
        c.on('error', (err) => {
          onError(err);
          retry(c);
        });
        c.on('end', () => retry(c));
        try {
          await c.connect();
          await c.query(`listen ${UPDATES_CHANNEL}`);
        } catch (err) {
          onError(err);
          retry(c);
          return;
        }
        if (stopped) return void c.end().catch(() => {});
        delay = RECONNECT_MIN_MS;
        resolveReady();
        // Whatever was committed while no one was listening is read now, by seq.
        onChange();
      }
      void connect();
      return {
        ready,
        stop() {
          stopped = true;
          if (timer) clearTimeout(timer);
          client?.end().catch(() => {});
          client = null;
        },
      };
    },
    describeFailure,
    close: () => db.destroy(),
  };
}
