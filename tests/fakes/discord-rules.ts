import { checkCommands } from './discord-command-rules.js';
import {
  CODES,
  checkArray,
  checkString,
  discordError,
  invalidFormBody,
  isObject,
  type DiscordError,
  type Problem,
} from './discord-errors.js';
import { checkMessage, checkModal, isEmptyMessage } from './discord-message-rules.js';

/**
 * What Discord refuses in a request body, route by route: pure functions of the method, the route and the body,
 * answering the error Discord would send, or null when Discord accepts the body.
 */

/** Discord refuses a request over 25 MiB whole (413, code 40005), before reading what it says. */
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

export interface DiscordRequest {
  method: string;
  /** The route without the /api/vN prefix or the query, e.g. /channels/1/messages. */
  path: string;
  /** The JSON body, or the payload_json of a multipart body; null when there is none. */
  body: unknown;
  /** Files attached in a multipart body. */
  files?: number;
}

export const requestTooLarge = (bytes: number, limit = MAX_REQUEST_BYTES): DiscordError | null =>
  bytes > limit ? discordError(413, CODES.requestEntityTooLarge, 'Request entity too large') : null;

/** Interaction response types (https://discord.com/developers/docs/interactions/receiving-and-responding). */
export const CALLBACK = {
  pong: 1,
  message: 4,
  deferredMessage: 5,
  deferredUpdate: 6,
  updateMessage: 7,
  autocomplete: 8,
  modal: 9,
} as const;
const CALLBACK_TYPES = new Set([1, 4, 5, 6, 7, 8, 9, 10, 12]);

const refuse = (problems: Problem[]): DiscordError | null => (problems.length > 0 ? invalidFormBody(problems) : null);
const emptyMessage = () => discordError(400, CODES.emptyMessage, 'Cannot send an empty message');
const notAnObject = (path: Problem['path']): Problem => ({
  path,
  code: 'MODEL_TYPE_CONVERT',
  message: 'Only dictionaries may be used in a ModelType',
});

/** A new message: the form rules, then something to show. An edit changes only what it names, so it may leave fields out. */
function message(body: unknown, files: number, isNew: boolean): DiscordError | null {
  if (body !== null && !isObject(body)) return invalidFormBody([notAnObject([])]);
  const refused = body ? refuse(checkMessage(body)) : null;
  if (refused) return refused;
  return isNew && isEmptyMessage(body, files) ? emptyMessage() : null;
}

function callback(body: unknown, files: number): DiscordError | null {
  if (!isObject(body)) return invalidFormBody([notAnObject([])]);
  if (typeof body.type !== 'number' || !CALLBACK_TYPES.has(body.type))
    return invalidFormBody([{ path: ['type'], code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.' }]);
  const data = body.data;
  if (data !== undefined && data !== null && !isObject(data)) return invalidFormBody([notAnObject(['data'])]);
  switch (body.type) {
    case CALLBACK.message: {
      const refused = data ? refuse(checkMessage(data, ['data'])) : null;
      return refused ?? (isEmptyMessage(data ?? null, files) ? emptyMessage() : null);
    }
    case CALLBACK.updateMessage:
      return data ? refuse(checkMessage(data, ['data'])) : null;
    case CALLBACK.modal:
      return refuse(checkModal(data));
    case CALLBACK.autocomplete: {
      const problems: Problem[] = [];
      checkArray(problems, ['data', 'choices'], data?.choices, { max: 25, required: true }).forEach((c, i) =>
        checkString(problems, ['data', 'choices', i, 'name'], isObject(c) ? c.name : undefined, { min: 1, max: 100, required: true }),
      );
      return refuse(problems);
    }
    default:
      return null;
  }
}

const ROUTES: Array<{ method: string; pattern: RegExp; check: (body: unknown, files: number) => DiscordError | null }> = [
  { method: 'PUT', pattern: /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/, check: (body) => refuse(checkCommands(body)) },
  { method: 'POST', pattern: /^\/channels\/\d+\/messages$/, check: (body, files) => message(body, files, true) },
  { method: 'PATCH', pattern: /^\/channels\/\d+\/messages\/\d+$/, check: (body, files) => message(body, files, false) },
  { method: 'POST', pattern: /^\/webhooks\/\d+\/[^/]+$/, check: (body, files) => message(body, files, true) },
  {
    method: 'PATCH',
    pattern: /^\/webhooks\/\d+\/[^/]+\/messages\/(?:@original|\d+)$/,
    check: (body, files) => message(body, files, false),
  },
  { method: 'POST', pattern: /^\/interactions\/\d+\/[^/]+\/callback$/, check: callback },
];

/** The error Discord answers this request with because of its body, or null when the body breaks no rule. */
export function checkRequest({ method, path, body, files = 0 }: DiscordRequest): DiscordError | null {
  const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
  return route ? route.check(body, files) : null;
}
