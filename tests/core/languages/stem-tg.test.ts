import { describe, expect, it } from 'vitest';
import { stemTg } from '../../../src/core/languages/stem-tg.js';

describe('stemTg', () => {
  it.each([
    ['сарҳад', 'сархад'],
    ['сарҳади', 'сархад'],
    ['сарҳадро', 'сархад'],
    ['сарҳадҳо', 'сархад'],
    ['сарҳадҳои', 'сархад'],
    ['сарҳадҳоро', 'сархад'],
    ['дарозӣ', 'дароз'],
    ['дарозии', 'дароз'],
    ['Тоҷикистону', 'точикистон'],
    ['Қирғизистон', 'киргизистон'],
    ['тоҷикон', 'точик'],
    ['задухӯрдҳои', 'задухурд'],
    ['Ворухро', 'ворух'],
    ['роҳи', 'рох'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemTg(word)).toBe(stem);
  });

  it('gives the same stem with and without the special letters', () => {
    expect(stemTg('сарҳадро')).toBe(stemTg('сархадро'));
    expect(stemTg('Тоҷикистону')).toBe(stemTg('Точикистону'));
    expect(stemTg('дарозӣ')).toBe(stemTg('дарози'));
  });

  it('keeps the "-он" of a country name but strips the plural "-он" of people', () => {
    expect(stemTg('Ӯзбекистон')).toBe('узбекистон');
    expect(stemTg('одамон')).toBe('одам');
  });

  it('keeps question words and short words whole', () => {
    expect(stemTg('чанд')).toBe('чанд');
    expect(stemTg('кист')).toBe('кист');
    expect(stemTg('оби')).toBe('оби');
  });
});
