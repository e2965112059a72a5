import type { InlineKeyboardButton, InlineQueryResultArticle } from 'telegraf/types';
import { formatPartialDate, type Answer, type AnswerLanguage, type Citation, type SourceSummary } from '../../core/index.js';
import { clipText, escapeAttr, escapeHtml, safeUrl, sanitizeText } from './html.js';
import { splitMessage, type Block } from './split.js';
import { TELEGRAM_TEXTS } from './texts.js';
import type { Worded } from '../../moderation/index.js';

/** A reply as Telegram messages: HTML parts in order, and URL buttons for the last part. */
export interface TelegramReply {
  parts: string[];
  keyboard: InlineKeyboardButton.UrlButton[][];
}

/** At most this many source buttons: more would bury the answer under its keyboard. */
const MAX_BUTTONS = 5;
/** Inline mode offers at most three results, each one message. */
const MAX_INLINE_RESULTS = 3;

const texts = (language: AnswerLanguage) => TELEGRAM_TEXTS[language] ?? TELEGRAM_TEXTS.en;

/** A source's date as the reader's language writes it; anything that is not a partial date is shown as given. */
function shownDate(published: string, language: AnswerLanguage): string {
  try {
    return formatPartialDate(published, language);
  } catch {
    return published;
  }
}

/** Plain text cut to an escaped budget, then escaped: a heading of bounded length whatever the source holds. */
const field = (text: string, budget: number): string => escapeHtml(clipText(sanitizeText(text), budget));

/** "[1] Asia-Plus · November 2022 · <a>title</a>": publisher, date, link, each clipped so the line always fits a message. */
function citationHeading(c: Citation, n: number, language: AnswerLanguage): string {
  const href = safeUrl(c.url);
  const title = field(c.title, 200);
  const link = href
    ? `<a href="${escapeAttr(href)}">${title || escapeHtml(new URL(href).hostname)}</a>`
    : `${title ? `${title} ` : ''}<i>(${escapeHtml(texts(language).noLink)})</i>`;
  return `<b>[${n}]</b> ${[field(c.publisher, 150), field(shownDate(c.published, language), 60), link].filter(Boolean).join(' · ')}`;
}

function citationBlock(c: Citation, n: number, language: AnswerLanguage): Block {
  return [{ html: citationHeading(c, n, language) }, { text: sanitizeText(c.quote), open: '<blockquote>', close: '</blockquote>' }];
}

/** Paragraphs of plain text, as the core writes them: a blank line between them. */
const paragraphs = (text: string): Block[] =>
  sanitizeText(text)
    .split(/\n[ \t]*\n/)
    .map((p) => [{ text: p }]);

function buttons(citations: Citation[]): InlineKeyboardButton.UrlButton[][] {
  const seen = new Set<string>();
  const rows: InlineKeyboardButton.UrlButton[][] = [];
  citations.forEach((c, i) => {
    const url = safeUrl(c.url);
    if (!url || seen.has(url) || rows.length >= MAX_BUTTONS) return;
    seen.add(url);
    rows.push([{ text: `[${i + 1}] ${clipText(sanitizeText(c.publisher), 40) || url}`, url }]);
  });
  return rows;
}

/** Never an empty message: Telegram refuses one, and a blank answer is still an answer to show. */
const nonEmpty = (parts: string[]): string[] => (parts.length ? parts : ['…']);

/** An answer, then each citation: heading with its link, and the quote, verbatim, in a blockquote. */
export function renderAnswer(answer: Answer): TelegramReply {
  const blocks = [...paragraphs(answer.text), ...answer.citations.map((c, i) => citationBlock(c, i + 1, answer.language))];
  return { parts: nonEmpty(splitMessage(blocks)), keyboard: buttons(answer.citations) };
}

/** Any fixed text of the bot (about, notes, apologies) as escaped HTML parts. */
export function renderPlain(text: string): string[] {
  return nonEmpty(splitMessage(paragraphs(text)));
}

/**
 * A moderation outcome, laid out like an answer: each line of a listing its own segment, so a long listing breaks
 * between lines, and a shown record as preformatted text, cut (if it must be) before escaping, each piece in its own
 * <pre>. However long the recorded questions or the article, every part is well-formed and within the limit.
 */
export function renderWorded(worded: Worded): string[] {
  const lines: Block[] = sanitizeText(worded.text)
    .split(/\n[ \t]*\n/)
    .map((p) => p.split('\n').map((text) => ({ text })));
  const code: Block[] = worded.code ? [[{ text: sanitizeText(worded.code), open: '<pre>', close: '</pre>' }]] : [];
  return nonEmpty(splitMessage([...lines, ...code]));
}

export function renderSources(sources: SourceSummary[], language: AnswerLanguage): string[] {
  const lines: Block[] = sources.map((s) => {
    const href = safeUrl(s.url);
    const title = field(s.title, 200) || '…';
    const link = href ? `<a href="${escapeAttr(href)}">${title}</a>` : title;
    return [{ html: `• ${link} — ${field(s.publisher, 150)}, ${field(shownDate(s.published, language), 60)}` }];
  });
  return nonEmpty(splitMessage([[{ text: texts(language).sourcesHeading(sources.length) }], ...lines], { paragraphSep: '\n' }));
}

function examplesBlock(examples: string[], language: AnswerLanguage): Block {
  return [{ text: texts(language).examples }, ...examples.map((e) => ({ text: `• ${sanitizeText(e)}` }))];
}

/** /help: how to ask in each kind of chat, the commands, and questions the bot can answer. */
export function renderHelp(examples: string[], language: AnswerLanguage, username: string): string[] {
  const t = texts(language);
  return nonEmpty(splitMessage([[{ text: t.howToAsk(username) }], examplesBlock(examples, language), [{ text: t.commandList }]]));
}

/** /start: a greeting in the user's app language, then the same guidance as /help. */
export function renderWelcome(examples: string[], language: AnswerLanguage, username: string): string[] {
  const t = texts(language);
  return nonEmpty(
    splitMessage([
      [{ html: `<b>${escapeHtml(t.welcome)}</b>` }],
      [{ text: t.howToAsk(username) }],
      examplesBlock(examples.slice(0, 3), language),
      [{ text: t.commandList }],
    ]),
  );
}

/** One inline result: the answer and (at most) one of its citations, as a single message that fits. */
function inlineArticle(answer: Answer, citationIndex: number | null, id: string): InlineQueryResultArticle {
  const c = citationIndex === null ? null : (answer.citations[citationIndex] ?? null);
  const cited = c ? [citationBlock(c, citationIndex! + 1, answer.language)] : [];
  let parts = splitMessage([...paragraphs(answer.text), ...cited]);
  // Too long for one message: keep the gist of the answer and of the quote rather than drop the citation.
  if (parts.length > 1) {
    const short = c
      ? [
          [
            { html: citationHeading(c, citationIndex! + 1, answer.language) },
            { text: clipText(sanitizeText(c.quote), 1200), open: '<blockquote>', close: '</blockquote>' },
          ],
        ]
      : [];
    parts = splitMessage([[{ text: clipText(sanitizeText(answer.text), 1800) }], ...short]);
  }
  const url = c ? safeUrl(c.url) : null;
  return {
    type: 'article',
    id,
    title: clipText(sanitizeText(answer.text), 64) || '…',
    description: c
      ? clipText(
          `[${citationIndex! + 1}] ${sanitizeText(c.publisher)} · ${shownDate(c.published, answer.language)}: ${sanitizeText(c.quote)}`,
          120,
        )
      : undefined,
    input_message_content: { message_text: nonEmpty(parts)[0]!, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
    ...(url
      ? {
          reply_markup: {
            inline_keyboard: [[{ text: `[${citationIndex! + 1}] ${clipText(sanitizeText(c!.publisher), 40) || url}`, url }]],
          },
        }
      : {}),
  };
}

/**
 * Inline mode: one answer becomes up to three results, one per citation (the person picks which
 * source to share); several answers (the examples offered for an empty query) one result each.
 */
export function renderInlineResults(answers: Answer[]): InlineQueryResultArticle[] {
  if (answers.length === 1) {
    const answer = answers[0]!;
    if (!answer.citations.length) return [inlineArticle(answer, null, '0')];
    return answer.citations.slice(0, MAX_INLINE_RESULTS).map((_, i) => inlineArticle(answer, i, String(i)));
  }
  return answers.slice(0, MAX_INLINE_RESULTS).map((a, i) => inlineArticle(a, a.citations.length ? 0 : null, String(i)));
}
