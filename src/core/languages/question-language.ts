/** The languages a question may come in: the bot's two (English, Russian) and those of the border's people. */
export type QuestionLanguage = 'en' | 'ru' | 'ky' | 'tg';

export const QUESTION_LANGUAGES: readonly QuestionLanguage[] = ['en', 'ru', 'ky', 'tg'];
