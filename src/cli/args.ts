/** Options shared by the command-line entry points. */
export interface CommonArgs {
  now?: Date;
  language?: 'en' | 'ru';
  knowledgeDir: string;
  rest: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** Parses `--flag`, `--name VALUE` and positional words; throws a message fit for the user on a bad value. */
export function parseArgs(argv: string[], valued: string[]): CommonArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s) as [string, string | undefined];
      if (['now', 'lang', 'knowledge', ...valued].includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new Error(`--${name} needs a value`);
        values.set(name, v);
      } else flags.add(name);
    } else rest.push(a);
  }
  let now: Date | undefined;
  if (values.has('now')) {
    now = new Date(values.get('now')!);
    if (Number.isNaN(now.getTime())) throw new Error(`--now: not a date: ${values.get('now')} (use YYYY-MM-DD or an ISO 8601 time)`);
  }
  const lang = values.get('lang');
  if (lang !== undefined && lang !== 'en' && lang !== 'ru') throw new Error(`--lang must be en or ru (got ${lang})`);
  return { now, language: lang, knowledgeDir: values.get('knowledge') ?? process.env.KNOWLEDGE_DIR ?? 'knowledge', rest, flags, values };
}
