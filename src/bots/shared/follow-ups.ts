import type { AskContext } from '../../core/index.js';

/** A message this soon after the last question in a private chat is read as a follow-up to it. */
export const FOLLOW_UP_WINDOW_MS = 5 * 60_000;
/** Chats and answers remembered; the oldest are forgotten first. */
const KEPT = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > KEPT) map.delete(map.keys().next().value!);
}

/**
 * The conversation so far, in memory: the last question in each chat, and the question behind each answer the
 * bot sent. Gives the core its context for a reply to one of the bot's answers, and for a message in a private
 * chat soon after the last question; anything else is read on its own.
 */
export function createConversations(options: { windowMs?: number; now?: () => number } = {}) {
  const windowMs = options.windowMs ?? FOLLOW_UP_WINDOW_MS;
  const now = options.now ?? Date.now;
  const lastInChat = new Map<string, { question: string; at: number }>();
  const answered = new Map<string, string>();
  return {
    /** The context for a new question in `chat`, or undefined when it stands on its own. */
    contextFor(chat: string, how: { private: boolean; replyToBotMessage?: string | null }): AskContext | undefined {
      if (how.replyToBotMessage) {
        const question = answered.get(`${chat}:${how.replyToBotMessage}`) ?? lastInChat.get(chat)?.question;
        return question ? { previousQuestion: question } : undefined;
      }
      const last = lastInChat.get(chat);
      return how.private && last && now() - last.at <= windowMs ? { previousQuestion: last.question } : undefined;
    },
    /** A question asked in `chat`, recorded as it arrives (after `contextFor`): the window runs from then. */
    asked(chat: string, question: string): void {
      remember(lastInChat, chat, { question, at: now() });
    },
    /** The ids of the bot's messages that answered `question`: a reply to any of them follows up on it. */
    answered(chat: string, question: string, messageIds: string[]): void {
      for (const id of messageIds) remember(answered, `${chat}:${id}`, question);
    },
    /** Whether `messageId` in `chat` is one of the bot's answers. */
    isAnswer: (chat: string, messageId: string): boolean => answered.has(`${chat}:${messageId}`),
  };
}

export type Conversations = ReturnType<typeof createConversations>;
