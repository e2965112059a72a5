import { describe, expect, it } from 'vitest';
import { isObject, type DiscordError } from './discord-errors.js';
import { checkRequest, MAX_REQUEST_BYTES, requestTooLarge, type DiscordRequest } from './discord-rules.js';

/** The fake's rules, each shown refusing a body Discord refuses and accepting the nearest one it accepts. */

const command = (over: Record<string, unknown> = {}) => ({ type: 1, name: 'ask', description: 'Ask a question', ...over });
const option = (over: Record<string, unknown> = {}) => ({
  type: 3,
  name: 'question',
  description: 'Your question',
  required: true,
  ...over,
});
const put = (body: unknown): DiscordRequest => ({ method: 'PUT', path: '/applications/2/guilds/7/commands', body });
const post = (body: unknown): DiscordRequest => ({ method: 'POST', path: '/channels/5/messages', body });
const followUp = (body: unknown): DiscordRequest => ({ method: 'POST', path: '/webhooks/2/tok-1', body });
const edit = (body: unknown): DiscordRequest => ({ method: 'PATCH', path: '/webhooks/2/tok-1/messages/@original', body });
const respond = (type: number, data?: unknown): DiscordRequest => ({
  method: 'POST',
  path: '/interactions/1/tok-1/callback',
  body: data === undefined ? { type } : { type, data },
});
const embeds = (...list: Array<Record<string, unknown>>) => ({ embeds: list });
const row = (...components: unknown[]) => ({ type: 1, components });
const button = (over: Record<string, unknown> = {}) => ({ type: 2, style: 2, label: '👍', custom_id: 'v+1', ...over });
const link = (over: Record<string, unknown> = {}) => ({ type: 2, style: 5, label: '[1] Asia-Plus', url: 'https://example.org/a', ...over });
const input = (over: Record<string, unknown> = {}) => ({ type: 4, custom_id: 'title', style: 1, label: 'Title', ...over });
const modal = (over: Record<string, unknown> = {}) => ({
  title: 'Add a source',
  custom_id: 'add-source',
  components: [row(input())],
  ...over,
});
const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
const x = (n: number) => 'x'.repeat(n);

/** "path:CODE" for every problem in a 50035 body, as Discord nests them. */
function problemsOf(error: DiscordError | null): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '_errors') for (const e of value as Array<{ code: string }>) found.push(`${path.join('.')}:${e.code}`);
      else walk(value, [...path, key]);
    }
  };
  walk(error?.body.errors, []);
  return found;
}

const form = (...problems: string[]) => ({ status: 400, code: 50035, problems });
const empty = { status: 400, code: 50006, problems: [] };

const ACCEPTED: Array<[string, DiscordRequest]> = [
  [
    'commands with Russian and Ukrainian localizations',
    put([command({ name_localizations: { ru: 'спросить', uk: 'запитати', 'en-US': 'ask' } })]),
  ],
  ['a Devanagari, Thai and apostrophe command name', put([command({ name: "पूछें-ถาม-don't" })])],
  ['a 32-character name and a 100-character description', put([command({ name: x(32), description: x(100) })])],
  ['25 options, required first', put([command({ options: many(25, (i) => option({ name: `o${i}`, required: i < 3 })) })])],
  [
    '100 chat commands and a mixed-case user command',
    put([...many(100, (i) => command({ name: `c${i}` })), { type: 2, name: 'Ask About This' }]),
  ],
  [
    'subcommands holding their own options',
    put([command({ options: [{ type: 1, name: 'sub', description: 'A part', options: [option()] }] })]),
  ],
  ['2,000 characters of content', post({ content: x(2000) })],
  ['2,000 emoji, counted as Discord counts them', post({ content: '🏔'.repeat(2000) })],
  ['ten embeds of 600 characters each: 6,000 in all', post(embeds(...many(10, () => ({ description: x(600) }))))],
  [
    'an embed at every limit within 6,000 in all',
    post(
      embeds({
        title: x(256),
        description: x(4096),
        fields: [{ name: x(256), value: x(1024) }],
        footer: { text: x(300) },
        author: { name: x(68) },
      }),
    ),
  ],
  [
    'five rows of five buttons, link buttons with a url only',
    post({ content: 'a', components: many(5, (r) => row(...many(4, (b) => button({ custom_id: `${r}-${b}` })), link())) }),
  ],
  ['allowed_mentions that parse nothing', post({ content: 'a', allowed_mentions: { parse: [], replied_user: false } })],
  [
    'allowed_mentions naming users while parsing roles',
    post({ content: 'a', allowed_mentions: { parse: ['roles', 'everyone'], users: ['42'] } }),
  ],
  ['a file with no text (multipart)', { ...post({}), files: 1 }],
  ['a 25-character nonce, enforced', post({ content: 'a', nonce: x(25), enforce_nonce: true })],
  ['an integer nonce', post({ content: 'a', nonce: 1234567890 })],
  ['a follow-up with an embed', followUp(embeds({ description: 'Sorry, something went wrong.' }))],
  ['an edit that changes only the flags', edit({ flags: 4 })],
  ['a deferral, with no data', respond(5)],
  ['an ephemeral reply', respond(4, { content: 'Wait a little.', flags: 64 })],
  [
    'a modal of five rows, each one text input of at most 4,000 characters',
    respond(9, modal({ components: many(5, (i) => row(input({ custom_id: `f${i}`, max_length: 4000 }))) })),
  ],
  [
    'a modal with a label component',
    respond(9, modal({ components: [{ type: 18, label: 'Title', component: { type: 4, custom_id: 't', style: 1 } }] })),
  ],
];

const REFUSED: Array<[string, DiscordRequest, { status: number; code: number; problems: string[] }]> = [
  ['a 33-character command name', put([command({ name: x(33) })]), form('0.name:BASE_TYPE_BAD_LENGTH')],
  ['an empty command name', put([command({ name: '' })]), form('0.name:BASE_TYPE_BAD_LENGTH')],
  ['an upper-case chat command name', put([command({ name: 'Ask' })]), form('0.name:APPLICATION_COMMAND_INVALID_NAME')],
  ['a space in a chat command name', put([command({ name: 'add source' })]), form('0.name:APPLICATION_COMMAND_INVALID_NAME')],
  ['a missing description', put([command({ description: undefined })]), form('0.description:BASE_TYPE_REQUIRED')],
  ['a 101-character description', put([command({ description: x(101) })]), form('0.description:BASE_TYPE_BAD_LENGTH')],
  ['26 options', put([command({ options: many(26, (i) => option({ name: `o${i}` })) })]), form('0.options:BASE_TYPE_MAX_LENGTH')],
  [
    'an upper-case option name',
    put([command({ options: [option({ name: 'Question' })] })]),
    form('0.options.0.name:APPLICATION_COMMAND_OPTION_INVALID_NAME'),
  ],
  [
    'a 101-character option description',
    put([command({ options: [option({ description: x(101) })] })]),
    form('0.options.0.description:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'a required option after an optional one',
    put([command({ options: [option({ name: 'a', required: false }), option({ name: 'b' })] })]),
    form('0.options:APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID'),
  ],
  [
    'two options of one name',
    put([command({ options: [option(), option()] })]),
    form('0.options.1.name:APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS'),
  ],
  [
    'a Kyrgyz localization: Discord has no "ky" locale',
    put([command({ description_localizations: { ky: 'Суроо' } })]),
    form('0.description_localizations.ky:ENUM_TYPE_COERCE'),
  ],
  [
    'a Tajik localization: Discord has no "tg" locale',
    put([command({ name_localizations: { tg: 'савол' } })]),
    form('0.name_localizations.tg:ENUM_TYPE_COERCE'),
  ],
  [
    'an upper-case localized name',
    put([command({ name_localizations: { ru: 'Вопрос' } })]),
    form('0.name_localizations.ru:APPLICATION_COMMAND_INVALID_NAME'),
  ],
  [
    'a 101-character localized description',
    put([command({ description_localizations: { ru: x(101) } })]),
    form('0.description_localizations.ru:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'an option localization for no locale',
    put([command({ options: [option({ name_localizations: { ky: 'суроо' } })] })]),
    form('0.options.0.name_localizations.ky:ENUM_TYPE_COERCE'),
  ],
  ['101 chat commands', put(many(101, (i) => command({ name: `c${i}` }))), form(':BASE_TYPE_MAX_LENGTH')],
  ['two commands of one name', put([command(), command()]), form('1.name:APPLICATION_COMMANDS_DUPLICATE_NAME')],
  [
    '26 choices',
    put([command({ options: [option({ choices: many(26, (i) => ({ name: `c${i}`, value: `c${i}` })) })] })]),
    form('0.options.0.choices:BASE_TYPE_MAX_LENGTH'),
  ],
  [
    'a command over 4,000 characters in all',
    put([
      command({
        options: many(25, (i) =>
          option({
            name: `o${i}`,
            description: x(100),
            choices: i === 0 ? many(25, (c) => ({ name: x(90) + c, value: `${c}` })) : undefined,
          }),
        ),
      }),
    ]),
    form('0:APPLICATION_COMMAND_TOO_LARGE'),
  ],
  [
    'a permission set that is not a string of digits',
    put([command({ default_member_permissions: 32 })]),
    form('0.default_member_permissions:BASE_TYPE_STRING'),
  ],
  ['2,001 characters of content', post({ content: x(2001) }), form('content:BASE_TYPE_MAX_LENGTH')],
  ['2,001 characters in a reply', respond(4, { content: x(2001) }), form('data.content:BASE_TYPE_MAX_LENGTH')],
  ['11 embeds', post(embeds(...many(11, () => ({ description: 'a' })))), form('embeds:BASE_TYPE_MAX_LENGTH')],
  ['a 257-character embed title', post(embeds({ title: x(257) })), form('embeds.0.title:BASE_TYPE_MAX_LENGTH')],
  ['a 4,097-character embed description', post(embeds({ description: x(4097) })), form('embeds.0.description:BASE_TYPE_MAX_LENGTH')],
  ['26 embed fields', post(embeds({ fields: many(26, () => ({ name: 'a', value: 'b' })) })), form('embeds.0.fields:BASE_TYPE_MAX_LENGTH')],
  [
    'a 257-character field name',
    post(embeds({ fields: [{ name: x(257), value: 'b' }] })),
    form('embeds.0.fields.0.name:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'a 1,025-character field value',
    edit(embeds({ fields: [{ name: 'a', value: x(1025) }] })),
    form('embeds.0.fields.0.value:BASE_TYPE_BAD_LENGTH'),
  ],
  ['an empty field value', followUp(embeds({ fields: [{ name: 'a', value: '' }] })), form('embeds.0.fields.0.value:BASE_TYPE_BAD_LENGTH')],
  [
    'a 2,049-character footer',
    post(embeds({ description: 'a', footer: { text: x(2049) } })),
    form('embeds.0.footer.text:BASE_TYPE_MAX_LENGTH'),
  ],
  [
    'a 257-character author name',
    post(embeds({ description: 'a', author: { name: x(257) } })),
    form('embeds.0.author.name:BASE_TYPE_MAX_LENGTH'),
  ],
  [
    '6,001 characters over two embeds',
    post(embeds({ description: x(4000) }, { description: x(2001) })),
    form('embeds:MAX_EMBED_SIZE_EXCEEDED'),
  ],
  ['a message with nothing to show', post({ content: '', embeds: [], allowed_mentions: { parse: [] } }), empty],
  ['a message of spaces only', post({ content: '   ' }), empty],
  ['an empty follow-up', followUp({ flags: 64 }), empty],
  ['an empty reply', respond(4, { flags: 64 }), empty],
  ['a reply with no data', respond(4), empty],
  [
    'six action rows',
    post({ content: 'a', components: many(6, (r) => row(button({ custom_id: `${r}` }))) }),
    form('components:BASE_TYPE_MAX_LENGTH'),
  ],
  [
    'six buttons in a row',
    post({ content: 'a', components: [row(...many(6, (b) => button({ custom_id: `${b}` })))] }),
    form('components.0.components:BASE_TYPE_BAD_LENGTH'),
  ],
  ['an empty action row', post({ content: 'a', components: [row()] }), form('components.0.components:BASE_TYPE_BAD_LENGTH')],
  [
    'a 101-character custom_id',
    post({ content: 'a', components: [row(button({ custom_id: x(101) }))] }),
    form('components.0.components.0.custom_id:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'two buttons with one custom_id',
    post({ content: 'a', components: [row(button()), row(button())] }),
    form('components.1.components.0.custom_id:COMPONENT_CUSTOM_ID_DUPLICATED'),
  ],
  [
    'an 81-character button label',
    post({ content: 'a', components: [row(button({ label: x(81) }))] }),
    form('components.0.components.0.label:BASE_TYPE_MAX_LENGTH'),
  ],
  [
    'a link button with no url',
    post({ content: 'a', components: [row(link({ url: undefined }))] }),
    form('components.0.components.0.url:BASE_TYPE_REQUIRED'),
  ],
  [
    'a link button with a custom_id',
    post({ content: 'a', components: [row(link({ custom_id: 'x' }))] }),
    form('components.0.components.0.custom_id:BUTTON_COMPONENT_LINK_CUSTOM_ID'),
  ],
  [
    'a link button with a 513-character url',
    post({ content: 'a', components: [row(link({ url: `https://e.org/${x(499)}` }))] }),
    form('components.0.components.0.url:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'a button with no custom_id',
    post({ content: 'a', components: [row(button({ custom_id: undefined }))] }),
    form('components.0.components.0.custom_id:BASE_TYPE_REQUIRED'),
  ],
  [
    'a button with a url',
    post({ content: 'a', components: [row(button({ url: 'https://e.org' }))] }),
    form('components.0.components.0.url:BUTTON_COMPONENT_URL_NOT_LINK'),
  ],
  [
    'a text input in a message',
    post({ content: 'a', components: [row(input())] }),
    form('components.0.components.0.type:COMPONENT_TYPE_INVALID'),
  ],
  ['a button outside an action row', post({ content: 'a', components: [button()] }), form('components.0.type:COMPONENT_LAYOUT_INVALID')],
  [
    'parse "here", which is not a mention type',
    post({ content: 'a', allowed_mentions: { parse: ['here'] } }),
    form('allowed_mentions.parse.0:ENUM_TYPE_COERCE'),
  ],
  [
    'parse "users" and a users list',
    post({ content: 'a', allowed_mentions: { parse: ['users'], users: ['42'] } }),
    form('allowed_mentions:MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE'),
  ],
  [
    'parse "roles" and a roles list',
    respond(4, { content: 'a', allowed_mentions: { parse: ['roles'], roles: ['7'] } }),
    form('data.allowed_mentions:MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE'),
  ],
  [
    '101 users to mention',
    post({ content: 'a', allowed_mentions: { users: many(101, (i) => `${i}`) } }),
    form('allowed_mentions.users:BASE_TYPE_MAX_LENGTH'),
  ],
  ['a 26-character nonce', post({ content: 'a', nonce: x(26), enforce_nonce: true }), form('nonce:BASE_TYPE_MAX_LENGTH')],
  ['enforce_nonce as a string', post({ content: 'a', nonce: '1', enforce_nonce: 'yes' }), form('enforce_nonce:BASE_TYPE_BOOLEAN')],
  ['a 46-character modal title', respond(9, modal({ title: x(46) })), form('data.title:BASE_TYPE_BAD_LENGTH')],
  ['a 101-character modal custom_id', respond(9, modal({ custom_id: x(101) })), form('data.custom_id:BASE_TYPE_BAD_LENGTH')],
  ['a modal with no rows', respond(9, modal({ components: [] })), form('data.components:BASE_TYPE_BAD_LENGTH')],
  [
    'a modal of six rows',
    respond(9, modal({ components: many(6, (i) => row(input({ custom_id: `f${i}` }))) })),
    form('data.components:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'a modal row of two inputs',
    respond(9, modal({ components: [row(input(), input({ custom_id: 'b' }))] })),
    form('data.components.0.components:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'a 46-character input label',
    respond(9, modal({ components: [row(input({ label: x(46) }))] })),
    form('data.components.0.components.0.label:BASE_TYPE_BAD_LENGTH'),
  ],
  [
    'a 4,001-character max_length',
    respond(9, modal({ components: [row(input({ max_length: 4001 }))] })),
    form('data.components.0.components.0.max_length:NUMBER_TYPE_MAX'),
  ],
  [
    'two inputs of one custom_id',
    respond(9, modal({ components: [row(input()), row(input())] })),
    form('data.components.1.components.0.custom_id:COMPONENT_CUSTOM_ID_DUPLICATED'),
  ],
  ['a modal with no data', respond(9), form('data:BASE_TYPE_REQUIRED')],
  ['a response type Discord does not have', respond(3), form('type:BASE_TYPE_CHOICES')],
  [
    '26 autocomplete choices',
    respond(8, { choices: many(26, (i) => ({ name: `${i}`, value: `${i}` })) }),
    form('data.choices:BASE_TYPE_MAX_LENGTH'),
  ],
];

describe('the fake Discord rules', () => {
  it('has a case for every rule, accepted and refused', () => {
    expect(ACCEPTED.length).toBeGreaterThan(10);
    expect(REFUSED.length).toBeGreaterThan(10);
  });

  it.each(ACCEPTED)('accepts %s', (_, request) => {
    expect(checkRequest(request)).toBeNull();
  });

  it.each(REFUSED)('refuses %s', (_, request, expected) => {
    const error = checkRequest(request);
    expect({ status: error?.status, code: error?.body.code, problems: problemsOf(error) }).toEqual(expected);
  });

  it('answers every refused form with "Invalid Form Body", and an empty message with Discord\'s sentence', () => {
    expect(checkRequest(post({ content: x(2001) }))?.body.message).toBe('Invalid Form Body');
    expect(checkRequest(post({ content: '' }))?.body).toEqual({ code: 50006, message: 'Cannot send an empty message' });
  });

  it('leaves routes without a body rule alone', () => {
    expect(checkRequest({ method: 'GET', path: '/gateway/bot', body: null })).toBeNull();
    expect(checkRequest({ method: 'DELETE', path: '/webhooks/2/tok-1/messages/@original', body: null })).toBeNull();
  });

  it('refuses a request over 25 MiB with 413 and code 40005, and accepts one of exactly 25 MiB', () => {
    expect(requestTooLarge(MAX_REQUEST_BYTES + 1)).toEqual({ status: 413, body: { code: 40005, message: 'Request entity too large' } });
    expect(requestTooLarge(MAX_REQUEST_BYTES)).toBeNull();
  });
});
