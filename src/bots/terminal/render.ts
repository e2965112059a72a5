import { formatPartialDate, inQuoteMarks, type Answer } from '../../core/index.js';

/** An answer as a person reads it in a terminal: the text, then each source with its exact passage. */
export function renderForTerminal(answer: Answer): string {
  const lines = [answer.text];
  answer.citations.forEach((c, i) => {
    const head = [
      c.publisher,
      formatPartialDate(c.published, answer.language),
      c.url ?? (answer.language === 'ru' ? 'ссылки нет' : 'no link'),
    ].join(' · ');
    lines.push('', `[${i + 1}] ${head}`, `    ${inQuoteMarks(c.quote)}`);
  });
  return lines.join('\n');
}
