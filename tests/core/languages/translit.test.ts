import { stemmer as stemRu } from '@orama/stemmers/russian';
import { describe, expect, it } from 'vitest';
import { latinToCyrillicRussian } from '../../../src/core/languages/translit.js';

describe('latinToCyrillicRussian', () => {
  it('turns the question from the field into Cyrillic the Russian stemmer matches', () => {
    expect(latinToCyrillicRussian('skolko km granica kirgizii i tadzhikistana')).toBe('сколько км граница киргизии и таджикистана');
  });

  it.each([
    ['granitsa', 'граница'],
    ['granica', 'граница'],
    ['kirgizii', 'киргизии'],
    ['tadzhikistana', 'таджикистана'],
    ['tadjikistana', 'таджикистана'],
    ['skolko', 'сколько'],
    ["skol'ko", 'сколько'],
    ['stolknoveniya', 'столкновения'],
    ['stolknovenija', 'столкновения'],
    ['vorukhom', 'ворухом'],
    ['voruhe', 'ворухе'],
    ['chelovek', 'человек'],
    ['zhivet', 'живет'],
    ['pochemu', 'почему'],
    ['peregovory', 'переговоры'],
    ['shchit', 'щит'],
    ['yashchik', 'ящик'],
    ['kyrgyzskiy', 'кыргызский'],
    ['novyy', 'новый'],
    ['sentyabrya', 'сентября'],
    ['nachinaetsya', 'начинается'],
    ['eto', 'это'],
    ['esli', 'если'],
    ['evakuatsiya', 'эвакуация'],
    ['rayone', 'районе'],
  ])('reads %s as %s', (latin, cyrillic) => {
    expect(stemRu(latinToCyrillicRussian(latin))).toBe(stemRu(cyrillic));
  });

  it('keeps a capital letter and words in capitals', () => {
    expect(latinToCyrillicRussian('Kto takoy Tashiev? GKNB')).toBe('Кто такой Ташиев? ГКНБ');
  });

  it('leaves Cyrillic, numbers and punctuation alone', () => {
    expect(latinToCyrillicRussian('Ворух, 2022 g., 14-17 sentyabrya!')).toBe('Ворух, 2022 г., 14-17 сентября!');
  });

  it('reads the names people type in Latin the way Russian writes them', () => {
    expect(latinToCyrillicRussian('japarov khujand leilek')).toBe('жапаров худжанд лейлек');
  });
});
