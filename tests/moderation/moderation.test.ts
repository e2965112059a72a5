import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Actor, KnowledgeService, ListedUpdate, UpdateRecord } from '../../src/core/index.js';
import { createModeration, wordOutcome, type Outcome, type Requester } from '../../src/moderation/index.js';
import { createAuditLog } from '../../src/records/index.js';

/** The moderation flow on its own: who may act, what is audited, and how outcomes are worded in both languages. */

const actor: Actor = { platform: 'telegram', userId: '1', displayName: 'ann' };
const record: UpdateRecord = {
  id: 'u1-aaaaaaaaaaaa',
  kind: 'add-source',
  payload: { id: 'src', title: 'Treaty signed', publisher: 'Agency', published: '2025-03-13', url: null, text: 'x' },
  actor,
  at: '2026-11-24T12:00:00.000Z',
};

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const calls: string[] = [];
  const knowledge: Pick<KnowledgeService, 'addSource' | 'addFact' | 'retract' | 'list' | 'show'> = {
    addSource: () => (calls.push('addSource'), { ok: true, record }),
    addFact: () => (calls.push('addFact'), { ok: false, error: 'quote not found in source "src": "2,000 km"' }),
    retract: () => (
      calls.push('retract'),
      { ok: true, record: { ...record, kind: 'retract', payload: { targetId: 'src' }, reason: 'wrong' } }
    ),
    list: () => (calls.push('list'), []),
    show: (id) => (calls.push('show'), id === record.id ? ({ ...record, retractedBy: null } as ListedUpdate) : null),
  };
  const moderation = createModeration({
    knowledge,
    feedback: { gaps: () => ({ unanswered: [], lowestRated: [] }) },
    audit: createAuditLog(join(dir, 'audit.jsonl')),
  });
  const audit = () =>
    readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { moderation, calls, audit };
}

const stranger: Requester = { actor, moderator: false };
const moderator: Requester = { actor, moderator: true };

describe('moderation', () => {
  it('refuses someone who is not a moderator every action, audits each, and never reaches the knowledge', () => {
    const { moderation, calls, audit } = setUp();
    const outcomes = [
      moderation.addSource(stranger, { value: { title: 't', publisher: 'p', published: '2025', text: 'x' } }),
      moderation.addFact(stranger, { value: {} }),
      moderation.retract(stranger, 'src', 'why'),
      moderation.list(stranger),
      moderation.show(stranger, record.id),
      moderation.gaps(stranger),
    ];
    expect(outcomes.map((o) => [o.status, o.action, o.status === 'refused' ? o.reason : null])).toEqual(
      ['add-source', 'add-fact', 'retract', 'list', 'show', 'gaps'].map((a) => ['refused', a, 'not-a-moderator']),
    );
    expect(calls).toEqual([]);
    expect(audit().map((e) => [e.action, e.outcome, e.reason])).toEqual(outcomes.map((o) => [o.action, 'refused', 'not-a-moderator']));
  });

  it('lets a moderator act, audits the update written, and refuses what cannot be read or found', () => {
    const { moderation, audit } = setUp();
    expect(moderation.check(moderator, 'add-source')).toBeNull();
    expect(moderation.addSource(moderator, { value: { title: 't', publisher: 'p', published: '2025', text: 'x' } })).toMatchObject({
      status: 'accepted',
      result: 'update-accepted',
    });
    expect(moderation.addFact(moderator, { problem: 'fact-json' })).toMatchObject({
      status: 'refused',
      reason: 'bad-input',
      expected: 'fact-json',
    });
    expect(moderation.retract(moderator, '  ', 'why')).toMatchObject({ status: 'refused', reason: 'bad-input', expected: 'retract-id' });
    expect(moderation.show(moderator, 'u-none')).toMatchObject({ status: 'refused', reason: 'not-found', id: 'u-none' });
    expect(audit()).toMatchObject([
      { action: 'add-source', outcome: 'accepted', update: record.id },
      { action: 'add-fact', outcome: 'refused', reason: 'bad-input' },
      { action: 'retract', outcome: 'refused', reason: 'bad-input' },
      { action: 'show', outcome: 'refused', reason: 'not-found' },
    ]);
  });

  it('words every outcome in English and in Russian', () => {
    const { moderation } = setUp();
    const outcomes: Outcome[] = [
      moderation.gaps(stranger),
      moderation.addSource(moderator, { value: { title: 't', publisher: 'p', published: '2025', text: 'x' } }),
      moderation.addFact(moderator, { value: {} }),
      moderation.addSource(moderator, { problem: 'source-line' }),
      moderation.retract(moderator, 'src', 'wrong'),
      moderation.list(moderator),
      moderation.show(moderator, record.id),
      moderation.show(moderator, 'u-none'),
      moderation.gaps(moderator),
    ];
    const en = outcomes.map((o) => wordOutcome(o, 'en').text);
    const ru = outcomes.map((o) => wordOutcome(o, 'ru').text);
    expect(en).toEqual([
      'Only moderators can change or review what I know.',
      'Accepted: New source: “Treaty signed” (Agency, 2025-03-13) (update u1-aaaaaaaaaaaa)',
      'Refused: quote not found in source "src": "2,000 km"',
      'Refused: send /add_source Title | Publisher | YYYY-MM-DD | link (optional), then the article text from the next line on.',
      'Accepted: Retracted src: wrong (update u1-aaaaaaaaaaaa)',
      'No updates yet.',
      'Update u1-aaaaaaaaaaaa, add-source, 2026-11-24T12:00:00.000Z by ann (telegram)',
      'No update with id u-none.',
      'Most asked without an answer:\n(none)\n\nLowest-rated answers:\n(none)',
    ]);
    expect(ru).toHaveLength(en.length);
    for (const [i, text] of ru.entries()) expect(text, `outcome ${i}`).toMatch(/[а-яё]/i);
    expect(wordOutcome(outcomes[6]!, 'en').code).toContain('"title": "Treaty signed"');
  });
});
