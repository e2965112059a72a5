import type { Language } from '../../core/index.js';

/** The Discord bot's own wording (what it shares with Telegram is in ../shared/texts.ts). */
export const DISCORD_TEXTS = {
  en: {
    empty: 'What would you like to know? For example: /ask question: How long is the Kyrgyz–Tajik border?',
    help: 'Ask with /ask, mention me with a question, or send me a direct message, in English or Russian. /sources lists what I quote. For example:',
    sourcesTitle: 'Sources',
    asOf: 'As of',
    addSourceTitle: 'Add a source',
    fields: {
      title: 'Title',
      publisher: 'Publisher',
      published: 'Date (YYYY, YYYY-MM or YYYY-MM-DD)',
      url: 'Link (optional)',
      text: 'Article text',
    },
  },
  ru: {
    empty: 'Что вы хотите узнать? Например: /ask вопрос: Какова протяжённость кыргызско-таджикской границы?',
    help: 'Спрашивайте через /ask, упомяните меня с вопросом или напишите мне в личные сообщения — по-русски или по-английски. /sources — источники. Например:',
    sourcesTitle: 'Источники',
    asOf: 'По состоянию на',
    addSourceTitle: 'Добавить источник',
    fields: {
      title: 'Название',
      publisher: 'Издание',
      published: 'Дата (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД)',
      url: 'Ссылка (необязательно)',
      text: 'Текст статьи',
    },
  },
} satisfies Record<Language, unknown>;
