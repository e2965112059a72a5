import { describe, expect, it } from 'vitest';
import { foldSpecialLetters, hasSpecialLetters } from '../../../src/core/languages/fold.js';

describe('foldSpecialLetters', () => {
  it.each([
    ['бөлүгү', 'болугу'],
    ['жаңжал', 'жанжал'],
    ['сарҳадро', 'сархадро'],
    ['Тоҷикистон', 'Точикистон'],
    ['Қирғизистон', 'Киргизистон'],
    ['дарозӣ', 'дарози'],
    ['задухӯрд', 'задухурд'],
    ['ҶАПАРОВ', 'ЧАПАРОВ'],
  ])('types %s as someone without the special letters would: %s', (word, plain) => {
    expect(foldSpecialLetters(word)).toBe(plain);
  });

  it('folds Kazakh look-alikes typed on a Kazakh keyboard the same way', () => {
    expect(foldSpecialLetters('сарһад')).toBe(foldSpecialLetters('сарҳад'));
  });

  it('folds a macron typed as a combining mark like the precomposed letter', () => {
    expect(foldSpecialLetters('дарози\u0304')).toBe('дарози');
  });

  it('leaves Russian, English and numbers as they are', () => {
    expect(foldSpecialLetters('Граница 970 km, Ворух')).toBe('Граница 970 km, Ворух');
  });

  it('makes the question side and the index side meet', () => {
    expect(foldSpecialLetters('Чек аранын канча бөлүгү')).toBe(foldSpecialLetters('Чек аранын канча болугу'));
    expect(foldSpecialLetters('Дарозии сарҳади Тоҷикистону Қирғизистон')).toBe('Дарозии сархади Точикистону Киргизистон');
  });
});

describe('hasSpecialLetters', () => {
  it('tells Kyrgyz and Tajik letters from plain Cyrillic', () => {
    expect(hasSpecialLetters('чек арасынын узундугу канча')).toBe(false);
    expect(hasSpecialLetters('бөлүгү')).toBe(true);
    expect(hasSpecialLetters('ҳалок')).toBe(true);
    expect(hasSpecialLetters('Сколько км?')).toBe(false);
  });
});
