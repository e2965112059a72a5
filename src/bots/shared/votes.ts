import type { FeedbackRecords, VoteKeys } from '../../store/index.js';

/** What the bots record of feedback: a vote on an answer, a question they could not answer, and the buttons' keys. */
export type FeedbackRecorder = Pick<FeedbackRecords, 'vote' | 'unanswered'> & {
  /** Kept in the store, so a click counts whichever process answered and whichever receives it, restarts included. */
  voteKeys: VoteKeys;
};

/**
 * 👍 and 👎 under answers, and the unanswered questions, recorded through `feedback` (none: no buttons, nothing
 * recorded). A button carries a short key ("v+KEY", "v-KEY": within Telegram's 64 bytes of callback data and
 * Discord's 100-character custom id); the question stays in the store. Feedback that cannot be saved is reported
 * to `onError` and never keeps an answer from its user.
 */
export function createVotes(feedback: FeedbackRecorder | null, onError: (err: unknown) => void = () => {}) {
  return {
    enabled: feedback !== null,
    /** Keys for the two buttons under an answer to `question`, or null without feedback recording. */
    async offer(question: string): Promise<{ up: string; down: string } | null> {
      if (!feedback) return null;
      try {
        const key = await feedback.voteKeys.create(question);
        return { up: `v+${key}`, down: `v-${key}` };
      } catch (err) {
        onError(new Error(`could not keep a vote key: ${String(err)}`, { cause: err }));
        return null;
      }
    },
    /** Whether this is a vote button's data. */
    isVote: (data: string): boolean => /^v[+-]./.test(data),
    /** Records the vote; false when the answer is too old to rate (or the data is no vote). */
    async record(data: string, userKey: string): Promise<boolean> {
      const m = /^v([+-])(.+)$/.exec(data);
      if (!m || !feedback) return false;
      const question = await feedback.voteKeys.question(m[2]!);
      if (question === null) return false;
      await feedback.vote(question, m[1] === '+' ? 1 : -1, userKey);
      return true;
    },
    async unanswered(question: string, userKey: string): Promise<void> {
      await feedback
        ?.unanswered(question, userKey)
        .catch((err: unknown) => onError(new Error(`could not record an unanswered question: ${String(err)}`, { cause: err })));
    },
  };
}

export type Votes = ReturnType<typeof createVotes>;
