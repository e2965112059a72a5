import type { AnswerLanguage, Language } from '../../core/index.js';
import { KY_TG_TEXTS } from '../../core/languages/index.js';

function pickCommon(language: 'ky' | 'tg') {
  const { apology, rateLimited, thanksForVote, voteExpired } = KY_TG_TEXTS[language].telegram;
  return { apology, rateLimited, thanksForVote, voteExpired };
}

/** What every platform says the same way (plain text: each adapter escapes it), in both languages the bot speaks. */
export const COMMON_TEXTS = {
  en: {
    apology: 'Sorry, something went wrong with that question. Please try again or ask another.',
    rateLimited: (seconds: number) => `You are asking faster than I can answer. Please wait ${seconds} s and ask again.`,
    thanksForVote: 'Thank you: moderators see which answers need work.',
    voteExpired: 'This answer is too old to rate.',
  },
  ru: {
    apology: 'Извините, с этим вопросом что-то пошло не так. Попробуйте ещё раз или задайте другой.',
    rateLimited: (seconds: number) => `Вы задаёте вопросы быстрее, чем я успеваю отвечать. Подождите ${seconds} с и спросите снова.`,
    thanksForVote: 'Спасибо: модераторы видят, какие ответы нужно улучшить.',
    voteExpired: 'Этот ответ слишком старый, чтобы его оценить.',
  },
  ky: pickCommon('ky'),
  tg: pickCommon('tg'),
} satisfies Record<AnswerLanguage, unknown>;

/**
 * The language of the bot's own wording, from the user's app or client locale ("ru", "ru-RU", "en-GB"…).
 * Only the fixed wording follows it; answers follow the question's language.
 */
export function uiLanguage(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/**
 * Telegram's app languages include Kyrgyz ("ky") and Tajik ("tg"); Discord's do not, so only Telegram reads
 * them from the locale. Elsewhere the question's language decides the answer's wording.
 */
export function telegramLanguage(locale: string | null | undefined): AnswerLanguage {
  const code = locale?.toLowerCase().slice(0, 2);
  return code === 'ky' || code === 'tg' ? code : uiLanguage(locale);
}
