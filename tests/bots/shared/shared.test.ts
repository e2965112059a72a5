import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createConversations, FOLLOW_UP_WINDOW_MS } from '../../../src/bots/shared/follow-ups.js';
import { createQuestionLimit } from '../../../src/bots/shared/question-limit.js';
import { createRateLimiter } from '../../../src/bots/shared/rate-limit.js';
import { createVotes } from '../../../src/bots/shared/votes.js';
import { openStore, type Store } from '../../../src/store/index.js';

/** What both platforms share, on its own: the question limit, votes, and the conversation kept for follow-ups. */

describe('the question limit', () => {
  it('tells a user once per wait that they are limited, and again only after the wait is over', async () => {
    const limit = createQuestionLimit(createRateLimiter(2, 30_000));
    const at = (s: number) => limit.take('ann', s * 1000);
    expect([await at(0), await at(1)]).toEqual([{ allowed: true }, { allowed: true }]);
    expect(await at(2)).toEqual({ allowed: false, waitMs: 28_000, tell: true });
    expect(await at(3)).toEqual({ allowed: false, waitMs: 27_000, tell: false });
    expect(await limit.take('bob', 3000)).toEqual({ allowed: true });
    expect(await at(31)).toEqual({ allowed: true });
    expect(await at(31.5)).toEqual({ allowed: true });
    expect(await at(32)).toMatchObject({ allowed: false, tell: true });
  });
});

describe('votes', () => {
  it('records a vote on a recent answer once keyed, also after a restart, and offers no buttons without feedback recording', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'votes-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const first = await openStore({ dataDir: dir });
    const recorder = (store: Store) => ({ vote: store.feedback.vote, unanswered: store.feedback.unanswered, voteKeys: store.voteKeys });
    const keys = (await createVotes(recorder(first)).offer('What is Vorukh?'))!;
    expect(keys.up).toMatch(/^v\+[\w-]{8}$/);
    await first.close();

    // The click reaches another process (a restart, a replica): the key is in the store, not in memory.
    const second = await openStore({ dataDir: dir });
    onTestFinished(() => second.close());
    const votes = createVotes(recorder(second));
    expect(await votes.record(keys.down, 'user1')).toBe(true);
    expect(await votes.record('v+unknown', 'user1')).toBe(false);
    await votes.unanswered('Capital of France?', 'user2');
    expect(await second.feedback.gaps()).toEqual({
      unanswered: [{ question: 'Capital of France?', count: 1 }],
      lowestRated: [{ question: 'What is Vorukh?', up: 0, down: 1 }],
    });
    expect(await createVotes(null).offer('What is Vorukh?')).toBeNull();
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
