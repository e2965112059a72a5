import type { Message, Update } from 'telegraf/types';
import type { Logger } from '../../src/core/index.js';
import type { NewUpdate } from './telegram-server.js';

/** Updates as Telegram delivers them, built with only what a test cares about; and a logger that keeps its lines. */

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  event: string;
  fields: Record<string, unknown>;
}

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

let nextMessageId = 1;
let nextUserId = 100_000;

/** A fresh person for each test, so one test's questions never count against another's rate limit. */
export function newUser(languageCode = 'en'): { id: number; is_bot: false; first_name: string; language_code: string } {
  return { id: nextUserId++, is_bot: false, first_name: 'Tester', language_code: languageCode };
}

export type TestUser = ReturnType<typeof newUser>;

export const GROUP = { id: -100_123_456, type: 'supergroup' as const, title: 'Border talk' };

/** Entities as Telegram marks them: a leading command and any @mentions. */
function entities(text: string): Array<{ type: 'bot_command' | 'mention'; offset: number; length: number }> {
  const found: Array<{ type: 'bot_command' | 'mention'; offset: number; length: number }> = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) found.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{5,32}/g)) found.push({ type: 'mention', offset: m.index, length: m[0].length });
  return found;
}

export interface TextOptions {
  /** Defaults to the private chat with `from`. */
  chat?: { id: number; type: 'private' | 'group' | 'supergroup'; title?: string };
  /** The message this one replies to. */
  replyTo?: { message_id: number; from: { id: number; is_bot: boolean; first_name: string; username?: string }; text: string };
}

export type TextUpdate = Omit<Update.MessageUpdate<Message.TextMessage>, 'update_id'>;

export function textMessage(from: TestUser, text: string, options: TextOptions = {}): TextUpdate {
  const chat = options.chat ?? { id: from.id, type: 'private' as const, first_name: from.first_name };
  const date = Math.floor(Date.now() / 1000);
  const ents = entities(text);
  return {
    message: {
      message_id: nextMessageId++,
      date,
      chat,
      from,
      text,
      ...(ents.length ? { entities: ents } : {}),
      ...(options.replyTo ? { reply_to_message: { ...options.replyTo, date, chat } } : {}),
    },
  } as unknown as TextUpdate;
}

export function inlineQuery(from: TestUser, query: string): NewUpdate {
  return { inline_query: { id: `iq-${nextMessageId++}`, from, query, offset: '' } } as Omit<Update.InlineQueryUpdate, 'update_id'>;
}
