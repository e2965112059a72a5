import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKnowledgeService,
  type Actor,
  type KnowledgeService,
  type ReloadResult,
  type UpdateResult,
} from '../../../src/core/index.js';
import { silentLogger } from '../../../src/log.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';

const MOD: Actor = { platform: 'telegram', userId: '42', displayName: 'Moderator' };
const TREATY = {
  title: 'Presidents sign the border treaty',
  publisher: 'Test Agency',
  published: '2025-03-13',
  url: 'https://example.org/treaty',
  text: 'On 13 March 2025 the presidents signed the border treaty in Bishkek. The treaty settles the last disputed segments of the border. With it, 100 percent of the border is delimited.\n',
};

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A copy of the knowledge and a database of its own (SQLite in a temporary folder), unless given those of an earlier start. */
async function open(earlier?: { dir: string; dataDir: string }): Promise<{ service: KnowledgeService; dir: string; dataDir: string; store: Store }> {
  let dir = earlier?.dir;
  let dataDir = earlier?.dataDir;
  if (!dir || !dataDir) {
    const copy = copyKnowledge();
    cleanup.push(copy.remove);
    dir = copy.dir;
    dataDir = mkdtempSync(join(tmpdir(), 'data-'));
    const d = dataDir;
    cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  }
  const store = await openStore({ dataDir, now: () => TEST_NOW });
  cleanup.push(() => store.close());
  const service = await createKnowledgeService({ knowledgeDir: dir, logger: silentLogger, now: () => TEST_NOW, updates: store.updates });
  cleanup.push(() => service.close());
  return { service, dir, dataDir, store };
}
const ask = (s: KnowledgeService, q: string) => s.core.ask(q, { now: TEST_NOW });

const LENGTH_FACT = {
  kind: 'figure',
  topic: 'border-length',
  value: 970,
  unit: 'km',
  sourceId: 'asiaplus-2022-11-tashiyev-talks',
  quote: 'about 970 kilometers long',
  text: { en: 'About 970 km.', ru: 'Около 970 км.' },
};

describe('moderator updates', () => {
  it('adds a source: the next question cites it, /sources lists it, and the store holds the record', async () => {
    const { service, store } = await open();
    const started = performance.now();
    const result = await service.addSource(TREATY, MOD);
    const answer = ask(service, 'Where was the border treaty signed?');
    const ms = performance.now() - started;
    expect(result.ok).toBe(true);
    expect(answer.citations[0]).toMatchObject({
      sourceId: 'test-agency-2025-03-13-presidents-sign-the-border-treaty',
      quote: 'On 13 March 2025 the presidents signed the border treaty in Bishkek.',
    });
    expect(ms).toBeLessThan(1000);
    expect(service.core.sources()[0]?.title).toBe('Presidents sign the border treaty');
    const lines = await store.updates.readAll();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'add-source', actor: MOD, at: TEST_NOW.toISOString(), payload: { title: TREATY.title } });
  });

  it('adds a fact that then leads its topic as the newest figure, the older ones following', async () => {
    const { service } = await open();
    const source = await service.addSource(TREATY, MOD);
    expect(source.ok).toBe(true);
    const sourceId = source.ok ? String(source.record.payload.id) : '';
    const fact = await service.addFact(
      {
        id: 'delimited-treaty-2025',
        kind: 'figure',
        topic: 'border-delimited',
        value: 100,
        unit: 'percent',
        sourceId,
        quote: 'With it, 100 percent of the border is delimited.',
        short: { en: 'the whole border settled by the treaty', ru: 'вся граница урегулирована договором' },
        text: { en: 'The treaty settles the last disputed segments.', ru: 'Договор урегулирует последние спорные участки.' },
      },
      MOD,
    );
    expect(fact).toMatchObject({ ok: true });
    const a = ask(service, 'How much of the border has been delimited?');
    expect(a.text).toContain(
      'Latest, as of 13 March 2025: the whole border settled by the treaty (Test Agency, 13 March 2025). Earlier figures: both sides claim',
    );
    expect(a.citations[0]?.sourceId).toBe(sourceId);
  });

  it('refuses what the files would refuse, saying what is wrong, and writes nothing', async () => {
    const { service, store } = await open();
    const base = {
      kind: 'figure',
      topic: 'border-length',
      sourceId: 'asiaplus-2022-11-tashiyev-talks',
      quote: 'about 970 kilometers long',
      text: { en: 'x', ru: 'y' },
    };
    expect(await service.addFact({ ...base, sourceId: 'nope' }, MOD)).toEqual({ ok: false, error: 'unknown sourceId "nope"' });
    expect(await service.addFact({ ...base, quote: 'about 1,200 kilometers long' }, MOD)).toEqual({
      ok: false,
      error: 'quote not found in source "asiaplus-2022-11-tashiyev-talks": "about 1,200 kilometers long"',
    });
    expect(await service.addFact({ ...base, date: '2025-02-30' }, MOD)).toEqual({
      ok: false,
      error: 'bad date in "date": "2025-02-30" (expected YYYY, YYYY-MM or YYYY-MM-DD)',
    });
    expect(await service.addFact({ ...base, id: 'length-asiaplus-2022' }, MOD)).toEqual({ ok: false, error: 'duplicate fact id' });
    expect(await service.addSource({ ...TREATY, published: 'March 2025' }, MOD)).toEqual({
      ok: false,
      error: 'bad date "March 2025" (expected YYYY, YYYY-MM or YYYY-MM-DD)',
    });
    expect(await service.addSource({ ...TREATY, id: 'diplomat-2025-02-hope-and-fear' }, MOD)).toEqual({
      ok: false,
      error: 'a source with id "diplomat-2025-02-hope-and-fear" already exists',
    });
    expect(await service.retract('length-asiaplus-2022', '  ', MOD)).toEqual({ ok: false, error: 'a retraction needs a reason' });
    expect(await store.updates.readAll()).toEqual([]);
  });

  it('retracts a source: no answer cites it from the next question on, and its record stays', async () => {
    const { service } = await open();
    const added = await service.addSource(TREATY, MOD);
    const updateId = added.ok ? added.record.id : '';
    expect(await service.retract(updateId, 'The agency withdrew the report', MOD)).toMatchObject({ ok: true });
    const a = ask(service, 'Where was the border treaty signed?');
    expect(a.citations.map((c) => c.sourceId)).not.toContain('test-agency-2025-03-13-presidents-sign-the-border-treaty');
    expect(service.list().map((u) => u.kind)).toEqual(['retract', 'add-source']);
    expect((await service.show(updateId))?.retractedBy).toBe(service.list()[0]?.id);
  });

  it('replays the log at start: a restarted bot knows every update', async () => {
    const first = await open();
    const { service } = first;
    await service.addSource(TREATY, MOD);
    await service.retract('length-eurasianet-2023', 'Superseded', MOD);
    service.close();
    const { service: again } = await open(first);
    expect(ask(again, 'Where was the border treaty signed?').citations[0]?.sourceId).toBe(
      'test-agency-2025-03-13-presidents-sign-the-border-treaty',
    );
    expect(ask(again, 'How long is the border?').facts.map((f) => f.id)).not.toContain('length-eurasianet-2023');
    expect(again.list()).toHaveLength(2);
  });

  it('reports a stored update that a hand edit made inapplicable by its seq, skips it, and goes on', async () => {
    const first = await open();
    const fact = await first.service.addFact({ ...LENGTH_FACT, id: 'length-moderated' }, MOD);
    expect(fact).toMatchObject({ ok: true });
    first.service.close();
    writeFileSync(
      join(first.dir, 'facts', 'length-moderated.json'),
      JSON.stringify([{ ...LENGTH_FACT, id: 'length-moderated', text: { en: 'By hand.', ru: 'Вручную.' } }], null, 2),
    );
    const { service } = await open(first);
    expect(service.problems).toEqual([{ file: 'stored updates', line: 1, message: 'update u1 no longer applies: duplicate fact id' }]);
    expect(ask(service, 'How long is the border?').answered).toBe(true);
  });
});

describe('ids and the update list after a retraction', () => {
  const FACT = {
    kind: 'figure',
    topic: 'border-length',
    value: 975,
    unit: 'km',
    // A source of its own: an answer shows one figure per source, so a second figure on a bundled source would hide.
    sourceId: 'test-survey-2025-05-01-survey-measures-the-border',
    quote: 'puts the border at 975 kilometers long',
    short: { en: '975 km', ru: '975 км' },
    text: { en: 'About 975 km.', ru: 'Около 975 км.' },
  };
  const SURVEY = {
    title: 'Survey measures the border',
    publisher: 'Test Survey',
    published: '2025-05-01',
    url: null,
    text: 'A new survey puts the border at 975 kilometers long, from tripoint to tripoint.\n',
  };
  const accepted = (r: UpdateResult) => {
    if (!r.ok) throw new Error(`refused: ${r.error}`);
    return r.record;
  };

  it('never gives a new fact the id of a retracted one, and lists the new fact as in force', async () => {
    const { service } = await open();
    accepted(await service.addSource(SURVEY, MOD));
    const first = accepted(await service.addFact(FACT, MOD));
    accepted(await service.retract(String(first.payload.id), 'Wrong figure', MOD));
    const second = accepted(await service.addFact(FACT, MOD));

    expect(second.payload.id).not.toBe(first.payload.id);
    expect(String(second.payload.id)).toMatch(/^border-length-/);
    const [newest, retraction, oldest] = service.list();
    expect([newest?.id, retraction?.kind, oldest?.id]).toEqual([second.id, 'retract', first.id]);
    expect(newest?.retractedBy).toBeNull();
    expect(oldest?.retractedBy).toBe(retraction?.id);
    expect(ask(service, 'How long is the border?').facts.map((f) => f.id)).toContain(second.payload.id);
  });

  it('gives a re-added source without an id a name of its own, not the retracted one’s', async () => {
    const { service } = await open();
    const first = accepted(await service.addSource(TREATY, MOD));
    accepted(await service.retract(first.id, 'Withdrawn', MOD));
    const second = accepted(await service.addSource(TREATY, MOD));

    expect(first.payload.id).toBe('test-agency-2025-03-13-presidents-sign-the-border-treaty');
    expect(String(second.payload.id)).toMatch(/^test-agency-2025-03-13-presidents-sign-the-border-treaty-u/);
    expect((await service.show(second.id))?.retractedBy).toBeNull();
    expect((await service.show(first.id))?.retractedBy).toBe(service.list()[1]?.id);
    // A second copy of a source in use is still refused as a duplicate, not given a new name.
    expect(await service.addSource(TREATY, MOD)).toEqual({ ok: false, error: `a source with id "${String(second.payload.id)}" already exists` });
  });

  it('matches a retraction to the update it took back when a moderator re-adds a fact under the same id, also after a restart', async () => {
    const opened = await open();
    const { service } = opened;
    const survey = accepted(await service.addSource(SURVEY, MOD));
    const first = accepted(await service.addFact({ ...FACT, id: 'length-moderated' }, MOD));
    const retraction = accepted(await service.retract('length-moderated', 'Wrong source', MOD));
    const again = accepted(await service.addFact({ ...FACT, id: 'length-moderated' }, MOD));

    expect((await service.show(again.id))?.retractedBy).toBeNull();
    expect((await service.show(first.id))?.retractedBy).toBe(retraction.id);
    // The first update's id no longer stands for the fact: it must not take back the one added since.
    expect(await service.retract(first.id, 'Again', MOD)).toEqual({ ok: false, error: `update ${first.id} has already been retracted` });
    expect(ask(service, 'How long is the border?').facts.map((f) => f.id)).toContain('length-moderated');

    service.close();
    const { service: restarted } = await open(opened);
    expect(restarted.list().map((u) => [u.id, u.retractedBy])).toEqual([
      [again.id, null],
      [retraction.id, null],
      [first.id, retraction.id],
      [survey.id, null],
    ]);
  });
});

describe('hand edits of the knowledge files', () => {
  it('are picked up while the bot runs; an invalid edit keeps the last good knowledge and names file and line', async () => {
    const copy = copyKnowledge();
    cleanup.push(copy.remove);
    const service = await createKnowledgeService({ knowledgeDir: copy.dir, logger: silentLogger, now: () => TEST_NOW, watch: true });
    cleanup.push(() => service.close());
    const next = () =>
      new Promise<ReloadResult>((resolve) => {
        const off = service.onReload((r) => {
          off();
          resolve(r);
        });
      });

    const file = join(copy.dir, 'facts', 'edited.json');
    const fact = {
      id: 'meetings-edited',
      kind: 'figure',
      topic: 'talks-meetings',
      value: 171,
      unit: 'meetings',
      sourceId: 'asiaplus-2022-11-tashiyev-talks',
      quote: 'more than 170 meetings',
      short: { en: 'more than 170, says the edit', ru: 'более 170' },
      text: { en: 'An edited figure.', ru: 'Исправленная цифра.' },
    };
    let reloaded = next();
    writeFileSync(file, JSON.stringify([fact], null, 2));
    expect(await reloaded).toMatchObject({ ok: true });
    expect(ask(service, 'How many meetings on delimitation have the two countries held?').facts.map((f) => f.id)).toContain(
      'meetings-edited',
    );

    reloaded = next();
    writeFileSync(file, JSON.stringify([{ ...fact, sourceId: 'no-such-source' }], null, 2));
    const bad = await reloaded;
    expect(bad).toEqual({
      ok: false,
      problems: [
        { file: join(copy.dir, 'facts/edited.json'), line: 3, message: 'fact "meetings-edited": unknown sourceId "no-such-source"' },
      ],
    });
    expect(ask(service, 'How many meetings on delimitation have the two countries held?').facts.map((f) => f.id)).toContain(
      'meetings-edited',
    );
  });
});
