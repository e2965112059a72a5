/**
 * A quote between quote marks, for display. A quote that already begins with the same opening mark (or a straight
 * one) keeps its own, and likewise at its end, so “Bilateral … carried out.” is not shown as ““Bilateral … carried
 * out.””. A closing mark that only ends a quotation inside the span ("the “statements …”") still gets ours, and
 * marks of another style nest as they should («“…”»). The quote itself is never changed: citations keep the span.
 */
export function inQuoteMarks(quote: string, open = '“', close = '”'): string {
  const starts = quote.startsWith(open) || quote.startsWith('"');
  const ends = quote.endsWith(close) || quote.endsWith('"');
  const count = (mark: string) => quote.split(mark).length - 1;
  const innerClose = ends && !starts && count(close) <= count(open);
  return `${starts ? '' : open}${quote}${!ends || innerClose ? close : ''}`;
}
