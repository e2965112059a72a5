import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Actor, KnowledgeService, ListedUpdate, UpdateRecord } from '../../src/core/index.js';
import { createModeration, wordOutcome, type Outcome, type Requester } from '../../src/moderation/index.js';
import { openStore } from '../../src/store/index.js';

/** The moderation flow on its own: who may act, what is audited, and how outcomes are worded in both languages. */

const actor: Actor = { platform: 'telegram', userId: '1', displayName: 'ann' };
const record: UpdateRecord = {
  seq: 1,
  id: 'u1',
  kind: 'add-source',
  payload: { id: 'src', title: 'Treaty signed', publisher: 'Agency', published: '2025-03-13', url: null, text: 'x' },
  actor,
  at: '2026-11-24T12:00:00.000Z',
};

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const store = await openStore({ dataDir: dir, userHashSalt: 'test-salt' });
  onTestFinished(() => store.close());
  const calls: string[] = [];
  const knowledge: Pick<KnowledgeService, 'addSource' | 'addFact' | 'retract' | 'list' | 'show'> = {
    addSource: async () => (calls.push('addSource'), { ok: true, record }),
    addFact: async () => (calls.push('addFact'), { ok: false, error: 'quote not found in source "src": "2,000 km"' }),
    retract: async () => (
      calls.push('retract'),
      { ok: true, record: { ...record, kind: 'retract', payload: { targetId: 'src' }, reason: 'wrong' } }
    ),
    list: () => (calls.push('list'), []),
    show: async (id) => (calls.push('show'), id === record.id ? ({ ...record, retractedBy: null } as ListedUpdate) : null),
  };
  const moderation = createModeration({
    knowledge,
    feedback: { gaps: async () => ({ unanswered: [{ question: 'Who owns the Vorukh enclave?', count: 3 }], lowestRated: [] }) },
    audit: store.audit,
  });
  // Oldest first, as they were made.
  const audit = async () => (await store.audit.list()).reverse();
  return { moderation, calls, audit };
}

const stranger: Requester = { actor, moderator: false };
const moderator: Requester = { actor, moderator: true };

describe('moderation', () => {
  it('refuses someone who is not a moderator every action, audits each by a hashed id alone, and never reaches the knowledge', async () => {
    const { moderation, calls, audit } = await setUp();
    const outcomes = await Promise.all([
      moderation.addSource(stranger, { value: { title: 't', publisher: 'p', published: '2025', text: 'x' } }),
      moderation.addFact(stranger, { value: {} }),
      moderation.retract(stranger, 'src', 'why'),
      moderation.list(stranger),
      moderation.show(stranger, record.id),
      moderation.gaps(stranger),
    ]);
    expect(outcomes.map((o) => [o.status, o.action, o.status === 'refused' ? o.reason : null])).toEqual(
      ['add-source', 'add-fact', 'retract', 'list', 'show', 'gaps'].map((a) => ['refused', a, 'not-a-moderator']),
    );
    expect(calls).toEqual([]);
    const entries = await audit();
    expect(entries.map((e) => [e.operation, e.allowed, e.outcome]).sort()).toEqual(
      outcomes.map((o) => [o.action, false, 'refused: not-a-moderator']).sort(),
    );
    expect(entries.map((e) => [e.actorId, e.actorName])).toEqual(outcomes.map(() => [expect.not.stringMatching(/^1$/), null]));
  });

  it('lets a moderator act, audits the update written, and refuses what cannot be read or found', async () => {
    const { moderation, audit } = await setUp();
    expect(await moderation.check(moderator, 'add-source')).toBeNull();
    expect(await moderation.addSource(moderator, { value: { title: 't', publisher: 'p', published: '2025', text: 'x' } })).toMatchObject({
      status: 'accepted',
      result: 'update-accepted',
    });
    expect(await moderation.addFact(moderator, { problem: 'fact-json' })).toMatchObject({
      status: 'refused',
      reason: 'bad-input',
      expected: 'fact-json',
    });
    expect(await moderation.retract(moderator, '  ', 'why')).toMatchObject({
      status: 'refused',
      reason: 'bad-input',
      expected: 'retract-id',
    });
    expect(await moderation.show(moderator, 'u-none')).toMatchObject({ status: 'refused', reason: 'not-found', id: 'u-none' });
    expect(await audit()).toMatchObject([
      { operation: 'add-source', allowed: true, outcome: `accepted: ${record.id}`, actorId: '1', actorName: 'ann' },
      { operation: 'add-fact', allowed: false, outcome: 'refused: bad-input' },
      { operation: 'retract', allowed: false, outcome: 'refused: bad-input' },
      { operation: 'show', allowed: false, outcome: 'refused: not-found' },
    ]);
  });

  it('keeps no question text in the audit when a moderator lists the gaps', async () => {
    const { moderation, audit } = await setUp();
    const outcome = await moderation.gaps(moderator);
    expect(wordOutcome(outcome, 'en').text).toContain('Who owns the Vorukh enclave?');
    const [entry] = await audit();
    expect(entry).toMatchObject({ operation: 'gaps', allowed: true, outcome: 'accepted: 1 unanswered, 0 low-rated' });
    expect(JSON.stringify(await audit())).not.toContain('Vorukh');
  });

  it('words every outcome in English and in Russian', async () => {
    const { moderation } = await setUp();
    const outcomes: Outcome[] = [];
    for (const request of [
      () => moderation.gaps(stranger),
      () => moderation.addSource(moderator, { value: { title: 't', publisher: 'p', published: '2025', text: 'x' } }),
      () => moderation.addFact(moderator, { value: {} }),
      () => moderation.addSource(moderator, { problem: 'source-line' }),
      () => moderation.retract(moderator, 'src', 'wrong'),
      () => moderation.list(moderator),
      () => moderation.show(moderator, record.id),
      () => moderation.show(moderator, 'u-none'),
      () => moderation.gaps(moderator),
    ])
      outcomes.push(await request());
    const en = outcomes.map((o) => wordOutcome(o, 'en').text);
    const ru = outcomes.map((o) => wordOutcome(o, 'ru').text);
    expect(en).toEqual([
      'Only moderators can change or review what I know.',
      'Accepted: New source: “Treaty signed” (Agency, 2025-03-13) (update u1)',
      'Refused: quote not found in source "src": "2,000 km"',
      'Refused: send /add_source Title | Publisher | YYYY-MM-DD | link (optional), then the article text from the next line on.',
      'Accepted: Retracted src: wrong (update u1)',
      'No updates yet.',
      'Update u1, add-source, 2026-11-24T12:00:00.000Z by ann (telegram)',
      'No update with id u-none.',
      'Most asked without an answer:\n3 × Who owns the Vorukh enclave?\n\nLowest-rated answers:\n(none)',
    ]);
    expect(ru).toHaveLength(en.length);
    for (const [i, text] of ru.entries()) expect(text, `outcome ${i}`).toMatch(/[а-яё]/i);
    expect(wordOutcome(outcomes[6]!, 'en').code).toContain('"title": "Treaty signed"');
  });
});
