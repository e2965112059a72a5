import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/core/answering/messages.js';
import { TELEGRAM_TEXTS } from '../../../src/bots/telegram/texts.js';
import { COMMON_TEXTS } from '../../../src/bots/shared/texts.js';
import { detectQuestionLanguage } from '../../../src/core/languages/detect.js';
import type { QuestionLanguage } from '../../../src/core/languages/question-language.js';

type Case = [question: string, language: QuestionLanguage, latinRussian?: boolean];

/** Questions as people type them: with and without the special letters, with typos, short, and mixed. */
const KYRGYZ: Case[] = [
  ['Кыргыз-тажик чек арасынын узундугу канча?', 'ky'],
  ['Чек аранын канча бөлүгү делимитацияланган?', 'ky'],
  ['Чек ара боюнча сүйлөшүүлөр качан башталган?', 'ky'],
  ['Ворухта канча киши жашайт?', 'ky'],
  ['2022-жылы кагылышууда канча адам өлгөн?', 'ky'],
  ['Келишим күчүнө кирээр алдында кандай кадамдар калды?', 'ky'],
  ['Ташиев ким?', 'ky'],
  ['Жапаров менен Рахмон кайда жолугушкан?', 'ky'],
  ['Эмне үчүн чек араны тактоо кыйын?', 'ky'],
  ['Баткендеги суу маселеси жөнүндө айтып бериңиз', 'ky'],
  ['Көк-Таш айылында эмне болгон?', 'ky'],
  ['Ворух анклавбы?', 'ky'],
  // typed without ң ө ү
  ['Чек ара боюнча суйлошуулор качан башталган?', 'ky'],
  ['Келишим кучуно кирээр алдында кандай кадамдар калды', 'ky'],
  ['Кагылышууда канча адам олгон', 'ky'],
  ['Ворух жонундо айтып бериниз', 'ky'],
  ['канча км', 'ky'],
  ['Ташиевдин создоруно Тажикстан кандай жооп берди?', 'ky'],
  ['Эмнеге согуш болду', 'ky'],
  // a typo in the question word
  ['кыргыз тажик чек арасынын узундугу канчаа', 'ky'],
];

const TAJIK: Case[] = [
  ['Дарозии сарҳади Тоҷикистону Қирғизистон чанд километр аст?', 'tg'],
  ['Музокирот оид ба сарҳад кай оғоз шуд?', 'tg'],
  ['Дар Ворух чанд нафар зиндагӣ мекунанд?', 'tg'],
  ['Ворух чист?', 'tg'],
  ['Тошиев кист?', 'tg'],
  ['Ҷапаров ва Раҳмон дар куҷо вохӯрданд?', 'tg'],
  ['Чаро демаркатсияи сарҳад душвор аст?', 'tg'],
  ['Дар задухӯрдҳои соли 2022 чанд нафар ҳалок шуданд?', 'tg'],
  ['Оё Ворух анклав аст?', 'tg'],
  ['Созишнома кай имзо мешавад?', 'tg'],
  // typed without ғ ӣ қ ҳ ҷ ӯ
  ['Дарозии сархади Точикистону Киргизистон чанд километр аст?', 'tg'],
  ['Музокирот оид ба сархад кай огоз шуд', 'tg'],
  ['Дар Ворух чанд нафар зиндаги мекунанд', 'tg'],
  ['Чаро чанг шуд?', 'tg'],
  ['Ташиев кист', 'tg'],
  ['Точикистон ва Киргизистон чанд бор вохури доштанд', 'tg'],
  ['сархад чанд км', 'tg'],
  // a typo in the question word
  ['дарозии сархад чандд километр аст', 'tg'],
];

const RUSSIAN: Case[] = [
  ['Какова протяжённость кыргызско-таджикской границы?', 'ru'],
  ['Сколько человек живёт в Ворухе?', 'ru'],
  ['Когда начались переговоры о границе?', 'ru'],
  ['Кто такой Ташиев?', 'ru'],
  ['Что такое Ворух?', 'ru'],
  ['Ворух', 'ru'],
  ['Ташиев', 'ru'],
  ['Баткен', 'ru'],
  ['Сколько погибло в 2022 году?', 'ru'],
  ['граница Киргизии и Таджикистана', 'ru'],
  ['Почему так трудно провести демаркацию?', 'ru'],
  ['Кыргызстан и Таджикистан: сколько км границы?', 'ru'],
  ['Где встретились Жапаров и Рахмон?', 'ru'],
  ['Какие шаги остались до вступления соглашения в силу?', 'ru'],
  ['сколко км граница', 'ru'],
  ['Что известно об анклаве Ворух?', 'ru'],
  ['Был ли обмен территориями?', 'ru'],
  ['Кто президент Кыргызстана?', 'ru'],
];

const ENGLISH: Case[] = [
  ['How long is the border between Kyrgyzstan and Tajikistan?', 'en'],
  ['What is Vorukh?', 'en'],
  ['Vorukh', 'en'],
  ['Tashiyev', 'en'],
  ['who is kamchybek tashiev', 'en'],
  ['how many ppl live in vorukh', 'en'],
  ['When did the 2022 clashes take place?', 'en'],
  ['Khujand', 'en'],
  ['wich iranian drones are tajikstan building?', 'en'],
  ['Is Vorukh an enclave?', 'en'],
  ['Kyrgyzstan Tajikistan border length km', 'en'],
  ['Tell me about Batken', 'en'],
];

const LATIN_RUSSIAN: Case[] = [
  ['skolko km granica kirgizii i tadzhikistana', 'ru', true],
  ['kogda byli stolknoveniya', 'ru', true],
  ['chto s vorukhom', 'ru', true],
  ['kto takoy tashiev', 'ru', true],
  ['skolko chelovek zhivet v vorukhe', 'ru', true],
  ['pochemu granicu ne mogut provesti', 'ru', true],
  ['gde vstretilis prezidenty', 'ru', true],
  ['kogda nachalis peregovory po granice', 'ru', true],
  ["Skol'ko pogiblo v 2022 godu?", 'ru', true],
];

const MIXED: Case[] = [
  ['Сколько km granica?', 'ru', true],
  ['Vorukh канча киши жашайт', 'ky'],
  ['Vorukh чанд нафар аҳолӣ дорад', 'tg'],
];

/** A bare name is asked about in the language of its script, whatever its origin. */
const NAMES: Case[] = [
  ['Давлатшо Гулмахмадзода', 'ru'],
  ['Хурсанд Хуррамов', 'ru'],
  ['Доолотбек Бектимиров', 'ru'],
  ['Rajaboy Ahmadzoda', 'en'],
  ['Davlatsho Gulmahmadzoda', 'en'],
  ['Ҷапаров', 'tg'],
];

const TABLE: Case[] = [...KYRGYZ, ...TAJIK, ...RUSSIAN, ...ENGLISH, ...LATIN_RUSSIAN, ...MIXED, ...NAMES];

describe('detectQuestionLanguage', () => {
  it('has a table of at least 40 questions covering every language', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TABLE.map(([, language]) => language))).toEqual(new Set(['en', 'ru', 'ky', 'tg']));
  });

  it.each(TABLE)('reads %j as %s', (question, language, latinRussian = false) => {
    expect(detectQuestionLanguage(question)).toEqual({ language, latinRussian });
  });

  it('reads a long pasted text by its first words', () => {
    const kyrgyz = 'Кыргыз-тажик чек арасынын узундугу канча? Ворухта канча адам жашайт? ';
    const pasted = kyrgyz.repeat(10) + 'Граница между странами очень длинная. '.repeat(200);
    expect(detectQuestionLanguage(pasted).language).toBe('ky');
  });

  it('takes text with no letters for English, not Russian typed in Latin', () => {
    expect(detectQuestionLanguage('970?')).toEqual({ language: 'en', latinRussian: false });
  });

  it('does not take Russian for Kyrgyz or Tajik because it names Kyrgyz places and people', () => {
    expect(detectQuestionLanguage('Кыргызстан, Баткен, Ташиев, Жапаров')).toEqual({ language: 'ru', latinRussian: false });
  });

  it("reads the bot's own Russian and English wording as Russian and English", () => {
    const russian = [MESSAGES.ru.about, MESSAGES.ru.noSource, TELEGRAM_TEXTS.ru.welcome, COMMON_TEXTS.ru.apology, ...MESSAGES.ru.examples];
    const english = [MESSAGES.en.about, MESSAGES.en.noSource, TELEGRAM_TEXTS.en.welcome, COMMON_TEXTS.en.apology, ...MESSAGES.en.examples];
    expect(russian.map((text) => detectQuestionLanguage(text))).toEqual(russian.map(() => ({ language: 'ru', latinRussian: false })));
    expect(english.map((text) => detectQuestionLanguage(text))).toEqual(english.map(() => ({ language: 'en', latinRussian: false })));
  });

  it("reads the knowledge's own English and Russian sentences as English and Russian", () => {
    const dir = new URL('../../../knowledge/facts/', import.meta.url).pathname;
    const facts = readdirSync(dir).flatMap(
      (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Array<{ text?: Record<string, unknown> }>,
    );
    const sentences = (language: 'en' | 'ru') => facts.map((f) => f.text?.[language]).filter((t): t is string => typeof t === 'string');
    expect(sentences('ru').length).toBeGreaterThan(20);
    expect(sentences('ru').filter((t) => detectQuestionLanguage(t).language !== 'ru')).toEqual([]);
    expect(sentences('en').filter((t) => detectQuestionLanguage(t).language !== 'en')).toEqual([]);
  });
});
