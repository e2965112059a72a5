import { createInterface } from 'node:readline';
import { detectLanguage, formatPartialDate, type Core, type Language } from '../../core/index.js';
import type { Adapter } from '../shared/adapter.js';
import { COMMON_TEXTS } from '../shared/texts.js';
import { renderForTerminal } from './render.js';

export interface TerminalAdapter extends Adapter {
  /** Settles when the input ends (piped input answered line by line, or Ctrl-D). */
  readonly done: Promise<void>;
}

const HELP: Record<Language, string> = {
  en: 'Type a question about the Kyrgyzstan–Tajikistan border, in English or Russian, and press Enter.\nCommands: /help, /sources (each source with its date), /about. End with Ctrl-D.',
  ru: 'Задайте вопрос о кыргызско-таджикской границе на русском или английском и нажмите Enter.\nКоманды: /help, /sources (источники с датами), /about. Выход — Ctrl-D.',
};

/**
 * The terminal chat: a full adapter whose input and output are passed in, so tests drive it with streams.
 * One failing question gets an apology and the chat goes on.
 */
export function createTerminalAdapter(deps: {
  core: Core;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  now?: () => Date;
}): TerminalAdapter {
  const { core, input, output } = deps;
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  let rl: ReturnType<typeof createInterface> | null = null;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const write = (s: string) => output.write(`${s}\n`);

  function reply(line: string): string {
    const text = line.trim();
    const lang = detectLanguage(text);
    if (text === '/help' || text === '/start')
      return `${HELP.en}\n\n${core
        .examples('en')
        .map((e) => `  • ${e}`)
        .join('\n')}`;
    if (text === '/about') return core.about(lang);
    if (text === '/sources') {
      return core
        .sources()
        .map((s) => `• ${s.title} — ${s.publisher}, ${formatPartialDate(s.published, 'en')}${s.url ? `\n  ${s.url}` : ''}`)
        .join('\n');
    }
    if (text.startsWith('/')) return `Unknown command ${text.split(/\s/)[0]}. ${HELP.en.split('\n')[1]}`;
    return renderForTerminal(core.ask(text, deps.now ? { now: deps.now() } : {}));
  }

  return {
    platform: 'terminal',
    done,
    async start() {
      rl = createInterface({ input, terminal: false });
      if (interactive) write(`${HELP.en}\n`);
      rl.on('line', (line) => {
        if (!line.trim()) return;
        try {
          write(`${reply(line)}\n`);
        } catch {
          write(`${COMMON_TEXTS[detectLanguage(line)].apology}\n`);
        }
      });
      rl.on('close', () => resolveDone());
    },
    async stop() {
      rl?.close();
      resolveDone();
    },
  };
}
