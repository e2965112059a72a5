import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeService, type Actor, type KnowledgeService } from '../../../src/core/index.js';
import { silentLogger } from '../../../src/log.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const MOD: Actor = { platform: 'cli', userId: 'm', displayName: 'Moderator' };
const REPORT = {
  title: 'Border commissions meet in Batken',
  publisher: 'Test Agency',
  published: '2026-11-20',
  url: 'https://example.org/batken',
  text: 'The commissions met in Batken to discuss the 980-kilometre frontier between the two countries.\n',
};
const FIGURE = {
  kind: 'figure',
  topic: 'border-length',
  unit: 'km',
  sourceId: 'test-agency-2026-11-20-border-commissions-meet-in-batken',
  quote: 'the 980-kilometre frontier between the two countries',
  short: { en: '980 km', ru: '980 км' },
  text: { en: 'The border is 980 km long.', ru: 'Протяжённость границы — 980 км.' },
};

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

async function open(): Promise<{ service: KnowledgeService; dir: string }> {
  const copy = copyKnowledge();
  cleanup.push(copy.remove);
  const service = await createKnowledgeService({ knowledgeDir: copy.dir, logger: silentLogger, now: () => NOW });
  cleanup.push(() => service.close());
  return { service, dir: copy.dir };
}

describe('a moderator’s update through the knowledge service', () => {
  it('refuses 9,800 km quoted from "the 980-kilometre frontier", and takes 980', async () => {
    const { service } = await open();
    expect(service.addSource(REPORT, MOD)).toMatchObject({ ok: true });
    expect(service.addFact({ ...FIGURE, value: 9800 }, MOD)).toEqual({
      ok: false,
      error: 'the value 9800 is not in its quote "the 980-kilometre frontier between the two countries" (numbers there: 980, 2)',
    });
    expect(service.core.ask('How long is the border?', { now: NOW }).text).not.toContain('9800');
    expect(service.addFact({ ...FIGURE, value: 980 }, MOD)).toMatchObject({ ok: true });
  });

  it('refuses a one-word quote', async () => {
    const { service } = await open();
    expect(service.addSource(REPORT, MOD)).toMatchObject({ ok: true });
    expect(service.addFact({ ...FIGURE, kind: 'event', quote: 'Batken' }, MOD)).toEqual({
      ok: false,
      error: 'the quote "Batken" has 1 word; a quote needs at least 4',
    });
  });

  it('refuses a source dated after the service’s today, and a fact dated so', async () => {
    const { service } = await open();
    expect(service.addSource({ ...REPORT, published: '2031' }, MOD)).toEqual({ ok: false, error: '"published" 2031 is after today (2026-11-24)' });
    expect(service.addSource(REPORT, MOD)).toMatchObject({ ok: true });
    expect(service.addFact({ ...FIGURE, value: 980, date: '2027-01' }, MOD)).toEqual({
      ok: false,
      error: '"date" 2027-01 is after today (2026-11-24)',
    });
  });

  it('refuses a 5 MB article, naming the field, the limit and the size, and writes nothing', async () => {
    const { service, dir } = await open();
    expect(service.addSource({ ...REPORT, text: 'The border. '.repeat(420_000) }, MOD)).toEqual({
      ok: false,
      error: '"text" is 5,040,000 characters long; the limit is 200,000',
    });
    expect(service.list()).toEqual([]);
    expect(existsSync(join(dir, 'updates.jsonl'))).toBe(false);
  });

  it('refuses text decoded from invalid UTF-8, a title on two lines and a fact id with capitals', async () => {
    const { service } = await open();
    expect(service.addSource({ ...REPORT, text: 'The commissions met in Batk\ufffdn.' }, MOD)).toEqual({
      ok: false,
      error: '"text" has a replacement character (U+FFFD) at character 27: it was decoded from invalid UTF-8; send the original text',
    });
    expect(service.addSource({ ...REPORT, title: 'Border commissions\nmeet in Batken' }, MOD)).toEqual({
      ok: false,
      error: '"title" must be one line, without line breaks',
    });
    expect(service.addSource(REPORT, MOD)).toMatchObject({ ok: true });
    expect(service.addFact({ ...FIGURE, value: 980, id: 'Length_980' }, MOD)).toEqual({
      ok: false,
      error: 'bad id "Length_980" (lower-case letters, digits and hyphens)',
    });
  });

  it('takes a Russian source without an id, making its id from the Cyrillic publisher', async () => {
    const { service } = await open();
    const added = service.addSource(
      { ...REPORT, publisher: 'Азаттык', title: 'Комиссии встретились в Баткене', text: 'Комиссии встретились в Баткене.\n' },
      MOD,
    );
    expect(added).toMatchObject({ ok: true, record: { payload: { id: 'азаттык-2026-11-20-комиссии-встретились-в-баткене' } } });
  });
});
