import { describe, expect, it } from 'vitest';
import { stemKy } from '../../../src/core/languages/stem-ky.js';

describe('stemKy', () => {
  it.each([
    ['ара', 'ара'],
    ['арасы', 'ара'],
    ['аранын', 'ара'],
    ['арасынын', 'ара'],
    ['арасындагы', 'ара'],
    ['арадагы', 'ара'],
    ['узундук', 'узундук'],
    ['узундугу', 'узундук'],
    ['кагылышуулар', 'кагылышуу'],
    ['кагылышууларда', 'кагылышуу'],
    ['сүйлөшүүлөрдүн', 'суйлошуу'],
    ['суйлошуулордун', 'суйлошуу'],
    ['Ташиевдин', 'ташиев'],
    ['Тажикстандын', 'тажикстан'],
    ['Кыргызстан', 'кыргызстан'],
    ['Ворухта', 'ворух'],
    ['келишимге', 'келишим'],
    ['президенти', 'президент'],
    ['болгон', 'бол'],
    ['болду', 'бол'],
    ['суусу', 'суу'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemKy(word)).toBe(stem);
  });

  it('gives the same stem with and without the special letters', () => {
    expect(stemKy('сүйлөшүүлөрү')).toBe(stemKy('суйлошуулору'));
    expect(stemKy('бөлүгү')).toBe(stemKy('болугу'));
  });

  it('keeps question words whole, so "where" and "which" stay apart', () => {
    expect(stemKy('кайда')).toBe('кайда');
    expect(stemKy('кайсы')).toBe('кайсы');
    expect(stemKy('канча')).toBe('канча');
  });

  it('strips an ending only where Kyrgyz sound rules allow it', () => {
    // "-ти" follows a voiceless consonant, so in "президенти" the "-и" is the possessive
    expect(stemKy('президентти')).toBe('президент');
    // "-нда" belongs to a possessive vowel; after "е" the ending is "-де"
    expect(stemKy('Баткенде')).toBe(stemKy('Баткен'));
  });

  it('leaves short words whole rather than cut them below three letters', () => {
    expect(stemKy('суу')).toBe('суу');
    expect(stemKy('жолу')).toBe('жолу');
  });
});
