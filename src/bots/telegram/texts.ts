import type { AnswerLanguage } from '../../core/index.js';
import { KY_TG_TEXTS } from '../../core/languages/index.js';

/** The Telegram bot's own wording (what it shares with Discord is in ../shared/texts.ts) (plain text: the renderer escapes it), in both languages it speaks. */
export const TELEGRAM_TEXTS = {
  en: {
    commands: [
      { command: 'ask', description: 'Ask a question about the Kyrgyzstan–Tajikistan border' },
      { command: 'sources', description: 'The sources I quote, with their dates' },
      { command: 'about', description: 'What I do and how I answer' },
      { command: 'help', description: 'How to ask, with examples' },
      { command: 'start', description: 'Welcome' },
      { command: 'subscribe', description: 'Get each update to what I know' },
      { command: 'unsubscribe', description: 'Stop the updates' },
    ],
    welcome:
      'Hello! I answer questions about the Kyrgyzstan–Tajikistan border dispute, quoting my sources word for word with publisher, date and link.',
    howToAsk: (username: string) =>
      'Write a question here in English or Russian. In a group, use /ask followed by the question, mention me, or reply to one of my messages. ' +
      `In any chat you can also type @${username} and a question.`,
    commandList: 'Commands: /ask, /sources, /about, /help.',
    examples: 'For example:',
    sourcesHeading: (n: number) => `The ${n} sources I quote, newest first:`,
    noLink: 'no link',
    emptyQuestion: 'What would you like to know? For example: /ask How long is the Kyrgyz–Tajik border?',
    unknownCommand: 'I do not know that command. Try /help.',
    subscribeInPrivate: 'Subscribe in a private chat with me.',
    subscribed: 'Subscribed: I will send you each update to what I know.',
    alreadySubscribed: 'You are already subscribed.',
    unsubscribed: 'Unsubscribed.',
    notSubscribed: 'You were not subscribed.',
  },
  ru: {
    commands: [
      { command: 'ask', description: 'Вопрос о кыргызско-таджикской границе' },
      { command: 'sources', description: 'Источники, которые я цитирую, с датами' },
      { command: 'about', description: 'Что я делаю и как отвечаю' },
      { command: 'help', description: 'Как задать вопрос, примеры' },
      { command: 'start', description: 'Приветствие' },
      { command: 'subscribe', description: 'Получать обновления базы знаний' },
      { command: 'unsubscribe', description: 'Не получать обновления' },
    ],
    welcome:
      'Здравствуйте! Я отвечаю на вопросы о кыргызско-таджикском пограничном споре и дословно цитирую источники с указанием издания, даты и ссылки.',
    howToAsk: (username: string) =>
      'Напишите вопрос здесь по-русски или по-английски. В группе используйте /ask и вопрос, упомяните меня или ответьте на моё сообщение. ' +
      `В любом чате можно также набрать @${username} и вопрос.`,
    commandList: 'Команды: /ask, /sources, /about, /help.',
    examples: 'Например:',
    sourcesHeading: (n: number) => `Источники, которые я цитирую (${n}), сначала новые:`,
    noLink: 'ссылки нет',
    emptyQuestion: 'Что вы хотите узнать? Например: /ask Какова протяжённость кыргызско-таджикской границы?',
    unknownCommand: 'Такой команды нет. Попробуйте /help.',
    subscribeInPrivate: 'Подписаться можно в личном чате со мной.',
    subscribed: 'Подписка оформлена: я буду присылать каждое обновление того, что знаю.',
    alreadySubscribed: 'Вы уже подписаны.',
    unsubscribed: 'Подписка отменена.',
    notSubscribed: 'Вы не были подписаны.',
  },
  // Kyrgyz and Tajik for users whose app is set to them, or who ask in them.
  ky: KY_TG_TEXTS.ky.telegram,
  tg: KY_TG_TEXTS.tg.telegram,
} satisfies Record<AnswerLanguage, unknown>;
