import { KY_TG_TEXTS } from '../languages/index.js';
import { MESSAGES } from './messages.js';
import { inQuoteMarks } from './quote-marks.js';
import type { AnswerLanguage, Language } from '../types.js';

export type Messages = (typeof MESSAGES)['en'];

/** Text the knowledge gives in English and Russian, and in Kyrgyz and Tajik where written. */
type MaybeLocalized = Partial<Record<AnswerLanguage, string>> & Record<Language, string>;

/**
 * Where an answer's words come from. A Kyrgyz or Tajik answer uses the knowledge's own Kyrgyz or Tajik texts;
 * when a part it needs exists only in Russian, `lacking` is called, and the caller answers in Russian instead,
 * with a line in the reader's language saying why. Mixing a Russian sentence into a Kyrgyz answer would read
 * as if the bot had said it in Kyrgyz.
 */
export interface Wording {
  language: AnswerLanguage;
  lacking?: () => void;
}

/** The text in the answer's language, or the Russian one after reporting the gap. */
export function inLanguage(w: Wording, text: MaybeLocalized): string {
  const own = text[w.language];
  if (own) return own;
  w.lacking?.();
  return text.ru;
}

/** A name in the answer's language, or in Russian, which names places and people as the border's languages do. */
export function nameIn(w: Wording, text: MaybeLocalized): string {
  return text[w.language] ?? text.ru;
}

const kyTgMessages = new Map<'ky' | 'tg', Messages>();

/**
 * The fixed wording in the answer's language. Kyrgyz and Tajik give the lines an answer on evidence uses;
 * a line they lack (the judgement's framing, for one) is the Russian one, reported as lacking.
 */
export function messagesFor(w: Wording): Messages {
  if (w.language === 'en' || w.language === 'ru') return MESSAGES[w.language];
  let own = kyTgMessages.get(w.language);
  if (!own) {
    const t = KY_TG_TEXTS[w.language];
    own = {
      ...MESSAGES.ru,
      ...t.messages,
      writes: (who: string, quote: string) => `${t.messages.reports(who)} ${inQuoteMarks(quote, '«', '»')}`,
      sourcesEnd: t.sourcesEnd,
    };
    kyTgMessages.set(w.language, own);
  }
  const given = new Set([...Object.keys(KY_TG_TEXTS[w.language].messages), 'writes', 'sourcesEnd']);
  const base = own;
  return new Proxy(base, {
    get(target, key: string) {
      if (!given.has(key)) w.lacking?.();
      return target[key as keyof Messages];
    },
  });
}
