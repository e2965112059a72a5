import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton, Message } from 'telegraf/types';

/** An error with the context the one error handler needs: which step of the update failed. */
export class UpdateError extends Error {
  constructor(
    readonly stage: 'compose' | 'send',
    readonly reason: unknown,
  ) {
    super(`telegram ${stage} failed`);
    this.name = 'UpdateError';
  }
}

/** A reply as Telegram messages: HTML parts in order, and buttons under the last. */
export interface Outgoing {
  parts: string[];
  keyboard?: InlineKeyboardButton[][];
}

/** Runs the composing step of an update, so a failure in it is reported as that step's. */
export function composing<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw new UpdateError('compose', err);
  }
}

/**
 * Sends a reply in `msg`'s chat (and topic), the first part quoting `msg`, the buttons under the last part.
 * Retries and flood control are the client's (installed once on it); returns the ids of the messages sent.
 */
export async function sendReply(telegram: Telegram, msg: Message, reply: Outgoing): Promise<number[]> {
  const thread = 'is_topic_message' in msg && msg.is_topic_message ? { message_thread_id: msg.message_thread_id } : {};
  const keyboard = reply.keyboard ?? [];
  const sent: number[] = [];
  for (const [i, html] of reply.parts.entries()) {
    const last = i === reply.parts.length - 1;
    try {
      const message = await telegram.sendMessage(msg.chat.id, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...thread,
        // Only the first part quotes the question: the rest follow it directly.
        ...(i === 0 ? { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } } : {}),
        ...(last && keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {}),
      });
      sent.push(message.message_id);
    } catch (err) {
      throw new UpdateError('send', err);
    }
  }
  return sent;
}
