import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/core/languages/read-question.js';

describe('readQuestion', () => {
  it('reads a Kyrgyz question typed without ң ө ү as Kyrgyz and glosses it for search', () => {
    expect(readQuestion('Чек ара боюнча суйлошуулор качан башталган?')).toEqual({
      language: 'ky',
      latinRussian: false,
      search: { en: 'when border about talks negotiations began', ru: 'когда граница о переговоры начались' },
      unknown: [],
    });
  });

  it('reads a Tajik question as Tajik and glosses it for search', () => {
    const read = readQuestion('Дар Ворух чанд нафар зиндагӣ мекунанд?');
    expect(read.language).toBe('tg');
    expect(read.search.ru).toBe('сколько в Ворух человек живут');
  });

  it('transliterates Russian typed in Latin letters and answers it in Russian', () => {
    expect(readQuestion('skolko km granica kirgizii i tadzhikistana')).toEqual({
      language: 'ru',
      latinRussian: true,
      search: { en: 'skolko km granica kirgizii i tadzhikistana', ru: 'сколько км граница киргизии и таджикистана' },
      unknown: [],
    });
  });

  it('passes English and Russian through as typed', () => {
    expect(readQuestion('How long is the border?').search).toEqual({ en: 'How long is the border?', ru: 'How long is the border?' });
    expect(readQuestion('Где Ворух?')).toMatchObject({ language: 'ru', search: { ru: 'Где Ворух?' } });
  });

  it('answers in a forced language, glossing as that language', () => {
    expect(readQuestion('Ташиев кист', 'tg')).toMatchObject({ language: 'tg', search: { en: 'who is Tashiyev' } });
  });
});
