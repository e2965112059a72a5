import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MAX_QUESTION_CHARS } from '../core/index.js';

/** A 👍 or 👎 on an answer, or a question the bot could not answer. The question text and a hashed user id, nothing more. */
export type FeedbackRecord =
  | { type: 'vote'; question: string; vote: 1 | -1; user: string; at: string }
  | { type: 'unanswered'; question: string; user: string; at: string };

export interface Gaps {
  /** Most asked first. */
  unanswered: Array<{ question: string; count: number }>;
  /** Lowest net vote first. */
  lowestRated: Array<{ question: string; up: number; down: number }>;
}

/** The same question however it was typed: lower case, single spaces, no trailing punctuation. */
const key = (q: string) =>
  q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.]+$/, '')
    .trim();

/**
 * Feedback kept in a JSONL file (data/feedback.jsonl by default): where the next knowledge update should come from.
 * Appends are small and frequent; a lost last line costs one vote, so they are not fsynced like knowledge updates.
 */
export function createFeedbackStore(path: string, now: () => Date = () => new Date()) {
  const append = (r: FeedbackRecord) => {
    mkdirSync(dirname(path), { recursive: true });
    // As much of the question as the bot reads: a 10,000-character message is not kept whole.
    appendFileSync(path, `${JSON.stringify({ ...r, question: r.question.slice(0, MAX_QUESTION_CHARS) })}\n`);
  };
  const read = (): FeedbackRecord[] =>
    existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((l) => {
            try {
              return l.trim() ? [JSON.parse(l) as FeedbackRecord] : [];
            } catch {
              return [];
            }
          })
      : [];
  return {
    vote(question: string, vote: 1 | -1, user: string): void {
      append({ type: 'vote', question, vote, user, at: now().toISOString() });
    },
    unanswered(question: string, user: string): void {
      append({ type: 'unanswered', question, user, at: now().toISOString() });
    },
    gaps(limit = 10): Gaps {
      const asked = new Map<string, { question: string; count: number }>();
      const rated = new Map<string, { question: string; up: number; down: number }>();
      for (const r of read()) {
        const k = key(r.question);
        if (r.type === 'unanswered') {
          const e = asked.get(k) ?? { question: r.question, count: 0 };
          e.count++;
          asked.set(k, e);
        } else {
          const e = rated.get(k) ?? { question: r.question, up: 0, down: 0 };
          if (r.vote > 0) e.up++;
          else e.down++;
          rated.set(k, e);
        }
      }
      return {
        unanswered: [...asked.values()].sort((a, b) => b.count - a.count).slice(0, limit),
        lowestRated: [...rated.values()]
          .filter((e) => e.down > 0)
          .sort((a, b) => a.up - a.down - (b.up - b.down))
          .slice(0, limit),
      };
    },
  };
}

export type FeedbackStore = ReturnType<typeof createFeedbackStore>;
