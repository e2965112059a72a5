/**
 * A strict reading of Telegram's HTML parse mode, as the fake Bot API server applies it: what a
 * message must be for Telegram to accept it, and the text a person then sees.
 * https://core.telegram.org/bots/api#html-style
 */

export type HtmlCheck = { ok: true; text: string; tags: string[] } | { ok: false; error: string };

const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);
/** Tags Telegram refuses inside themselves. */
const NO_SELF_NESTING = new Set(['a', 'blockquote', 'pre', 'code']);
const ENTITY = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-f]{1,6});/i;
const TAG = /^<(\/?)([a-z][a-z-]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/i;
const ATTR = /([a-z-]+)(?:="([^"]*)")?/gi;

function decodeEntity(entity: string): string {
  const body = entity.slice(1, -1).toLowerCase();
  if (body === 'lt') return '<';
  if (body === 'gt') return '>';
  if (body === 'amp') return '&';
  if (body === 'quot') return '"';
  const cp = body.startsWith('#x') ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return String.fromCodePoint(cp);
}

/** An attribute value may hold entities too, and must be as well-formed as text. */
function decodeAttr(value: string): string | null {
  let out = '';
  for (let i = 0; i < value.length;) {
    if (value[i] === '&') {
      const m = ENTITY.exec(value.slice(i));
      if (!m) return null;
      out += decodeEntity(m[0]);
      i += m[0].length;
    } else out += value[i++];
  }
  return out;
}

function checkAttributes(name: string, raw: string): string | null {
  const attrs = new Map<string, string>();
  for (const m of raw.matchAll(ATTR)) {
    const value = decodeAttr(m[2] ?? '');
    if (value === null) return `bad entity in attribute ${m[1]} of <${name}>`;
    attrs.set(m[1]!.toLowerCase(), value);
  }
  if (name === 'a') {
    const href = attrs.get('href');
    if (href === undefined || attrs.size !== 1) return '<a> takes exactly one attribute, href';
    try {
      if (!['http:', 'https:', 'tg:'].includes(new URL(href).protocol)) return `unsupported URL scheme in ${href}`;
    } catch {
      return `invalid URL in href: ${href}`;
    }
    return null;
  }
  if (name === 'span') return attrs.get('class') === 'tg-spoiler' && attrs.size === 1 ? null : '<span> needs class="tg-spoiler"';
  if (name === 'blockquote') return [...attrs.keys()].every((k) => k === 'expandable') ? null : 'unknown attribute of <blockquote>';
  if (name === 'code') return [...attrs.keys()].every((k) => k === 'class') ? null : 'unknown attribute of <code>';
  if (name === 'tg-emoji') return attrs.has('emoji-id') ? null : '<tg-emoji> needs emoji-id';
  return attrs.size === 0 ? null : `<${name}> takes no attributes`;
}

/** Parses `html` as Telegram would: every tag allowed and balanced, every `&` an entity, no stray `<` or `>`. */
export function checkTelegramHtml(html: string): HtmlCheck {
  const stack: string[] = [];
  const tags: string[] = [];
  let text = '';
  for (let i = 0; i < html.length;) {
    const ch = html[i]!;
    if (ch === '<') {
      const m = TAG.exec(html.slice(i));
      if (!m) return { ok: false, error: `malformed or unclosed tag at ${i}` };
      const [whole, slash, rawName, attrs] = m as unknown as [string, string, string, string];
      const name = rawName.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return { ok: false, error: `unsupported tag <${name}> at ${i}` };
      if (slash) {
        if (stack.pop() !== name) return { ok: false, error: `unexpected </${name}> at ${i}` };
      } else {
        if (NO_SELF_NESTING.has(name) && stack.includes(name)) return { ok: false, error: `<${name}> nested in itself at ${i}` };
        const problem = checkAttributes(name, attrs);
        if (problem) return { ok: false, error: problem };
        stack.push(name);
        tags.push(name);
      }
      i += whole.length;
    } else if (ch === '&') {
      const m = ENTITY.exec(html.slice(i, i + 12));
      if (!m) return { ok: false, error: `bad entity at ${i}` };
      text += decodeEntity(m[0]);
      i += m[0].length;
    } else if (ch === '>') {
      return { ok: false, error: `unescaped > at ${i}` };
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length) return { ok: false, error: `unclosed <${stack.join('>, <')}>` };
  return { ok: true, text, tags };
}
