import type { Language } from '../../core/index.js';

/** The Telegram moderator commands' own wording (outcomes are worded once, in moderation/texts.ts). */
export const TELEGRAM_MODERATION_TEXTS = {
  en: {
    privateOnly: (username: string) => `I show updates and gaps in a private chat only, not in a group: write to me there, @${username}.`,
  },
  ru: {
    privateOnly: (username: string) =>
      `Обновления и пробелы я показываю только в личном чате, не в группе: напишите мне туда, @${username}.`,
  },
} satisfies Record<Language, unknown>;
