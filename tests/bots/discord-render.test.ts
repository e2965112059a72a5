import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtSentence, EMBED_LIMITS, renderDiscordAnswer } from '../../src/bots/discord-render.js';
import type { Answer, Citation } from '../../src/core/index.js';
import { makeAnswer, makeCitation } from '../helpers/answers.js';

const citation = (over: Partial<Citation> = {}) => makeCitation({ publisher: 'Asia-Plus', url: 'https://example.org/a', quote: 'The border is about 970 kilometers long.', ...over });
const answer = (over: Partial<Answer> = {}) => makeAnswer({ text: 'About 970 km.', citations: [citation()], ...over });

type Embed = ReturnType<typeof renderDiscordAnswer>['embeds'][number];
const total = (e: Embed) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

function withinLimits(e: Embed): void {
  expect(e.description!.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
  expect((e.fields ?? []).length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(f.value.length).toBeGreaterThan(0);
  }
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
  expect(total(e)).toBeLessThanOrEqual(EMBED_LIMITS.total);
}

describe('the Discord embed', () => {
  it('shows the text, each citation as publisher · date with its quote and link, the "as of" line, and a link button per source', () => {
    const m = renderDiscordAnswer(answer({ citations: [citation(), citation({ publisher: 'The Diplomat', published: '2025-02', url: null, quote: 'Vorukh *is* contested.' })] }));
    const e = m.embeds[0]!;
    expect(e.description).toBe('About 970 km.');
    expect(e.fields).toEqual([
      { name: '[1] Asia-Plus · November 2022', value: '> The border is about 970 kilometers long.\nhttps://example.org/a' },
      { name: '[2] The Diplomat · February 2025', value: '> Vorukh \\*is\\* contested.' },
    ]);
    expect(e.footer?.text).toBe('As of November 2022');
    expect(m.components[0]?.components.map((b) => ('url' in b ? b.url : ''))).toEqual(['https://example.org/a']);
    expect(m.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('cuts a long text at a sentence boundary and marks the cut', () => {
    const text = `${'The border is long. '.repeat(300)}`;
    const cut = cutAtSentence(text, 4096);
    expect(cut.length).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('long.…')).toBe(true);
  });

  it('never offers a button for a link that is not http(s)', () => {
    const m = renderDiscordAnswer(answer({ citations: [citation({ url: 'javascript:alert(1)' })] }));
    expect(m.components).toEqual([]);
    expect(m.embeds[0]!.fields![0]!.value).not.toContain('javascript:');
  });

  it('for any answer text and quotes: within every embed limit, and no mention is parsed', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12_000 });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.record({ quote: text, publisher: fc.string({ maxLength: 300 }), url: fc.option(fc.webUrl(), { nil: null }) }), { maxLength: 30 }),
        fc.constantFrom<'en' | 'ru'>('en', 'ru'),
        (t, cites, language) => {
          const m = renderDiscordAnswer(answer({ text: t || 'x', language, citations: cites.map((c) => citation({ ...c, quote: c.quote || 'q' })) }));
          withinLimits(m.embeds[0]!);
          expect(m.allowedMentions.parse).toEqual([]);
          for (const row of m.components) expect(row.components.length).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 300 },
    );
  });
});
