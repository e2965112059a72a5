import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutText, escapeHtml, sanitizeText } from '../../../src/bots/telegram/html.js';
import { renderAnswer, renderHelp, renderInlineResults, renderSources, renderWelcome } from '../../../src/bots/telegram/render.js';
import { makeAnswer, makeCitation } from '../../helpers/answers.js';
import { checkTelegramHtml } from '../../fakes/telegram-html-check.js';

const citation = makeCitation;
const answer = makeAnswer;

/** Every part well-formed and within Telegram's limit; returns what a person reads, parts joined. */
function readable(parts: string[]): string {
  expect(parts.length).toBeGreaterThan(0);
  return parts
    .map((p) => {
      expect(p.length).toBeLessThanOrEqual(4096);
      const check = checkTelegramHtml(p);
      if (!check.ok) throw new Error(`${check.error} in ${JSON.stringify(p.slice(0, 300))}`);
      return check.text;
    })
    .join('');
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('renderAnswer', () => {
  it('shows the answer, then each citation as publisher · date · link with the quote in a blockquote', () => {
    const r = renderAnswer(
      answer({
        citations: [
          citation(),
          citation({ publisher: 'Eurasianet', published: '2023-10-24', url: null, title: 'Borders', quote: 'Almost 1,000 kilometers.' }),
        ],
      }),
    );
    expect(r.parts).toHaveLength(1);
    const html = r.parts[0]!;
    expect(html).toContain('About 970 km.\n\nAs of November 2022.');
    expect(html).toContain(
      '<b>[1]</b> Asia-Plus · November 2022 · <a href="https://asiaplustj.info/en/news/tashiyev">Tashiyev on the progress of Kyrgyz-Tajik border talks</a>\n<blockquote>The border between Tajikistan and Kyrgyzstan is about 970 kilometers long.</blockquote>',
    );
    expect(html).toContain(
      '<b>[2]</b> Eurasianet · 24 October 2023 · Borders <i>(no link)</i>\n<blockquote>Almost 1,000 kilometers.</blockquote>',
    );
    // Only linked sources get a button; a source without a URL has nothing to open.
    expect(r.keyboard).toEqual([[{ text: '[1] Asia-Plus', url: 'https://asiaplustj.info/en/news/tashiyev' }]]);
  });

  it('escapes markup in the answer, the quote, the title and the link', () => {
    const r = renderAnswer(
      answer({
        text: 'Use <b>bold</b> & </a> "quotes"',
        citations: [
          citation({ title: '<i>T</i>', publisher: 'A&B', quote: '<script>x</script> &amp;', url: 'https://example.org/a?b=1&c="2"<x>' }),
        ],
      }),
    );
    const html = r.parts[0]!;
    expect(html).toContain('Use &lt;b&gt;bold&lt;/b&gt; &amp; &lt;/a&gt; "quotes"');
    expect(html).toContain('<blockquote>&lt;script&gt;x&lt;/script&gt; &amp;amp;</blockquote>');
    expect(html).toContain(
      '<b>[1]</b> A&amp;B · November 2022 · <a href="https://example.org/a?b=1&amp;c=%222%22%3Cx%3E">&lt;i&gt;T&lt;/i&gt;</a>',
    );
    expect(checkTelegramHtml(html)).toMatchObject({ ok: true, tags: ['b', 'a', 'blockquote'] });
  });

  it('leaves out links that are not http(s), in the text and on buttons', () => {
    const r = renderAnswer(answer({ citations: [citation({ url: 'javascript:alert(1)' }), citation({ url: 'tg://resolve?domain=x' })] }));
    expect(r.parts.join('')).not.toContain('href');
    expect(r.keyboard).toEqual([]);
  });

  it('splits a long answer between paragraphs, each part whole and within 4,096 characters', () => {
    const paragraph = (n: number) => `Paragraph ${n}: ${'the border commission met again. '.repeat(40).trim()}`;
    const text = Array.from({ length: 8 }, (_, i) => paragraph(i)).join('\n\n');
    const r = renderAnswer(answer({ text }));
    expect(r.parts.length).toBeGreaterThan(1);
    expect(squash(readable(r.parts))).toContain(squash(text));
    // Every part but the citation's starts with a paragraph: none was cut.
    for (const p of r.parts.slice(0, -1)) expect(p).toMatch(/^Paragraph \d+:/);
  });

  it('cuts one paragraph longer than a message after a sentence, and a single huge word anywhere but inside an escape', () => {
    const sentences = 'The sides agreed on the line. '.repeat(300);
    const long = renderAnswer(answer({ text: sentences, citations: [] }));
    expect(long.parts.length).toBe(3);
    for (const p of long.parts) expect(p).toMatch(/line\.$/);
    const word = '&'.repeat(5000);
    const amp = renderAnswer(answer({ text: word, citations: [] }));
    expect(readable(amp.parts)).toBe(word);
    for (const p of amp.parts) expect(p).toMatch(/^(&amp;)+$/);
  });

  it('gives a valid message for hostile text: tags, entities, @everyone, zero-width and right-to-left marks, 10,000 characters', () => {
    const hostile = [
      '<b>',
      '</a>',
      '&',
      '&amp;',
      '@everyone',
      '\u200b\u200c\u200d\ufeff',
      '\u200f\u202e\u2066',
      'x'.repeat(10_000),
      '😀'.repeat(3000),
      '\ud800 lone',
      '\u0000\u0007 bell',
    ];
    for (const text of hostile) {
      const r = renderAnswer(answer({ text, citations: [citation({ quote: text, title: text, publisher: text })] }));
      const shown = readable(r.parts);
      expect(squash(shown)).toContain(squash(sanitizeText(text)));
      for (const row of r.keyboard) for (const b of row) expect(b.text.length).toBeLessThanOrEqual(44);
    }
  });

  it('never sends an empty message', () => {
    expect(renderAnswer(answer({ text: '  \n\n ', citations: [] })).parts).toEqual(['…']);
  });
});

describe('fixed replies', () => {
  it('welcomes in Russian, lists sources with dates and links, and helps with examples', () => {
    expect(renderWelcome(['Какова протяжённость границы?'], 'ru', 'border_bot')[0]).toMatch(
      /^<b>Здравствуйте! Я отвечаю на вопросы о кыргызско-таджикском пограничном споре/,
    );
    const sources = renderSources(
      [
        { id: 'a', title: 'Talks <2022>', publisher: 'Asia-Plus', published: '2017-02-06', url: 'https://asiaplustj.info/x' },
        { id: 'b', title: 'Hope', publisher: 'The Diplomat', published: '2025-02', url: null },
      ],
      'en',
    );
    expect(sources).toEqual([
      'The 2 sources I quote, newest first:\n• <a href="https://asiaplustj.info/x">Talks &lt;2022&gt;</a> — Asia-Plus, 6 February 2017\n• Hope — The Diplomat, February 2025',
    ]);
    const help = renderHelp(['What is Vorukh?'], 'en', 'border_bot')[0];
    expect(help).toContain('In any chat you can also type @border_bot and a question.');
    expect(help).toContain('For example:\n• What is Vorukh?');
  });
});

describe('renderInlineResults', () => {
  it('offers one result per citation, at most three, each a single valid message with its own citation', () => {
    const cites = [1, 2, 3, 4].map((n) =>
      citation({ publisher: `Pub${n}`, quote: `Quote ${n}. ${'Long text. '.repeat(200)}`, url: `https://example.org/${n}` }),
    );
    const results = renderInlineResults([answer({ text: 'Answer. '.repeat(400), citations: cites })]);
    expect(results.map((r) => r.id)).toEqual(['0', '1', '2']);
    results.forEach((r, i) => {
      const content = r.input_message_content as { message_text: string; parse_mode: string };
      expect(content.parse_mode).toBe('HTML');
      expect(readable([content.message_text])).toContain(`[${i + 1}] Pub${i + 1}`);
      expect(content.message_text).toContain(`<blockquote>Quote ${i + 1}.`);
      expect(r.reply_markup?.inline_keyboard).toEqual([[{ text: `[${i + 1}] Pub${i + 1}`, url: `https://example.org/${i + 1}` }]]);
    });
  });

  it('offers the plain answer when there is no source', () => {
    const results = renderInlineResults([answer({ answered: false, text: 'I have no source on that.', citations: [] })]);
    expect(results).toHaveLength(1);
    expect((results[0]!.input_message_content as { message_text: string }).message_text).toBe('I have no source on that.');
  });
});

/** Strings a hostile or unlucky source could hold: markup, entities, invisible and bidi marks, any code point, lone surrogates. */
const nasty = fc.string({
  unit: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '<',
        '>',
        '&',
        '"',
        "'",
        '<b>',
        '</a>',
        '<a href="x">',
        '&amp;',
        '&#60;',
        '@everyone',
        '\u200b',
        '\u200f',
        '\u202e',
        '\n',
        '\n\n',
        ' ',
        '. ',
        '\r\n',
        '\t',
      ),
    },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  ),
  maxLength: 60,
});
/** Sometimes long: a message, a quote or a whole article's worth. */
const text = fc.oneof(
  nasty,
  fc.tuple(nasty, fc.integer({ min: 1, max: 400 })).map(([s, n]) => s.repeat(n).slice(0, 12_000)),
);
/** What a person should find in the message: the text as sanitised, white space aside. */
const expected = (s: string) =>
  squash(
    s
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

describe('renderer properties', () => {
  it('for any answer and quotes: parts are well-formed Telegram HTML of at most 4,096 characters, with the text shown verbatim and no user markup', () => {
    const arbCitation = fc.record({
      title: text,
      publisher: text,
      quote: text,
      url: fc.option(fc.oneof(fc.webUrl(), text), { nil: null }),
      published: fc.constantFrom('2022', '2022-11', '2017-02-06', 'soon'),
    });
    fc.assert(
      fc.property(text, fc.array(arbCitation, { maxLength: 4 }), fc.constantFrom('en' as const, 'ru' as const), (body, cites, language) => {
        const a = answer({ text: body, language, citations: cites.map((c) => citation(c)) });
        const r = renderAnswer(a);
        const shown = squash(readable(r.parts));
        expect(shown).toContain(expected(body));
        for (const c of cites) expect(shown).toContain(expected(c.quote));
        for (const p of r.parts) {
          const check = checkTelegramHtml(p);
          // Only the renderer's own tags: anything a user wrote arrives as text.
          if (check.ok) for (const tag of check.tags) expect(['b', 'i', 'a', 'blockquote']).toContain(tag);
        }
        for (const result of renderInlineResults([a])) readable([(result.input_message_content as { message_text: string }).message_text]);
      }),
      { numRuns: 300 },
    );
  });

  it('cutText keeps every character but white space, within budget, never splitting a surrogate pair', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 5, max: 600 }), (s, budget) => {
        const clean = sanitizeText(s);
        const chunks = cutText(clean, budget);
        expect(squash(chunks.join(''))).toBe(squash(clean));
        for (const chunk of chunks) {
          expect(escapeHtml(chunk).length).toBeLessThanOrEqual(budget);
          expect(chunk.trim()).toBe(chunk);
          expect(chunk).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
