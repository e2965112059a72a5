/**
 * Text → Telegram HTML, one character at a time: escaping, cleaning and cutting plain text
 * before it becomes markup, so a cut can never land inside a tag or an entity.
 */

/** Telegram rejects a message whose text (after entity parsing) is longer than this. */
export const TELEGRAM_MAX_CHARS = 4096;

/** Telegram's HTML knows only these named entities; `&` must start one of them. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value also ends at `"`. */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

const escapedLength = (ch: string): number => (ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length);

/**
 * Text Telegram can carry: lone surrogates (not valid UTF-8) become U+FFFD and control characters
 * other than newline and tab are dropped, since the API rejects or mangles them. Zero-width and
 * right-to-left marks are kept: they are part of what the person wrote, and escaping makes them harmless.
 */
export function sanitizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The longest prefix of `text` whose escaped form fits `budget`, never splitting a surrogate pair. */
function fittingPrefix(text: string, budget: number): number {
  let used = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (used + escapedLength(ch) > budget) break;
    used += escapedLength(ch);
    i += ch.length;
  }
  return i;
}

/** Where to end a chunk of `head`: after a sentence if one ends late enough, else at a space, else anywhere. */
function cutPoint(head: string, hardEnd: number): number {
  const halfway = hardEnd / 2;
  let sentence = -1;
  for (const m of head.matchAll(/[.!?…。](?:["'”»)\]]*)(?=\s)/g)) sentence = m.index + m[0].length;
  if (sentence >= halfway) return sentence;
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'), head.lastIndexOf('\t'));
  if (space >= halfway) return space;
  return hardEnd;
}

/**
 * Cuts plain text into chunks whose escaped form fits `budget` each, at sentence or word
 * boundaries where it can. Chunks are trimmed and never empty; blank text gives no chunks.
 * The first chunk may get a smaller budget, to share a message with what comes before it.
 * Budgets must leave room for one escaped character (5 code units) or more.
 */
export function cutText(text: string, budget: number, firstBudget = budget): string[] {
  if (Math.min(budget, firstBudget) < 5) throw new RangeError(`budget ${Math.min(budget, firstBudget)} is too small to cut text`);
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest) {
    const hardEnd = fittingPrefix(rest, chunks.length ? budget : firstBudget);
    if (hardEnd === rest.length) {
      chunks.push(rest);
      break;
    }
    const cut = cutPoint(rest.slice(0, hardEnd), hardEnd);
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(cut).trimStart();
  }
  return chunks;
}

/** Text shortened so that its escaped form fits `budget`, ending in "…" when it was cut. */
export function clipText(text: string, budget: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (fittingPrefix(clean, budget) === clean.length) return clean;
  const head = clean.slice(0, fittingPrefix(clean, budget - 1));
  const space = head.lastIndexOf(' ');
  return `${(space > head.length / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/**
 * An http(s) address fit for an `href` or a URL button, normalised by the URL parser (which
 * percent-encodes quotes and angle brackets), or null for anything else: Telegram refuses the
 * whole message over one bad button, so a doubtful link is left out rather than sent.
 * `maxLength` bounds the escaped attribute value, so a heading that holds the link stays short.
 */
export function safeUrl(url: string | null | undefined, maxLength = 512): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname.includes('.')) return null;
    return escapeAttr(u.href).length <= maxLength ? u.href : null;
  } catch {
    return null;
  }
}
