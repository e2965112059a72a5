import { inQuoteMarks } from './quote-marks.js';
import type { Language } from '../types.js';

/** The bot's fixed wording, in both languages it speaks. */
export const MESSAGES = {
  en: {
    noSource: 'I have no source on that.',
    scope: (n: number, from: string, to: string) =>
      `I answer questions about the Kyrgyzstan–Tajikistan border from ${n} sources (${from} to ${to}).`,
    youCouldAsk: 'You could ask:',
    differ: (title: string) => `The sources differ on ${title}.`,
    latest: (date: string) => `Latest, as of ${date}:`,
    earlier: 'Earlier figures:',
    holds: (party: string) => `${party} holds that`,
    differFigures: 'The sources give different figures.',
    writes: (who: string, quote: string) => `${who} writes: ${inQuoteMarks(quote)}`,
    judgementOpen: 'My sources do not settle this; here is what each side says, attributed.',
    partySays: (party: string) => `${party}'s side:`,
    neutral: 'Other accounts:',
    notSettled: 'The sources give each side’s account and do not settle who is right.',
    onlyOneSide: (party: string, other: string) =>
      `My sources do not settle this, and only one side's account is available in them: ${party}'s. ${other}'s own account of it is not in my sources.`,
    oneSideNotSettled: 'With only one side heard, the sources do not settle who is right.',
    noSide: 'My sources give neither side’s own account of this, and they do not settle it.',
    sourcesEnd: (date: string) => `My sources end at ${date}, so I cannot say what happened after that, or what will happen.`,
    verdict: {
      yes: (date: string) => `Yes, as of ${date}.`,
      no: (date: string) => `No, as of ${date}.`,
      'not-yet': (date: string) => `No, not as of ${date}.`,
      contested: (date: string) => `My sources don't say: as of ${date} it is contested.`,
      unknown: (date: string) => `My sources don't say so directly, as of ${date}.`,
    },
    sourcesDontSay: "My sources don't say.",
    asOf: (date: string) => `As of ${date}.`,
    asOfStale: (date: string) =>
      `As of ${date}: my newest source on this is from ${date}, more than a year ago, and things may have changed since.`,
    stale: (date: string) => `My newest source on this is from ${date}, more than a year ago.`,
    about:
      'I answer questions about the Kyrgyzstan–Tajikistan border dispute: its length, delimitation, talks, clashes, Vorukh and the people involved. ' +
      'Every answer quotes its sources word for word, with publisher, date and link. Where sources disagree I show each figure with who gave it and when; ' +
      'contested matters are attributed to the side that holds them. When I have no source, I say so.',
    examples: [
      'How long is the Kyrgyz–Tajik border?',
      'How much of the border has been delimited?',
      'What is Vorukh?',
      'When did the 2022 border clashes take place?',
      'Who is Kamchybek Tashiyev?',
      'What steps remain before the border agreement comes into force?',
    ],
  },
  ru: {
    noSource: 'У меня нет источника по этому вопросу.',
    scope: (n: number, from: string, to: string) =>
      `Я отвечаю на вопросы о кыргызско-таджикской границе по ${n} источникам (${from} — ${to}).`,
    youCouldAsk: 'Можно спросить, например:',
    differ: (title: string) => `Источники расходятся (${title}).`,
    latest: (date: string) => `Последние данные, на ${date}:`,
    earlier: 'Более ранние данные:',
    holds: (party: string) => `${party} считает, что`,
    differFigures: 'Источники приводят разные цифры.',
    writes: (who: string, quote: string) => `${who} пишет (на языке источника): ${inQuoteMarks(quote, '«', '»')}`,
    judgementOpen: 'Мои источники этот вопрос не решают; вот что говорит каждая сторона.',
    partySays: (party: string) => `Позиция стороны (${party}):`,
    neutral: 'Другие свидетельства:',
    notSettled: 'Источники приводят версии обеих сторон и не решают, кто прав.',
    onlyOneSide: (party: string, other: string) =>
      `Мои источники этот вопрос не решают, и в них есть версия только одной стороны (${party}). Собственной версии другой стороны (${other}) в моих источниках нет.`,
    oneSideNotSettled: 'Когда слышна только одна сторона, источники не решают, кто прав.',
    noSide: 'В моих источниках нет собственной версии ни одной из сторон, и вопрос они не решают.',
    sourcesEnd: (date: string) => `Мои источники заканчиваются на ${date}, поэтому о более позднем времени я сказать не могу.`,
    verdict: {
      yes: (date: string) => `Да, по состоянию на ${date}.`,
      no: (date: string) => `Нет, по состоянию на ${date}.`,
      'not-yet': (date: string) => `Нет, по состоянию на ${date} — ещё нет.`,
      contested: (date: string) => `Мои источники этого не говорят: по состоянию на ${date} вопрос спорный.`,
      unknown: (date: string) => `Мои источники этого не говорят прямо (по состоянию на ${date}).`,
    },
    sourcesDontSay: 'Мои источники этого не говорят.',
    asOf: (date: string) => `По состоянию на ${date}`,
    asOfStale: (date: string) =>
      `По состоянию на ${date}: это мой самый новый источник по этой теме, ему больше года, и с тех пор многое могло измениться.`,
    stale: (date: string) => `Мой самый новый источник по этой теме — ${date}, больше года назад.`,
    about:
      'Я отвечаю на вопросы о кыргызско-таджикском пограничном споре: протяжённость и делимитация границы, переговоры, столкновения, Ворух и участники событий. ' +
      'Каждый ответ дословно цитирует источники с указанием издания, даты и ссылки. Если источники расходятся, я привожу каждую цифру — кто и когда её назвал; ' +
      'спорные позиции приписываю той стороне, которая их придерживается. Если источника нет, я так и говорю.',
    examples: [
      'Какова протяжённость кыргызско-таджикской границы?',
      'Сколько границы делимитировано?',
      'Сколько человек живёт в Ворухе?',
      'Когда произошли столкновения 2022 года?',
      'Кто такой Камчыбек Ташиев?',
      'Какие шаги остались до вступления соглашения в силу?',
    ],
  },
} satisfies Record<Language, unknown>;
