import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeService, type Actor, type Answer, type KnowledgeService } from '../../../src/core/index.js';
import { silentLogger } from '../../../src/log.js';
import { openStore } from '../../../src/store/index.js';
import { KY_TG_TEXTS } from '../../../src/core/languages/index.js';
import { TEST_NOW } from '../../helpers/core.js';
import { copyKnowledge } from '../../helpers/knowledge-copy.js';

const MOD: Actor = { platform: 'discord', userId: '7', displayName: 'Moderator' };
/** A newer report on matters the bundled knowledge covers (the treaty, the length), added with no fact at all. */
const REPORT = {
  id: 'kabar-2025-03-treaty-signed',
  title: 'Kyrgyzstan and Tajikistan sign the border treaty',
  publisher: 'Kabar',
  published: '2025-03-14',
  url: 'https://example.org/kabar-treaty',
  text:
    'The presidents of Kyrgyzstan and Tajikistan signed the treaty on the state border in Bishkek on March 13. ' +
    'The border is 980 kilometers long, and all of it is now agreed.\n',
};

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function withReport(report: typeof REPORT = REPORT): Promise<KnowledgeService> {
  const copy = copyKnowledge();
  cleanup.push(copy.remove);
  const dataDir = mkdtempSync(join(tmpdir(), 'data-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const store = await openStore({ dataDir, now: () => TEST_NOW });
  cleanup.push(() => store.close());
  const service = await createKnowledgeService({
    knowledgeDir: copy.dir,
    logger: silentLogger,
    now: () => TEST_NOW,
    updates: store.updates,
  });
  cleanup.push(() => service.close());
  expect(await service.addSource(report, MOD)).toMatchObject({ ok: true });
  return service;
}
const ask = (s: KnowledgeService, q: string): Answer => s.core.ask(q, { now: TEST_NOW });
const cites = (a: Answer) => a.citations.map((c) => c.sourceId);

describe('a newer source added by a moderator, with no fact', () => {
  it('shows its figure beside the older ones however the source writes the unit ("the 980-kilometre frontier")', async () => {
    const hyphenated = {
      ...REPORT,
      text: 'The presidents signed the treaty on the state border in Bishkek on March 13. The treaty describes the whole 980-kilometre frontier.\n',
    };
    const service = await withReport(hyphenated);
    const en = ask(service, 'How long is the border?');
    expect(en.text).toMatch(
      /^The sources differ on the length of the border\. Latest, as of 14 March 2025: 980 km \(Kabar, 14 March 2025\)\. Earlier figures: almost 1,000 km/,
    );
    expect(cites(en)[0]).toBe(REPORT.id);
    const ru = ask(service, 'Какова протяжённость границы?');
    expect(ru.text).toContain('на 14 марта 2025 г.: 980 км (Kabar, 14 марта 2025 г.)');
  });

  it('leads the answer on whether the treaty is signed, and dates the answer by it', async () => {
    const service = await withReport();
    const a = ask(service, 'Has a border treaty been signed?');
    expect(a.answered).toBe(true);
    expect(cites(a)[0]).toBe(REPORT.id);
    // Yes first, as of the report that says so, then the report's own sentence.
    expect(a.text).toMatch(
      /^Yes, as of 14 March 2025\. Kabar \(14 March 2025\) writes: “The presidents of Kyrgyzstan and Tajikistan signed the treaty/,
    );
    expect(a.asOf).toBe('2025-03-14');
    expect(a.text).toContain('my newest source on this is from 14 March 2025');
  });

  it('shows its figure as the latest beside the older ones, each with who and when', async () => {
    const service = await withReport();
    const a = ask(service, 'How long is the border?');
    expect(a.text).toMatch(
      /^The sources differ on the length of the border\. Latest, as of 14 March 2025: 980 km \(Kabar, 14 March 2025\)\. Earlier figures: /,
    );
    for (const older of [
      'almost 1,000 km (Eurasianet, 24 October 2023)',
      'about 970 km (Asia-Plus, November 2022)',
      '971 km (Asia-Plus, 20 November 2020)',
    ])
      expect(a.text).toContain(older);
    expect(cites(a)[0]).toBe(REPORT.id);
  });

  it('does the same in Russian: the Russian question reaches the English report', async () => {
    const service = await withReport();
    const length = ask(service, 'Какова протяжённость границы?');
    expect(length.language).toBe('ru');
    expect(length.text).toMatch(
      /^Источники расходятся \(протяжённость границы\)\. Последние данные, на 14 марта 2025 г\.: 980 км \(Kabar, 14 марта 2025 г\.\)\./,
    );
    expect(length.text).toContain('Более ранние данные: почти 1000 км (Eurasianet, 24 октября 2023 г.)');
    const signed = ask(service, 'Подписан ли договор о границе?');
    expect(cites(signed)[0]).toBe(REPORT.id);
    // The report has no Russian wording: its sentence is quoted in its own language, and said to be.
    expect(signed.text).toMatch(
      /^Да, по состоянию на 14 марта 2025 г\. Kabar \(14 марта 2025 г\.\) пишет \(на языке источника\): «The presidents of Kyrgyzstan and Tajikistan signed/,
    );
  });

  it('answers a Kyrgyz question on the figures in Russian, after a Kyrgyz line saying so: the figures have no Kyrgyz wording', async () => {
    const service = await withReport();
    const a = ask(service, 'Чек аранын узундугу канча?');
    expect(a.language).toBe('ky');
    expect(a.answered).toBe(true);
    const [note, answer] = a.text.split('\n');
    expect(note).toBe(KY_TG_TEXTS.ky.answeredInRussian);
    expect(answer).toMatch(/^Источники расходятся \(протяжённость границы\)\. Последние данные, на /);
    expect(answer).toContain('около 970 км (Asia-Plus, ноябрь 2022 г.)');
  });

  it('is cited nowhere once retracted, in either language', async () => {
    const service = await withReport();
    expect(await service.retract(REPORT.id, 'test report', MOD)).toMatchObject({ ok: true });
    const questions = [
      'Has a border treaty been signed?',
      'How long is the border?',
      'Какова протяжённость границы?',
      'Подписан ли договор о границе?',
    ];
    const answers = questions.map((q) => ask(service, q));
    expect(answers.every((a) => a.answered)).toBe(true);
    for (const [i, a] of answers.entries()) {
      expect(cites(a), questions[i]).not.toContain(REPORT.id);
      expect(a.text, questions[i]).not.toContain('980');
    }
    expect(ask(service, 'How long is the border?').text).toContain(
      'Latest, as of 24 October 2023: almost 1,000 km (Eurasianet, 24 October 2023)',
    );
  });
});
