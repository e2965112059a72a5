import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cutAtSentence,
  EMBED_LIMITS,
  renderDiscordAnswer,
  renderDiscordSources,
  renderDiscordText,
  type DiscordMessage,
} from '../../../src/bots/discord/render.js';
import type { Answer, Citation } from '../../../src/core/index.js';
import { makeAnswer, makeCitation } from '../../helpers/answers.js';

const citation = (over: Partial<Citation> = {}) =>
  makeCitation({ publisher: 'Asia-Plus', url: 'https://example.org/a', quote: 'The border is about 970 kilometers long.', ...over });
const answer = (over: Partial<Answer> = {}) => makeAnswer({ text: 'About 970 km.', citations: [citation()], ...over });

type Embed = DiscordMessage['embeds'][number];
const total = (e: Embed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
const buttons = (m: DiscordMessage) =>
  m.components
    .flatMap((row) => row.components)
    .map((b) => ({ label: 'label' in b ? b.label : undefined, url: 'url' in b ? b.url : undefined }));

/** Discord's limits, checked the way Discord checks them: a message breaking one is refused whole. */
function withinLimits(m: DiscordMessage): void {
  expect(m.embeds).toHaveLength(1);
  const e = m.embeds[0]!;
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
  expect(e.description!.trim().length).toBeGreaterThan(0);
  expect(e.description!.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
  expect((e.fields ?? []).length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.value.length).toBeGreaterThan(0);
  }
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
  expect(total(e)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  expect(m.allowedMentions.parse).toEqual([]);
  expect(m.components.length).toBeLessThanOrEqual(5);
  for (const row of m.components) expect(row.components.length).toBeLessThanOrEqual(5);
  for (const b of buttons(m)) {
    expect(b.label!.length).toBeGreaterThan(0);
    expect(b.label!.length).toBeLessThanOrEqual(80);
    expect(b.url!.length).toBeLessThanOrEqual(512);
    expect(b.url).toMatch(/^https?:\/\//);
  }
}

describe('the Discord embed', () => {
  it('shows the text, each citation as publisher · date with its quote and link, the "as of" line, and a link button per source', () => {
    const m = renderDiscordAnswer(
      answer({
        citations: [citation(), citation({ publisher: 'The Diplomat', published: '2025-02', url: null, quote: 'Vorukh *is* contested.' })],
      }),
    );
    const e = m.embeds[0]!;
    expect(e.description).toBe('About 970 km.');
    expect(e.fields).toEqual([
      { name: '[1] Asia-Plus · November 2022', value: '> The border is about 970 kilometers long.\nhttps://example.org/a' },
      { name: '[2] The Diplomat · February 2025', value: '> Vorukh \\*is\\* contested.' },
    ]);
    expect(e.footer?.text).toBe('As of November 2022');
    expect(buttons(m)).toEqual([{ label: '[1] Asia-Plus · November 2022', url: 'https://example.org/a' }]);
    expect(m.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('labels each button as its citation, so two articles of one publisher can be told apart; one button per address', () => {
    const m = renderDiscordAnswer(
      answer({
        citations: [
          citation({ published: '2022-11', url: 'https://example.org/a' }),
          citation({ published: '2020-11-20', url: 'https://example.org/b' }),
          citation({ published: '2017', url: 'https://example.org/a' }),
        ],
      }),
    );
    expect(buttons(m)).toEqual([
      { label: '[1] Asia-Plus · November 2022', url: 'https://example.org/a' },
      { label: '[2] Asia-Plus · 20 November 2020', url: 'https://example.org/b' },
    ]);
  });

  it('dates the footer in Russian for a Russian answer, with the note that the sources are old', () => {
    const e = renderDiscordAnswer(answer({ language: 'ru', asOf: '2023-10-24', staleNote: 'Источнику больше года.' })).embeds[0]!;
    expect(e.footer?.text).toBe('По состоянию на 24 октября 2023 г. · Источнику больше года.');
    expect(e.fields?.[0]?.name).toBe('[1] Asia-Plus · ноябрь 2022 г.');
  });

  it('cuts a long text at a sentence boundary and marks the cut', () => {
    const text = `${'The border is long. '.repeat(300)}`;
    const cut = cutAtSentence(text, 4096);
    expect(cut.length).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('long.…')).toBe(true);
    const e = renderDiscordAnswer(answer({ text })).embeds[0]!;
    expect(e.description!.endsWith('long.…')).toBe(true);
  });

  it('never splits a surrogate pair or leaves a dangling escape at the cut', () => {
    expect(cutAtSentence('😀'.repeat(100), 51)).toBe(`${'😀'.repeat(25)}…`);
    expect(cutAtSentence(`${'a'.repeat(9)}\\${'b'.repeat(20)}`, 11)).toBe(`${'a'.repeat(9)}…`);
  });

  it('keeps a quote as written: masked links, headings, bold and code are shown, not rendered', () => {
    const quote = '# Vorukh [click here](https://evil.example) is **contested** `x`';
    const value = renderDiscordAnswer(answer({ citations: [citation({ quote })] })).embeds[0]!.fields![0]!.value;
    expect(value).toContain('\\[click here](https://evil.example)');
    expect(value).toContain('\\# Vorukh');
    expect(value).toContain('\\*\\*contested\\*\\*');
    expect(value).toContain('\\`x\\`');
  });

  it('offers no button, and shows no address, for a link that is not http(s) or is longer than Discord takes', () => {
    for (const url of ['javascript:alert(1)', `https://example.org/${'a'.repeat(600)}`]) {
      const m = renderDiscordAnswer(answer({ citations: [citation({ url })] }));
      expect(m.components).toEqual([]);
      expect(m.embeds[0]!.fields![0]!.value).toBe('> The border is about 970 kilometers long.');
    }
  });

  it('drops the weakest citations, and their buttons, when the embed would pass 6,000 characters', () => {
    const long = `${'The border is long. '.repeat(60)}`;
    const citations = Array.from({ length: 8 }, (_, i) => citation({ quote: long, url: `https://example.org/${i}` }));
    const m = renderDiscordAnswer(answer({ citations }));
    const shown = m.embeds[0]!.fields!.length;
    expect(shown).toBeLessThan(8);
    expect(shown).toBeGreaterThan(0);
    expect(buttons(m).map((b) => b.url)).toEqual(citations.slice(0, Math.min(shown, 5)).map((c) => c.url));
    withinLimits(m);
  });

  it('lists the sources with their dates, a button per linked source, and writes text replies as embeds', () => {
    const sources = [
      { id: 'a', title: 'Talks *resume*', publisher: 'Asia-Plus', published: '2022-11', url: 'https://example.org/a' },
      { id: 'b', title: 'Hope and Fear', publisher: 'The Diplomat', published: '2025-02', url: null },
    ];
    const m = renderDiscordSources(sources, 'en');
    expect(m.embeds[0]!.title).toBe('Sources');
    expect(m.embeds[0]!.description).toBe(
      '• Talks \\*resume\\* — Asia-Plus, November 2022\n  https://example.org/a\n• Hope and Fear — The Diplomat, February 2025',
    );
    expect(buttons(m)).toEqual([{ label: 'Asia-Plus · November 2022', url: 'https://example.org/a' }]);
    expect(renderDiscordSources(sources, 'ru').embeds[0]!.title).toBe('Источники');
    expect(renderDiscordText('Ask with /ask.').embeds[0]!.description).toBe('Ask with /ask.');
    withinLimits(m);
  });

  // Arbitrary UTF-16 (lone surrogates included), far past every limit, with addresses of any length.
  const text = fc.string({ unit: 'binary', maxLength: 12_000 });
  const url = fc.option(
    fc.oneof(
      fc.webUrl(),
      fc.string({ maxLength: 700 }).map((s) => `https://example.org/${s}`),
    ),
    { nil: null },
  );
  const date = fc.oneof(fc.constantFrom('2022', '2022-11', '2023-10-24'), fc.string({ unit: 'binary', maxLength: 300 }));

  it('for any answer text and quotes: within every embed limit, and no mention is parsed', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.record({ quote: text, publisher: fc.string({ unit: 'binary', maxLength: 300 }), published: date, url }), {
          maxLength: 30,
        }),
        fc.constantFrom<'en' | 'ru'>('en', 'ru'),
        fc.option(date, { nil: null }),
        fc.option(fc.string({ unit: 'binary', maxLength: 3_000 }), { nil: null }),
        (t, cites, language, asOf, staleNote) => {
          withinLimits(renderDiscordAnswer(answer({ text: t, language, asOf, staleNote, citations: cites.map((c) => citation(c)) })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for any sources and any text reply: within every embed limit, and no mention is parsed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.string(),
            title: fc.string({ unit: 'binary', maxLength: 500 }),
            publisher: fc.string({ unit: 'binary', maxLength: 300 }),
            published: date,
            url,
          }),
          { maxLength: 40 },
        ),
        text,
        fc.constantFrom<'en' | 'ru'>('en', 'ru'),
        (sources, t, lang) => {
          withinLimits(renderDiscordSources(sources, lang));
          withinLimits(renderDiscordText(t));
        },
      ),
      { numRuns: 200 },
    );
  });
});
