import type { Generated } from 'kysely';

/**
 * The tables, as the query layer sees them. One schema for both drivers: JSON and times are stored as text
 * and flags as 0/1, so a row reads back the same from SQLite and PostgreSQL.
 */
export interface StoreTables {
  updates: UpdatesTable;
  feedback: FeedbackTable;
  audit: AuditTable;
  subscriptions: SubscriptionsTable;
  vote_keys: VoteKeysTable;
  settings: SettingsTable;
  rate_limits: RateLimitsTable;
}

export interface UpdatesTable {
  /** The order updates were accepted in, across every process: followers catch up by it. */
  seq: Generated<number>;
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  actor_platform: string;
  actor_id: string;
  actor_name: string;
  /** ISO 8601. */
  created_at: string;
  reason: string | null;
  /** What a retraction takes back. */
  target: string | null;
}

export interface FeedbackTable {
  id: Generated<number>;
  type: 'vote' | 'unanswered';
  question: string;
  /** The question however it was typed (case, spaces, final punctuation), to count repeats together. */
  question_key: string;
  vote: number | null;
  user_hash: string;
  created_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  created_at: string;
  platform: string;
  /** The platform's id for moderators, a salted hash for everyone else. */
  actor_id: string;
  /** Moderators only. */
  actor_name: string | null;
  moderator: number;
  operation: string;
  allowed: number;
  outcome: string;
}

export interface SubscriptionsTable {
  platform: string;
  chat_id: string;
  created_at: string;
}

export interface VoteKeysTable {
  id: Generated<number>;
  key: string;
  question: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** One row per user who asked lately: the per-user question limit every process shares. */
export interface RateLimitsTable {
  /** The platform: a user key is only unique within it. */
  scope: string;
  /** The salted hash of the user's id, as the adapters log it. */
  user_key: string;
  /** The epoch ms of the questions let through in the window, oldest first, comma-separated. */
  hits: string;
  /** The newest of `hits` (epoch ms): a row whose newest hit has left the window is pruned. */
  last_at: number;
}
