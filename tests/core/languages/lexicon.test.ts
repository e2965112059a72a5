import { describe, expect, it } from 'vitest';
import { isLexiconWord, KY_TG_LEXICON, translateQuestion } from '../../../src/core/languages/lexicon.js';

const words = (text: string): string[] => text.toLowerCase().split(/\s+/);

describe('translateQuestion', () => {
  it('glosses a Kyrgyz question on the border length into English and Russian words the search knows', () => {
    const gloss = translateQuestion('Кыргыз-тажик чек арасынын узундугу канча?', 'ky');
    expect(gloss.en).toBe('how many Kyrgyz Tajik border length long');
    expect(words(gloss.ru)).toEqual(expect.arrayContaining(['сколько', 'граница', 'протяжённость']));
    expect(gloss.unknown).toEqual([]);
  });

  it('glosses the same Tajik question with and without the special letters alike', () => {
    const withLetters = translateQuestion('Дарозии сарҳади Тоҷикистону Қирғизистон чанд километр аст?', 'tg');
    const without = translateQuestion('Дарозии сархади Точикистону Киргизистон чанд километр аст?', 'tg');
    expect(withLetters).toEqual(without);
    expect(words(withLetters.en)).toEqual(expect.arrayContaining(['border', 'length', 'tajikistan', 'kyrgyzstan', 'km']));
    expect(withLetters.en.startsWith('how many')).toBe(true);
  });

  it('reads a phrase before its words: "чек ара" is the border, "каза болгон" died', () => {
    expect(translateQuestion('2021-жылы кагылышууда канча адам каза болгон?', 'ky')).toEqual({
      en: 'how many 2021 year clashes people killed died',
      ru: 'сколько 2021 год столкновения человек погибли',
      unknown: [],
    });
  });

  it('glosses Tajik casualties, names and question words', () => {
    const gloss = translateQuestion('Дар задухӯрдҳои апрели соли 2021 чанд нафар ҳалок шуданд?', 'tg');
    expect(words(gloss.ru)).toEqual(expect.arrayContaining(['столкновения', 'апрель', '2021', 'сколько', 'погибли']));
  });

  it('puts the question word first, where English and Russian put it', () => {
    expect(translateQuestion('Камчыбек Ташиев ким?', 'ky')).toEqual({
      en: 'who is Kamchybek Tashiyev',
      ru: 'кто такой Камчыбек Ташиев',
      unknown: [],
    });
    expect(translateQuestion('Ворух чист?', 'tg').en).toBe('what Vorukh');
  });

  it('maps the Kyrgyz and Tajik spellings of places and people to the English and Russian ones', () => {
    expect(translateQuestion('Хуҷанд Суғд Ҷапаров Раҳмон Тошиев Лайлак', 'tg').en).toBe('Khujand Sughd Japarov Rahmon Tashiyev Leilek');
    expect(translateQuestion('Кожент Баткен Жапаров Көк-Таш', 'ky').ru).toBe('Худжанд Баткен Жапаров Кок-Таш');
  });

  it('forgives a typo of a letter in a long word', () => {
    expect(translateQuestion('кагылышуулорда', 'ky').en).toBe('clashes');
    expect(translateQuestion('музокиррот', 'tg').en).toBe('talks negotiations');
  });

  it('keeps words it does not know, and numbers, and lists the unknown words', () => {
    const gloss = translateQuestion('Франциянын борбору кайсы?', 'ky');
    expect(gloss.en).toBe('which франциянын борбору');
    expect(gloss.unknown).toEqual(['франциянын', 'борбору']);
  });

  it('returns English and Russian questions unchanged', () => {
    expect(translateQuestion('How long is the border?', 'en')).toEqual({
      en: 'How long is the border?',
      ru: 'How long is the border?',
      unknown: [],
    });
  });
});

describe('the lexicon', () => {
  it('covers the domain in both languages', () => {
    const covered = (en: string) => KY_TG_LEXICON.find((e) => e.en.split(' ').includes(en));
    const domain = ['border', 'length', 'delimitation', 'demarcation', 'agreement', 'signed', 'ratify', 'clashes', 'killed', 'injured'];
    const more = ['displaced', 'enclave', 'water', 'road', 'president', 'parliament', 'talks', 'village', 'weapons', 'drones'];
    const names = ['Vorukh', 'Batken', 'Sughd', 'Isfara', 'Khujand', 'Leilek', 'Kök-Tash', 'Tashiyev', 'Japarov', 'Rahmon', 'Kazakbayev'];
    const missing = [...domain, ...more, ...names].filter((en) => !covered(en)?.ky.length || !covered(en)?.tg.length);
    expect(missing).toEqual([]);
  });

  it('knows the inflected forms people type, by stem', () => {
    expect(['чек ара', 'чек арасы', 'чек арасынын', 'чек арадагы'].map((f) => translateQuestion(f, 'ky').en)).toEqual([
      'border',
      'border',
      'border',
      'border',
    ]);
    expect(['сарҳад', 'сарҳади', 'сарҳадро', 'сарҳадҳо', 'сархади'].every((f) => isLexiconWord(f, 'tg'))).toBe(true);
  });

  it('does not take a Russian word for a Kyrgyz one', () => {
    expect(isLexiconWord('граница', 'ky')).toBe(false);
  });
});
