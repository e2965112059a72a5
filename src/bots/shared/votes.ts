import { randomBytes } from 'node:crypto';
import type { FeedbackStore } from '../../records/index.js';

/** What the bots record of feedback: a vote on an answer, and a question they could not answer. */
export type FeedbackRecorder = Pick<FeedbackStore, 'vote' | 'unanswered'>;

/** How many answers can still be rated: the newest ones. */
const KEPT = 5_000;

/**
 * 👍 and 👎 under answers, and the unanswered questions, recorded through `feedback` (none: no buttons, nothing
 * recorded). A button carries a short key ("v+KEY", "v-KEY": within Telegram's 64 bytes of callback data and
 * Discord's 100-character custom id); the question stays here.
 */
export function createVotes(feedback: FeedbackRecorder | null) {
  const questions = new Map<string, string>();
  return {
    enabled: feedback !== null,
    /** Keys for the two buttons under an answer to `question`, or null without feedback recording. */
    offer(question: string): { up: string; down: string } | null {
      if (!feedback) return null;
      const key = randomBytes(6).toString('base64url');
      questions.set(key, question);
      if (questions.size > KEPT) questions.delete(questions.keys().next().value!);
      return { up: `v+${key}`, down: `v-${key}` };
    },
    /** Whether this is a vote button's data. */
    isVote: (data: string): boolean => /^v[+-]./.test(data),
    /** Records the vote; false when the answer is too old to rate (or the data is no vote). */
    record(data: string, userKey: string): boolean {
      const m = /^v([+-])(.+)$/.exec(data);
      const question = m ? questions.get(m[2]!) : undefined;
      if (!m || question === undefined || !feedback) return false;
      feedback.vote(question, m[1] === '+' ? 1 : -1, userKey);
      return true;
    },
    unanswered(question: string, userKey: string): void {
      feedback?.unanswered(question, userKey);
    },
  };
}

export type Votes = ReturnType<typeof createVotes>;
