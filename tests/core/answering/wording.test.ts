import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/core/answering/messages.js';
import { inLanguage, messagesFor } from '../../../src/core/answering/wording.js';
import { KY_TG_TEXTS } from '../../../src/core/languages/index.js';

describe('wording in the reader language', () => {
  it('gives the Kyrgyz "no source" and "as of" lines without reporting a gap', () => {
    const gaps: string[] = [];
    const m = messagesFor({ language: 'ky', lacking: () => gaps.push('gap') });
    expect(m.noSource).toBe(KY_TG_TEXTS.ky.messages.noSource);
    expect(m.asOf('2023')).toBe(KY_TG_TEXTS.ky.messages.asOf('2023'));
    expect(gaps).toEqual([]);
  });

  it('reports a line Tajik lacks, so the answer can be given in Russian instead', () => {
    const gaps: string[] = [];
    const m = messagesFor({ language: 'tg', lacking: () => gaps.push('gap') });
    expect(m.judgementOpen).toBe(MESSAGES.ru.judgementOpen);
    expect(gaps).toEqual(['gap']);
  });

  it('takes a fact text in Kyrgyz where written, and reports one written only in English and Russian', () => {
    const gaps: string[] = [];
    const w = { language: 'ky' as const, lacking: () => gaps.push('gap') };
    expect(inLanguage(w, { en: 'About 970 km.', ru: 'Около 970 км.', ky: 'Болжол менен 970 км.' })).toBe('Болжол менен 970 км.');
    expect(gaps).toEqual([]);
    expect(inLanguage(w, { en: 'About 970 km.', ru: 'Около 970 км.' })).toBe('Около 970 км.');
    expect(gaps).toEqual(['gap']);
  });

  it('writes a source sentence with the Kyrgyz note that the quote keeps its language', () => {
    expect(messagesFor({ language: 'ky' }).writes('Asia-Plus (11.2022)', 'The border is 970 km long.')).toBe(
      `${KY_TG_TEXTS.ky.messages.reports('Asia-Plus (11.2022)')} «The border is 970 km long.»`,
    );
  });
});
