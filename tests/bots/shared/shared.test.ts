import { describe, expect, it } from 'vitest';
import { createConversations, FOLLOW_UP_WINDOW_MS } from '../../../src/bots/shared/follow-ups.js';
import { createQuestionLimit } from '../../../src/bots/shared/question-limit.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import { createVotes } from '../../../src/bots/shared/votes.js';

/** What both platforms share, on its own: the question limit, votes, and the conversation kept for follow-ups. */

describe('the question limit', () => {
  it('tells a user once per wait that they are limited, and again only after the wait is over', () => {
    const limit = createQuestionLimit(createRateLimiter(2, 30_000));
    const at = (s: number) => limit.take('ann', s * 1000);
    expect([at(0), at(1)]).toEqual([{ allowed: true }, { allowed: true }]);
    expect(at(2)).toEqual({ allowed: false, waitMs: 28_000, tell: true });
    expect(at(3)).toEqual({ allowed: false, waitMs: 27_000, tell: false });
    expect(limit.take('bob', 3000)).toEqual({ allowed: true });
    expect(at(31)).toEqual({ allowed: true });
    expect(at(31.5)).toEqual({ allowed: true });
    expect(at(32)).toMatchObject({ allowed: false, tell: true });
  });
});

describe('votes', () => {
  it('records a vote on a recent answer once keyed, and offers no buttons without feedback recording', () => {
    const recorded: unknown[] = [];
    const votes = createVotes({
      vote: (...args) => void recorded.push(['vote', ...args]),
      unanswered: (...args) => void recorded.push(['unanswered', ...args]),
    });
    const keys = votes.offer('What is Vorukh?')!;
    expect(keys.up).toMatch(/^v\+[\w-]{8}$/);
    expect(votes.record(keys.down, 'user1')).toBe(true);
    expect(votes.record('v+unknown', 'user1')).toBe(false);
    votes.unanswered('Capital of France?', 'user2');
    expect(recorded).toEqual([
      ['vote', 'What is Vorukh?', -1, 'user1'],
      ['unanswered', 'Capital of France?', 'user2'],
    ]);
    expect(createVotes(null).offer('What is Vorukh?')).toBeNull();
  });
});

describe('conversations', () => {
  it('offers the previous question in a private chat within the window, and to a reply to an answer at any time', () => {
    let now = 0;
    const talk = createConversations({ now: () => now });
    expect(talk.contextFor('chat', { private: true })).toBeUndefined();
    talk.asked('chat', 'How long is the border?');
    talk.answered('chat', 'How long is the border?', ['m1']);
    now = FOLLOW_UP_WINDOW_MS;
    expect(talk.contextFor('chat', { private: true })).toEqual({ previousQuestion: 'How long is the border?' });
    expect(talk.contextFor('chat', { private: false })).toBeUndefined();
    talk.asked('chat', 'What is Vorukh?');
    now += FOLLOW_UP_WINDOW_MS + 1;
    expect(talk.contextFor('chat', { private: true })).toBeUndefined();
    expect(talk.contextFor('chat', { private: false, replyToBotMessage: 'm1' })).toEqual({ previousQuestion: 'How long is the border?' });
    expect(talk.contextFor('other', { private: false, replyToBotMessage: 'm1' })).toBeUndefined();
    expect(talk.isAnswer('chat', 'm1')).toBe(true);
  });
});
