import type { AppendResult, Assigned, FollowOptions, NewUpdate, UpdateRecord, UpdateLog } from './updates-log.js';

/**
 * A process's state kept in step with the update log (the knowledge base, for the knowledge service): every update
 * is applied once and in seq order, whether it was read at start, appended here, appended by another process and
 * followed, or handed over inside an append so a check sees the latest state.
 */
export interface LogMirror {
  /**
   * Reads the log in one query, applies it as one batch, then follows it. From a seq (the state already holds
   * the updates up to it), only the updates after it are read.
   */
  start(fromSeq?: number): Promise<void>;
  /**
   * Appends an update if `check` accepts it against the state brought up to date in the same transaction.
   * Once `ok`, the update is durable and already applied here.
   */
  append(
    make: NewUpdate | ((assigned: Assigned) => NewUpdate),
    check: (update: UpdateRecord) => string | null | undefined,
  ): Promise<AppendResult>;
  /** The highest seq applied. */
  readonly appliedSeq: number;
  close(): void;
}

/**
 * @param apply applies a batch of updates, oldest first: a follower's batch arrives whole, so the caller rebuilds
 * what it derives (search matchers) once per batch, not once per update.
 */
export function createLogMirror(log: UpdateLog, apply: (records: UpdateRecord[]) => void, options: FollowOptions = {}): LogMirror {
  let applied = 0;
  let follower: { close(): void } | null = null;
  const applyNew = (records: UpdateRecord[]) => {
    const fresh = records.filter((r) => r.seq > applied);
    if (fresh.length === 0) return;
    applied = fresh[fresh.length - 1]!.seq;
    apply(fresh);
  };
  return {
    async start(fromSeq = 0) {
      applied = fromSeq;
      applyNew(fromSeq > 0 && log.readSince ? await log.readSince(fromSeq) : await log.readAll());
      const following = log.follow(applied, applyNew, options);
      follower = following;
      await following.ready;
    },
    async append(make, check) {
      const result = await log.append(
        make,
        (update, newer) => {
          applyNew(newer);
          return check(update);
        },
        { after: applied },
      );
      if (result.ok) applyNew([result.record]);
      return result;
    },
    get appliedSeq() {
      return applied;
    },
    close() {
      follower?.close();
      follower = null;
    },
  };
}
