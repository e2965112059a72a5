import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/core/answering/messages.js';
import { detectQuestionLanguage } from '../../../src/core/languages/detect.js';
import { KY_TG_TEXTS } from '../../../src/core/languages/ui-texts.js';
import { TELEGRAM_TEXTS } from '../../../src/bots/telegram/texts.js';
import { COMMON_TEXTS } from '../../../src/bots/shared/texts.js';

const LANGUAGES = ['ky', 'tg'] as const;

describe('KY_TG_TEXTS', () => {
  it.each(LANGUAGES)('%s has every Telegram key the English wording has, and answer lines under the same names', (language) => {
    const texts = KY_TG_TEXTS[language];
    expect(Object.keys(texts.telegram).sort()).toEqual([...Object.keys(TELEGRAM_TEXTS.en), ...Object.keys(COMMON_TEXTS.en)].sort());
    // "reports" stands in for the English "writes" (it says the quote is in its source's language); the lines an
    // answer needs and Kyrgyz or Tajik lack make it fall back to Russian (see answering/wording.ts).
    expect(Object.keys(texts.messages).filter((k) => !(k in MESSAGES.en))).toEqual(['reports', 'reportsTwo']);
    expect(Object.keys(texts.messages)).toEqual(
      expect.arrayContaining(['noSource', 'asOf', 'latest', 'earlier', 'holds', 'about', 'examples']),
    );
    expect(texts.telegram.commands.map((c) => c.command)).toEqual(TELEGRAM_TEXTS.en.commands.map((c) => c.command));
  });

  it.each(LANGUAGES)('%s greets, explains and apologises in its own language', (language) => {
    const t = KY_TG_TEXTS[language];
    const lines = [t.telegram.welcome, t.telegram.howToAsk('border_bot'), t.telegram.apology, t.messages.noSource, t.messages.about];
    lines.push(t.answeredInRussian, t.telegram.rateLimited(30), t.messages.asOfStale('2025'));
    expect(lines.map((line) => detectQuestionLanguage(line).language)).toEqual(lines.map(() => language));
  });

  it.each(LANGUAGES)('%s examples are questions in %s the bot can be asked', (language) => {
    const examples = KY_TG_TEXTS[language].messages.examples;
    expect(examples).toHaveLength(MESSAGES.en.examples.length);
    expect(examples.map((q) => detectQuestionLanguage(q).language)).toEqual(examples.map(() => language));
  });

  it('puts the figures it is given into the text', () => {
    expect(KY_TG_TEXTS.ky.telegram.rateLimited(12)).toContain('12 секунд');
    expect(KY_TG_TEXTS.tg.telegram.rateLimited(12)).toContain('12 сония');
    expect(KY_TG_TEXTS.ky.messages.scope(5, '2017', '2025')).toContain('5 булактын негизинде жооп берем (2017 – 2025)');
    expect(KY_TG_TEXTS.tg.messages.scope(5, '2017', '2025')).toContain('5 манбаъ (2017 – 2025)');
    expect(KY_TG_TEXTS.ky.telegram.howToAsk('border_bot')).toContain('@border_bot');
    expect(KY_TG_TEXTS.tg.sourcesEnd('февраль 2025')).toBe('Манбаъҳои ман то февраль 2025 мерасанд.');
  });

  it('says in one line that the answer is in Russian and why', () => {
    expect(KY_TG_TEXTS.ky.answeredInRussian).toBe('Бул суроо боюнча кыргызча текстим жок, ошондуктан орусча жооп берем.');
    expect(KY_TG_TEXTS.tg.answeredInRussian).toBe('Ман барои ин савол матни тоҷикӣ надорам, бинобар ин ба забони русӣ ҷавоб медиҳам.');
  });
});
