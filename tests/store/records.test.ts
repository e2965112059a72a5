import { describe, expect, it } from 'vitest';
import { hashUserId } from '../../src/store/index.js';
import { backends, storesPerTest, titleOf } from './backends.js';

for (const backend of backends) {
  describe.skipIf(backend.skip)(titleOf(backend, 'records'), () => {
    const { store: open } = storesPerTest(backend);
    const store = (salt?: string) => open(salt !== undefined ? { userHashSalt: salt } : {});

    it('lists the gaps: unanswered questions most asked first, however typed, and the lowest rated answers', async () => {
      const s = await store();
      await s.feedback.unanswered('Who owns Vorukh?', 'h1');
      await s.feedback.unanswered('When did the talks start?', 'h1');
      await s.feedback.unanswered('who owns  vorukh', 'h2');
      await s.feedback.vote('How long is the border?', 1, 'h1');
      await s.feedback.vote('how long is the border', -1, 'h2');
      await s.feedback.vote('How long is the border?', -1, 'h3');
      await s.feedback.vote('What is Kok-Tash?', -1, 'h1');
      await s.feedback.vote('Who signed in 2025?', 1, 'h1');
      expect(await s.feedback.gaps()).toEqual({
        unanswered: [
          { question: 'Who owns Vorukh?', count: 2 },
          { question: 'When did the talks start?', count: 1 },
        ],
        lowestRated: [
          { question: 'How long is the border?', up: 1, down: 2 },
          { question: 'What is Kok-Tash?', up: 0, down: 1 },
        ],
      });
      expect((await s.feedback.gaps(1)).unanswered).toHaveLength(1);
    });

    it('audits a moderator by id and name, anyone else by a salted hash alone, and keeps outcomes short', async () => {
      const s = await store('pepper');
      await s.audit.record({
        actor: { platform: 'telegram', userId: '42', displayName: 'Aida' },
        moderator: true,
        operation: 'retract',
        allowed: true,
        outcome: 'accepted u7',
      });
      await s.audit.record({
        actor: { platform: 'discord', userId: '9001', displayName: 'Stranger' },
        moderator: false,
        operation: 'gaps',
        allowed: false,
        outcome: `refused: not a moderator\n${'x'.repeat(500)}`,
      });
      const [refused, allowed] = await s.audit.list();
      expect(allowed).toMatchObject({
        platform: 'telegram',
        actorId: '42',
        actorName: 'Aida',
        moderator: true,
        allowed: true,
        outcome: 'accepted u7',
      });
      expect(refused).toMatchObject({
        platform: 'discord',
        actorId: hashUserId('discord', '9001', 'pepper'),
        actorName: null,
        moderator: false,
        allowed: false,
      });
      expect(JSON.stringify(refused)).not.toContain('9001');
      expect(JSON.stringify(refused)).not.toContain('Stranger');
      expect(refused!.outcome).toHaveLength(200);
      expect(refused!.outcome).not.toContain('\n');
    });

    it('generates a random salt on first start when none is configured, and keeps it', async () => {
      const first = await store('');
      const second = await store();
      expect(first.userHashSalt).toMatch(/^[0-9a-f]{64}$/);
      expect(second.userHashSalt).toBe(first.userHashSalt);
      expect((await store('configured')).userHashSalt).toBe('configured');
    });

    it('keeps subscriptions per platform, each chat once', async () => {
      const s = await store();
      const telegram = s.subscriptions('telegram');
      expect(await telegram.add(-100123)).toBe(true);
      expect(await telegram.add(-100123)).toBe(false);
      expect(await telegram.add(555)).toBe(true);
      expect(await s.subscriptions('discord').list()).toEqual([]);
      expect(await telegram.remove(555)).toBe(true);
      expect(await telegram.remove(555)).toBe(false);
      expect(await telegram.list()).toEqual(['-100123']);
    });

    it('finds the question behind a vote key from another connection, and nothing for an unknown key', async () => {
      const s = await store();
      const key = await s.voteKeys.create('How long is the border?');
      expect(Buffer.byteLength(`v+${key}`)).toBeLessThanOrEqual(64);
      expect(await (await store()).voteKeys.question(key)).toBe('How long is the border?');
      expect(await s.voteKeys.question('nope')).toBeNull();
    });
  });
}
