import { describe, expect, it } from 'vitest';
import { inQuoteMarks, MESSAGES, type Answer, type Core } from '../../../src/core/index.js';
import { bundledCore, TEST_NOW } from '../../helpers/core.js';

describe('quote marks around a quote', () => {
  it('wraps a plain quote once', () => {
    expect(inQuoteMarks('The border is about 970 km long.')).toBe('“The border is about 970 km long.”');
  });

  it('does not double the marks of a quote that already begins and ends with them', () => {
    expect(inQuoteMarks('“Bilateral work … carried out.”')).toBe('“Bilateral work … carried out.”');
  });

  it('adds only the closing mark to a quote that opens with its own', () => {
    expect(inQuoteMarks('“We signed a protocol.')).toBe('“We signed a protocol.”');
  });

  it('still closes a quote whose last mark ends a quotation inside it', () => {
    expect(inQuoteMarks('over the “statements of a top government official”')).toBe('“over the “statements of a top government official””');
  });

  it('nests marks of another style, as Russian guillemets around an English quote', () => {
    expect(inQuoteMarks('“We signed a protocol.”', '«', '»')).toBe('«“We signed a protocol.”»');
  });
});

describe('answers show no doubled quote marks', () => {
  let core: Core;
  const ask = async (q: string): Promise<Answer> => {
    core ??= await bundledCore();
    return core.ask(q, { now: TEST_NOW });
  };

  it('when a source sentence that begins with a mark is quoted inline', () => {
    expect(MESSAGES.en.writes('The Diplomat (February 2025)', '“We are not afraid of war.”')).toBe(
      'The Diplomat (February 2025) writes: “We are not afraid of war.”',
    );
    expect(MESSAGES.ru.writes('Asia-Plus (ноябрь 2022 г.)', '«Мы подписали протокол.»')).toBe(
      'Asia-Plus (ноябрь 2022 г.) пишет (на языке источника): «Мы подписали протокол.»',
    );
  });

  it('in the text of an answer quoting a quote that begins with a mark', async () => {
    const a = await ask('What steps remain before the border agreement comes into force?');
    expect(a.citations.some((c) => c.quote.startsWith('“'))).toBe(true);
    expect(a.text).not.toMatch(/““|””/);
    // The citation keeps the exact span, marks included.
    expect(a.citations.find((c) => c.quote.startsWith('“'))!.quote).toMatch(/^“Bilateral work on the document is currently underway,”/);
  });
});
