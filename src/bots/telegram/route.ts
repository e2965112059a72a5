/** What a Telegram text message asks of the bot: decided from the message alone, so it is tested without Telegram. */

export type FixedCommand = 'start' | 'help' | 'sources' | 'about';

export type Route =
  | { kind: 'command'; command: FixedCommand }
  | { kind: 'question'; question: string; via: 'private' | 'ask' | 'mention' | 'reply' }
  /** Addressed to the bot with nothing to answer ("/ask" alone, a bare mention): the bot says how to ask. */
  | { kind: 'empty-question' }
  | { kind: 'unknown-command' }
  | { kind: 'ignore'; reason: 'chatter' | 'other-bot' | 'from-bot' | 'own-inline-result' | 'unknown-command-in-group' };

export interface IncomingText {
  text: string;
  chatType: 'private' | 'group' | 'supergroup' | 'channel';
  fromIsBot: boolean;
  /** Sender of the message this one replies to, if any. */
  replyToUserId?: number;
  /** Set when the message was sent through a bot's inline mode. */
  viaBotId?: number;
}

export interface BotIdentity {
  id: number;
  username: string;
}

const FIXED: readonly string[] = ['start', 'help', 'sources', 'about'];
// Telegram commands: a slash, up to 32 letters, digits or underscores, optionally "@botname", then a space or the end.
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "@username" as a whole word, any letter case: Telegram usernames are case-insensitive. */
const mentionPattern = (username: string) => new RegExp(`(^|[^A-Za-z0-9_@])@${escapeRegExp(username)}(?![A-Za-z0-9_])`, 'gi');

/**
 * In a private chat every message is for the bot. In a group the bot speaks only when spoken to:
 * /ask or /ask@thisbot, a mention of @thisbot, or a reply to one of its messages. A command
 * addressed to another bot, other bots' messages and the bot's own inline results are ignored.
 */
export function routeMessage(msg: IncomingText, me: BotIdentity): Route {
  if (msg.fromIsBot) return { kind: 'ignore', reason: 'from-bot' };
  // A message someone sent through our inline mode already is an answer: answering it would echo.
  if (msg.viaBotId === me.id) return { kind: 'ignore', reason: 'own-inline-result' };
  const isPrivate = msg.chatType === 'private';
  const text = msg.text.trim();
  const command = COMMAND.exec(text);
  if (command) {
    const [whole, name, addressee] = command as unknown as [string, string, string | undefined];
    if (addressee && addressee.toLowerCase() !== me.username.toLowerCase()) return { kind: 'ignore', reason: 'other-bot' };
    const lower = name.toLowerCase();
    if (lower === 'ask') {
      const question = text.slice(whole.length).trim();
      return question ? { kind: 'question', question, via: 'ask' } : { kind: 'empty-question' };
    }
    if (FIXED.includes(lower)) return { kind: 'command', command: lower as FixedCommand };
    // In a group an unknown "/cmd" is most likely meant for another bot or a person.
    return isPrivate || addressee ? { kind: 'unknown-command' } : { kind: 'ignore', reason: 'unknown-command-in-group' };
  }
  if (isPrivate) return text ? { kind: 'question', question: text, via: 'private' } : { kind: 'empty-question' };
  const mention = mentionPattern(me.username);
  if (mention.test(text)) {
    const question = text.replace(mention, '$1').replace(/\s+/g, ' ').trim();
    return question ? { kind: 'question', question, via: 'mention' } : { kind: 'empty-question' };
  }
  if (msg.replyToUserId === me.id) return text ? { kind: 'question', question: text, via: 'reply' } : { kind: 'ignore', reason: 'chatter' };
  return { kind: 'ignore', reason: 'chatter' };
}
