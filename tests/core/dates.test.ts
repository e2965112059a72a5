import { describe, expect, it } from 'vitest';
import { formatPartialDate, parsePartialDate } from '../../src/core/index.js';
import { isOlderThanAYear, resolveRelativeDates } from '../../src/core/dates.js';

describe('relative dates', () => {
  it('resolves "last year" and "this year" against the article date', () => {
    const r = resolveRelativeDates('Last year alone, there were fourteen cases. Trade has decreased this year.', '2020-11-20');
    expect(r.map((d) => [d.phrase, d.value])).toEqual([
      ['Last year', '2019'],
      ['this year', '2020'],
    ]);
  });

  it('puts a month-and-day without a year in the article year, or the year before when the month is still to come', () => {
    expect(resolveRelativeDates('They spoke on September 19 in New York.', '2023-10-24')[0]?.value).toBe('2023-09-19');
    expect(resolveRelativeDates('On January 28, the president spoke.', '2025-02')[0]?.value).toBe('2025-01-28');
    expect(resolveRelativeDates('In an interview on November 30, he said.', '2023-10-24')[0]?.value).toBe('2022-11-30');
  });

  it('leaves dates that carry their own year, and the verb "may", alone', () => {
    expect(resolveRelativeDates('In May 2022, the chief of staff came. It may rain.', '2023-10-24')).toEqual([]);
    expect(resolveRelativeDates('the worst since April 2021, when', '2022-11')).toEqual([]);
  });
});

describe('partial dates', () => {
  it('parses the three precisions and rejects impossible days', () => {
    expect(parsePartialDate('2025')?.getFullYear()).toBe(2025);
    expect(parsePartialDate('2025-02')?.getMonth()).toBe(1);
    expect(parsePartialDate('2023-02-30')).toBeNull();
    expect(parsePartialDate('Feb 2025')).toBeNull();
  });

  it('formats in English and Russian at the precision known', () => {
    expect(formatPartialDate('2017-02-06', 'en')).toBe('6 February 2017');
    expect(formatPartialDate('2025-02', 'en')).toBe('February 2025');
    expect(formatPartialDate('2017-02-06', 'ru')).toBe('6 февраля 2017 г.');
    expect(formatPartialDate('2025-02', 'ru')).toBe('февраль 2025 г.');
  });

  it('counts a month-precise date as old only when even its last day is more than a year ago', () => {
    expect(isOlderThanAYear('2025-02', new Date('2026-02-27T12:00:00Z'))).toBe(false);
    expect(isOlderThanAYear('2025-02', new Date('2026-03-02T12:00:00Z'))).toBe(true);
  });
});

describe('a month and day after a dated sentence', () => {
  it('takes the year of the same month named just before', () => {
    const text = 'Kyrgyzstan acquired drones prior to the fighting in September 2022. A bomb fired on September 16 may have killed ten.';
    expect(resolveRelativeDates(text, '2023-10-24').map((d) => d.value)).toEqual(['2022-09-16']);
  });
});
