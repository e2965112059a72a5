import type { Actor, ListedUpdate, SourceInput, UpdateRecord } from '../core/index.js';
import type { Gaps } from '../records/index.js';

/** What a moderator can do, named the same on every platform: these names are the audit log's vocabulary. */
export const MODERATION_ACTIONS = ['add-source', 'add-fact', 'list', 'show', 'retract', 'gaps'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Who acts, and whether the adapter found them to be a moderator (Telegram: a listed id; Discord: a role or Manage Server). */
export interface Requester {
  actor: Actor;
  moderator: boolean;
}

/** Input an adapter could not read; the outcome says what was expected, in the moderator's language. */
export type InputProblem = 'source-line' | 'source-text' | 'source-file' | 'fact-json' | 'retract-id' | 'retract-reason';

/** Why a request was refused: an identifier each adapter words, with the arguments the wording needs. */
export type Refusal =
  | { reason: 'not-a-moderator' }
  | { reason: 'bad-input'; expected: InputProblem }
  /** The knowledge service said no; `error` is its own explanation (a missing field, a quote not in its source…). */
  | { reason: 'rejected'; error: string }
  | { reason: 'not-found'; id: string };

export type Accepted =
  | { action: 'add-source' | 'add-fact' | 'retract'; result: 'update-accepted'; update: UpdateRecord }
  | { action: 'list'; result: 'updates-listed'; updates: ListedUpdate[] }
  | { action: 'show'; result: 'update-shown'; update: ListedUpdate }
  | { action: 'gaps'; result: 'gaps-listed'; gaps: Gaps };

/** What came of a request: plain data, worded by moderation/texts.ts and sent by the adapter. */
export type Outcome = ({ status: 'accepted' } & Accepted) | ({ status: 'refused'; action: ModerationAction } & Refusal);

/** Adapters pass what they read, or the problem they found reading it: the refusal is audited here either way. */
export type Read<T> = { value: T } | { problem: InputProblem };

export type { SourceInput };
