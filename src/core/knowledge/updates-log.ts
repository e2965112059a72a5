/**
 * The update log as the knowledge service needs it: the core defines this shape and is handed an implementation
 * (the store's), so it never opens a database or reads the environment itself.
 */

/** Who made an update: the platform, the user's id there, and the name shown. */
export interface Actor {
  platform: 'discord' | 'telegram' | 'cli';
  userId: string;
  displayName: string;
}

export type UpdateKind = 'add-source' | 'add-fact' | 'retract';

/** An accepted update. History is never rewritten: a retraction is an update of its own. */
export interface UpdateRecord {
  /** Its place in the order updates were accepted, across every process. */
  seq: number;
  id: string;
  kind: UpdateKind;
  payload: Record<string, unknown>;
  actor: Actor;
  /** ISO 8601. */
  at: string;
  reason?: string;
  /** What a retraction takes back. */
  target?: string;
}

export interface NewUpdate {
  kind: UpdateKind;
  payload: Record<string, unknown>;
  actor: Actor;
  reason?: string;
  target?: string;
}

/** The seq and id an append assigned: unique whichever process appends. */
export interface Assigned {
  seq: number;
  id: string;
}

export type AppendResult =
  | { ok: true; record: UpdateRecord }
  | { ok: false; error: string; /** true: refused by validation; false: the write failed */ refused: boolean };

export interface FollowOptions {
  /** A failed read or a throwing `onRecords`; following goes on. */
  onError?: (err: unknown) => void;
}

export interface UpdateLog {
  /**
   * Validates (`validate`, inside the transaction, after the updates other processes accepted since `after`),
   * assigns ids and writes one update; `ok` only once it is durably committed.
   */
  append(
    make: NewUpdate | ((assigned: Assigned) => NewUpdate),
    validate?: (update: UpdateRecord, newer: UpdateRecord[]) => string | null | undefined | void | Promise<string | null | undefined | void>,
    options?: { after?: number },
  ): Promise<AppendResult>;
  /** Every update, oldest first. */
  readAll(): Promise<UpdateRecord[]>;
  /** The updates after this seq, oldest first (at most `limit`): a start from a snapshot reads only these. */
  readSince?(seq: number, limit?: number): Promise<UpdateRecord[]>;
  /** One update by id, whole. */
  get?(id: string): Promise<UpdateRecord | null>;
  /** Calls `onRecords` with the updates after `fromSeq`, then, within a second, with every update any process accepts. */
  follow(
    fromSeq: number,
    onRecords: (records: UpdateRecord[]) => void | Promise<void>,
    options?: FollowOptions,
  ): { ready: Promise<void>; close(): void };
}
