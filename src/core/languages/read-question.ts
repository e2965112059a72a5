import { detectQuestionLanguage } from './detect.js';
import { translateQuestion } from './lexicon.js';
import type { QuestionLanguage } from './question-language.js';
import { latinToCyrillicRussian } from './translit.js';

/** A question as the search should see it: its language, and the text to search the English and Russian evidence with. */
export interface ReadQuestion {
  /** The language to answer in. */
  language: QuestionLanguage;
  /** Russian typed in Latin letters, transliterated in `search.ru`. */
  latinRussian: boolean;
  search: { en: string; ru: string };
  /** Kyrgyz or Tajik words the lexicon does not know (kept as typed in `search`). */
  unknown: string[];
}

/**
 * Everything the answering core needs before search, in one call: the language of the question, and the
 * text to search with. English and Russian come back as typed (Russian in Latin letters in Cyrillic);
 * Kyrgyz and Tajik as a word-by-word gloss in both languages. `language` may be forced, as `--lang` does.
 */
export function readQuestion(text: string, language?: QuestionLanguage): ReadQuestion {
  const detected = detectQuestionLanguage(text);
  const chosen = language ?? detected.language;
  if (chosen === 'ru' && detected.latinRussian) {
    const cyrillic = latinToCyrillicRussian(text);
    return { language: 'ru', latinRussian: true, search: { en: text, ru: cyrillic }, unknown: [] };
  }
  const gloss = translateQuestion(text, chosen);
  return { language: chosen, latinRussian: false, search: { en: gloss.en, ru: gloss.ru }, unknown: gloss.unknown };
}
