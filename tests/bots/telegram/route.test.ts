import { describe, expect, it } from 'vitest';
import { routeMessage, type IncomingText } from '../../../src/bots/telegram/route.js';

const me = { id: 42, username: 'border_test_bot' };
const inPrivate = (text: string, extra: Partial<IncomingText> = {}) =>
  routeMessage({ text, chatType: 'private', fromIsBot: false, ...extra }, me);
const inGroup = (text: string, extra: Partial<IncomingText> = {}) =>
  routeMessage({ text, chatType: 'supergroup', fromIsBot: false, ...extra }, me);

describe('routeMessage', () => {
  it('takes any text in a private chat as a question', () => {
    expect(inPrivate('How long is the border?')).toEqual({ kind: 'question', question: 'How long is the border?', via: 'private' });
    expect(inPrivate('/ask  Где Ворух? ')).toEqual({ kind: 'question', question: 'Где Ворух?', via: 'ask' });
  });

  it('knows the fixed commands, with or without its own name, in any letter case', () => {
    expect(inPrivate('/start')).toEqual({ kind: 'command', command: 'start' });
    expect(inGroup('/help@Border_Test_Bot')).toEqual({ kind: 'command', command: 'help' });
    expect(inGroup('/SOURCES')).toEqual({ kind: 'command', command: 'sources' });
    expect(inPrivate('/about extra words')).toEqual({ kind: 'command', command: 'about' });
  });

  it('in a group answers /ask, /ask@thisbot, a mention and a reply to its own message', () => {
    expect(inGroup('/ask What is Vorukh?')).toEqual({ kind: 'question', question: 'What is Vorukh?', via: 'ask' });
    expect(inGroup('/ask@border_test_bot What is Vorukh?')).toEqual({ kind: 'question', question: 'What is Vorukh?', via: 'ask' });
    expect(inGroup('@border_test_bot what is Vorukh?')).toEqual({ kind: 'question', question: 'what is Vorukh?', via: 'mention' });
    expect(inGroup('So, @BORDER_TEST_BOT, when were the clashes?')).toEqual({
      kind: 'question',
      question: 'So, , when were the clashes?',
      via: 'mention',
    });
    expect(inGroup('and the length?', { replyToUserId: 42 })).toEqual({ kind: 'question', question: 'and the length?', via: 'reply' });
  });

  it('in a group ignores chatter, other bots, commands for other bots and look-alike names', () => {
    expect(inGroup('lunch anyone?')).toEqual({ kind: 'ignore', reason: 'chatter' });
    expect(inGroup('/ask@other_bot What is Vorukh?')).toEqual({ kind: 'ignore', reason: 'other-bot' });
    expect(inGroup('/start@other_bot')).toEqual({ kind: 'ignore', reason: 'other-bot' });
    expect(inGroup('ask @border_test_bot_fan about it')).toEqual({ kind: 'ignore', reason: 'chatter' });
    expect(inGroup('mail me at x@border_test_bot')).toEqual({ kind: 'ignore', reason: 'chatter' });
    expect(inGroup('and you?', { replyToUserId: 7 })).toEqual({ kind: 'ignore', reason: 'chatter' });
    expect(inGroup('/weather')).toEqual({ kind: 'ignore', reason: 'unknown-command-in-group' });
    expect(inGroup('@border_test_bot hi', { fromIsBot: true })).toEqual({ kind: 'ignore', reason: 'from-bot' });
    expect(inGroup('About 970 km @border_test_bot', { viaBotId: 42 })).toEqual({ kind: 'ignore', reason: 'own-inline-result' });
  });

  it('asks for a question when addressed with none, and points to /help for an unknown command', () => {
    expect(inGroup('/ask')).toEqual({ kind: 'empty-question' });
    expect(inGroup('@border_test_bot')).toEqual({ kind: 'empty-question' });
    expect(inPrivate('/weather')).toEqual({ kind: 'unknown-command' });
    expect(inGroup('/weather@border_test_bot')).toEqual({ kind: 'unknown-command' });
  });
});
