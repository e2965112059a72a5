import { cutText, escapeHtml, TELEGRAM_MAX_CHARS } from './html.js';

/**
 * One line of a message. `html` is finished markup the renderer keeps short (a citation's heading);
 * `text` is plain text that may be cut, each piece escaped and wrapped in `open`…`close` again.
 */
export type Segment = { html: string } | { text: string; open?: string; close?: string };

/** A paragraph: its segments are joined by a line break, paragraphs by a blank line. */
export type Block = Segment[];

const render = (s: Segment): string => ('html' in s ? s.html : `${s.open ?? ''}${escapeHtml(s.text)}${s.close ?? ''}`);

/** Packs strings in order into as few as it can of at most `limit` characters, each joined by its separator. */
class Packer {
  readonly out: string[] = [];
  private fresh = true;
  constructor(private readonly limit: number) {}

  /** Room left in the current string for one more piece after `sep`. */
  room(sep: string): number {
    const last = this.out[this.out.length - 1];
    return last === undefined || this.fresh ? this.limit : this.limit - last.length - sep.length;
  }

  add(piece: string, sep: string): void {
    const last = this.out.length - 1;
    if (!this.fresh && last >= 0 && piece.length <= this.room(sep)) this.out[last] += sep + piece;
    else this.out.push(piece);
    this.fresh = false;
  }

  /** The next piece starts a new string. */
  breakHere(): void {
    this.fresh = true;
  }
}

const isBlank = (s: Segment): boolean => !render(s).trim() || ('text' in s && !s.text.trim());

/** Adds one line, cutting it when it is too long: its first piece fills the room left in the current part. */
function addLine(parts: Packer, s: Segment, sep: string, limit: number): void {
  const whole = render(s);
  if (whole.length <= limit) return parts.add(whole, sep);
  if ('html' in s) throw new RangeError(`a fixed HTML segment of ${whole.length} characters exceeds ${limit}`);
  const open = s.open ?? '';
  const close = s.close ?? '';
  const budget = limit - open.length - close.length;
  // Continue the current part unless that would leave only a sliver of the line in it.
  const shared = parts.room(sep) - open.length - close.length;
  cutText(s.text, budget, shared >= limit / 4 ? shared : budget).forEach((chunk, i) =>
    parts.add(`${open}${escapeHtml(chunk)}${close}`, i ? '\n' : sep),
  );
}

/**
 * Lays blocks out as Telegram messages of at most `limit` characters of HTML (an upper bound
 * on what Telegram counts, the text after entity parsing). A paragraph that fits one message
 * is never broken; parts break between paragraphs. A paragraph too long for one message breaks
 * between its lines, and a line too long breaks at a sentence or word. Every part is
 * well-formed on its own: cuts happen in plain text, before escaping, and each piece of a cut
 * line gets its own opening and closing tags. Blank segments are dropped; no blocks, no parts.
 */
export function splitMessage(blocks: Block[], options: { limit?: number; paragraphSep?: string } = {}): string[] {
  const limit = options.limit ?? TELEGRAM_MAX_CHARS;
  const paragraphSep = options.paragraphSep ?? '\n\n';
  const parts = new Packer(limit);
  for (const block of blocks) {
    const lines = block.filter((s) => !isBlank(s));
    const whole = lines.map(render).join('\n');
    if (!lines.length) continue;
    if (whole.length <= limit) {
      parts.add(whole, paragraphSep);
      continue;
    }
    // Too long to keep together: start it in a new part unless its first line and a good share of the next fit here.
    if (parts.room(paragraphSep) < render(lines[0]!).length + limit / 4) parts.breakHere();
    lines.forEach((line, i) => addLine(parts, line, i ? '\n' : paragraphSep, limit));
  }
  return parts.out;
}
