import { ButtonStyle, ComponentType, escapeMarkdown, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { formatPartialDate, type Answer, type Language, type SourceSummary } from '../../core/index.js';
import type { Worded } from '../../moderation/index.js';
import { DISCORD_TEXTS } from './texts.js';

/** Discord's limits on an embed (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  total: 6000,
} as const;
const LINK_BUTTONS = 5;
const BUTTON_LABEL = 80;
const BUTTON_URL = 512;

/** Nothing the bot sends can ping anyone: no @everyone, no role, no user, not even the one it replies to. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

export interface DiscordMessage {
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  allowedMentions: typeof NO_MENTIONS;
}

/**
 * Cuts text to `max` characters at the last sentence end that fits (a word end if none), adding "…".
 * Never splits a surrogate pair or leaves a dangling escape backslash.
 */
export function cutAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const sentence = Math.max(...['. ', '! ', '? ', '.\n', '…'].map((s) => room.lastIndexOf(s)));
  const word = room.lastIndexOf(' ');
  let cut = sentence > max / 3 ? sentence + 1 : word > max / 3 ? word : room.length;
  if (/[\ud800-\udbff]/.test(text[cut - 1] ?? '')) cut -= 1;
  let head = text.slice(0, cut).trimEnd();
  while (head.endsWith('\\')) head = head.slice(0, -1);
  return `${head}…`;
}

const embedSize = (e: APIEmbed): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Only an http(s) address Discord accepts on a link button (512 characters at most) is shown or linked. */
const safeUrl = (url: string | null): string | null => (url && url.length <= BUTTON_URL && /^https?:\/\/[^\s<>]+$/.test(url) ? url : null);

/**
 * Source text shown as it is written: besides bold, italics, code and spoilers, a masked link
 * ("[text](address)") or a heading in a quote would change what the reader sees, so those are escaped too.
 */
const escape = (text: string): string => escapeMarkdown(text, { maskedLink: true, heading: true });

function linkButtons(links: Array<{ label: string; url: string }>): Array<APIActionRowComponent<APIButtonComponent>> {
  const buttons: APIButtonComponent[] = links.slice(0, LINK_BUTTONS).map((l) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    label: cutAtSentence(l.label, BUTTON_LABEL),
    url: l.url,
  }));
  return buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** An answer as one embed: the text, each citation (publisher · date · link) with its quote, the "as of" line; link buttons below. */
export function renderDiscordAnswer(answer: Answer): DiscordMessage {
  const lang = answer.language;
  const heads = answer.citations.map((c, i) => `[${i + 1}] ${c.publisher} · ${formatPartialDate(c.published, lang)}`);
  const fields = answer.citations.slice(0, EMBED_LIMITS.fields).map((c, i) => {
    const url = safeUrl(c.url);
    const head = heads[i]!;
    const link = url ? `\n${url}` : '';
    const quote = `> ${escape(c.quote).replace(/\n/g, ' ')}`;
    return {
      name: cutAtSentence(escape(head), EMBED_LIMITS.fieldName),
      value: cutAtSentence(quote, EMBED_LIMITS.fieldValue - link.length) + link,
    };
  });
  // The "as of" sentence moves from the end of the text to the footer, so it is shown once.
  const text =
    answer.asOfLine && answer.text.endsWith(answer.asOfLine)
      ? answer.text.slice(0, -answer.asOfLine.length).trimEnd() || answer.text
      : answer.text;
  const footer = answer.asOf
    ? `${DISCORD_TEXTS[lang === 'en' ? 'en' : 'ru'].asOf} ${formatPartialDate(answer.asOf, lang)}${answer.staleNote ? ` · ${answer.staleNote}` : ''}`
    : '';
  const embed: APIEmbed = {
    // Discord refuses an embed whose description is blank once trimmed.
    description: cutAtSentence(escape(text).trim() || '…', EMBED_LIMITS.description),
    ...(fields.length ? { fields } : {}),
    ...(footer ? { footer: { text: cutAtSentence(footer, EMBED_LIMITS.footer) } } : {}),
  };
  // Over the total: drop the last citations first (they are the weakest), then shorten the text.
  while (embedSize(embed) > EMBED_LIMITS.total && embed.fields?.length) embed.fields = embed.fields.slice(0, -1);
  if (embedSize(embed) > EMBED_LIMITS.total)
    embed.description = cutAtSentence(embed.description!, EMBED_LIMITS.total - embedSize({ ...embed, description: '' }));
  // A button per citation still shown, labelled as its field: two articles of one publisher stay apart.
  const shown = answer.citations.slice(0, embed.fields?.length ?? 0);
  const links = shown.flatMap((c, i) => (safeUrl(c.url) ? [{ label: heads[i]!, url: safeUrl(c.url)! }] : []));
  const unique = links.filter((l, i) => links.findIndex((o) => o.url === l.url) === i);
  return { embeds: [embed], components: linkButtons(unique), allowedMentions: NO_MENTIONS };
}

/** A plain text reply (about, help, notes) as an embed, within the limits. */
export function renderDiscordText(text: string): DiscordMessage {
  return {
    embeds: [{ description: cutAtSentence(escape(text).trim() || '…', EMBED_LIMITS.description) }],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

/** Room a shown record's text keeps before its code block. */
const WORDED_TEXT = 1_000;

/**
 * A moderation outcome as an embed: the text escaped, a shown record as a JSON code block (a fence inside it is
 * broken with a zero-width space so it cannot end the block early), both cut to fit the description's limit.
 */
export function renderDiscordWorded(worded: Worded): DiscordMessage {
  const text = escape(worded.text).trim() || '…';
  if (!worded.code) return renderDiscordText(worded.text);
  const head = cutAtSentence(text, WORDED_TEXT);
  const open = '```json\n';
  const close = '\n```';
  const room = EMBED_LIMITS.description - head.length - 1 - open.length - close.length;
  const code = worded.code.replace(/```/g, '``\u200b`');
  const body = code.length <= room ? code : `${code.slice(0, room - 1).replace(/[\ud800-\udbff]$/, '')}…`;
  return { embeds: [{ description: `${head}\n${open}${body}${close}` }], components: [], allowedMentions: NO_MENTIONS };
}

export function renderDiscordSources(sources: SourceSummary[], lang: Language): DiscordMessage {
  const lines = sources.map(
    (s) =>
      `• ${escape(s.title)} — ${escape(s.publisher)}, ${formatPartialDate(s.published, lang)}${safeUrl(s.url) ? `\n  ${safeUrl(s.url)}` : ''}`,
  );
  return {
    embeds: [{ title: DISCORD_TEXTS[lang].sourcesTitle, description: cutAtSentence(lines.join('\n') || '…', EMBED_LIMITS.description) }],
    components: linkButtons(
      sources.flatMap((s) =>
        safeUrl(s.url) ? [{ label: `${s.publisher} · ${formatPartialDate(s.published, lang)}`, url: safeUrl(s.url)! }] : [],
      ),
    ),
    allowedMentions: NO_MENTIONS,
  };
}
