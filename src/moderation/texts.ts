import type { KnowledgeProblem, Language, ListedUpdate, UpdateRecord } from '../core/index.js';
import type { Gaps } from '../records/index.js';
import type { InputProblem, Outcome } from './types.js';

/** An outcome in words: plain text (the adapter escapes it), and a JSON record to show as code, if any. */
export interface Worded {
  text: string;
  code: string | null;
}

const T = {
  en: {
    accepted: (summary: string, id: string) => `Accepted: ${summary} (update ${id})`,
    refused: (why: string) => `Refused: ${why}`,
    notModerator: 'Only moderators can change or review what I know.',
    notFound: (id: string) => `No update with id ${id}.`,
    newSource: (title: string, publisher: string, published: string) => `New source: “${title}” (${publisher}, ${published})`,
    newFact: (text: string, source: string, quote: string) => `New fact: ${text} (source: ${source}, quote: “${quote}”)`,
    retracted: (id: string, reason: string) => `Retracted ${id}: ${reason}`,
    retractedBy: (id: string) => ` (retracted by ${id})`,
    noUpdates: 'No updates yet.',
    update: (u: ListedUpdate) => `Update ${u.id}, ${u.kind}, ${u.at} by ${u.actor.displayName} (${u.actor.platform})`,
    unansweredHeading: 'Most asked without an answer:',
    lowestHeading: 'Lowest-rated answers:',
    none: '(none)',
    reloadRefused: 'A knowledge file edit was refused; the last good knowledge keeps serving.',
    input: {
      'source-line': 'send /add_source Title | Publisher | YYYY-MM-DD | link (optional), then the article text from the next line on.',
      'source-text': 'the article text is missing: put it on the lines after the first.',
      'source-file': 'send the article as a .txt or .md file of at most 1,000 kB.',
      'fact-json': 'send the fact as JSON, with the fields of a facts file.',
      'retract-id': 'say which source, fact or update to retract, and why.',
      'retract-reason': 'say why it is retracted: a reason after the id.',
    } satisfies Record<InputProblem, string>,
  },
  ru: {
    accepted: (summary: string, id: string) => `Принято: ${summary} (обновление ${id})`,
    refused: (why: string) => `Отклонено: ${why}`,
    notModerator: 'Изменять и просматривать то, что я знаю, могут только модераторы.',
    notFound: (id: string) => `Обновления с идентификатором ${id} нет.`,
    newSource: (title: string, publisher: string, published: string) => `Новый источник: «${title}» (${publisher}, ${published})`,
    newFact: (text: string, source: string, quote: string) => `Новый факт: ${text} (источник: ${source}, цитата: «${quote}»)`,
    retracted: (id: string, reason: string) => `Отозвано ${id}: ${reason}`,
    retractedBy: (id: string) => ` (отозвано обновлением ${id})`,
    noUpdates: 'Обновлений пока нет.',
    update: (u: ListedUpdate) => `Обновление ${u.id}, ${u.kind}, ${u.at}, автор ${u.actor.displayName} (${u.actor.platform})`,
    unansweredHeading: 'Чаще всего спрашивали без ответа:',
    lowestHeading: 'Ответы с худшими оценками:',
    none: '(нет)',
    reloadRefused: 'Правка файла знаний отклонена; бот продолжает работать с последними верными знаниями.',
    input: {
      'source-line':
        'отправьте /add_source Название | Издание | ГГГГ-ММ-ДД | ссылка (необязательно), а со следующей строки — текст статьи.',
      'source-text': 'нет текста статьи: поместите его в строки после первой.',
      'source-file': 'отправьте статью файлом .txt или .md размером не более 1000 кБ.',
      'fact-json': 'отправьте факт в виде JSON с полями файла фактов.',
      'retract-id': 'укажите, какой источник, факт или обновление отозвать, и почему.',
      'retract-reason': 'укажите причину отзыва после идентификатора.',
    } satisfies Record<InputProblem, string>,
  },
} as const;

/** One update in a line: what it added or took back. */
export function summarize(record: UpdateRecord, language: Language = 'en'): string {
  const t = T[language];
  const p = record.payload;
  if (record.kind === 'add-source')
    return `${t.newSource(String(p.title), String(p.publisher), String(p.published))}${p.url ? ` ${String(p.url)}` : ''}`;
  if (record.kind === 'add-fact') {
    const text = p.text as Partial<Record<Language, string>> | undefined;
    return t.newFact(text?.[language] ?? text?.en ?? '', String(p.sourceId), String(p.quote));
  }
  return t.retracted(String(p.targetId), record.reason ?? '');
}

/** The listing of recent updates, newest first, one a line: the same on every platform. */
export function listUpdates(updates: ListedUpdate[], language: Language = 'en'): string {
  const t = T[language];
  if (!updates.length) return t.noUpdates;
  return updates
    .map((u) => `${u.id} · ${u.at.slice(0, 16)} · ${summarize(u, language)}${u.retractedBy ? t.retractedBy(u.retractedBy) : ''}`)
    .join('\n');
}

/** The most asked unanswered questions and the lowest-rated answers, as two paragraphs. */
export function listGaps(gaps: Gaps, language: Language = 'en'): string {
  const t = T[language];
  const unanswered = gaps.unanswered.length ? gaps.unanswered.map((g) => `${g.count} × ${g.question}`) : [t.none];
  const lowest = gaps.lowestRated.length ? gaps.lowestRated.map((g) => `+${g.up} −${g.down} ${g.question}`) : [t.none];
  return [[t.unansweredHeading, ...unanswered].join('\n'), [t.lowestHeading, ...lowest].join('\n')].join('\n\n');
}

/** Long strings of a record (an article's text) cut for a chat, which shows the rest through the CLI. */
function clipStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}… (${value.length} characters)` : value;
  if (Array.isArray(value)) return value.map((v) => clipStrings(v, max));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipStrings(v, max)]));
  return value;
}

/**
 * An outcome in the moderator's language. `clip` shortens long strings of a shown record: a chat gets the gist
 * of an article, the CLI (which passes none) the whole of it.
 */
export function wordOutcome(outcome: Outcome, language: Language = 'en', options: { clip?: number } = {}): Worded {
  const t = T[language];
  const plain = (text: string): Worded => ({ text, code: null });
  if (outcome.status === 'refused') {
    switch (outcome.reason) {
      case 'not-a-moderator':
        return plain(t.notModerator);
      case 'not-found':
        return plain(t.notFound(outcome.id));
      case 'bad-input':
        return plain(t.refused(t.input[outcome.expected]));
      case 'rejected':
        return plain(t.refused(outcome.error));
    }
  }
  switch (outcome.result) {
    case 'update-accepted':
      return plain(t.accepted(summarize(outcome.update, language), outcome.update.id));
    case 'updates-listed':
      return plain(listUpdates(outcome.updates, language));
    case 'gaps-listed':
      return plain(listGaps(outcome.gaps, language));
    case 'update-shown': {
      const u = outcome.update;
      const shown = options.clip ? clipStrings(u, options.clip) : u;
      return { text: `${t.update(u)}${u.retractedBy ? t.retractedBy(u.retractedBy) : ''}`, code: JSON.stringify(shown, null, 1) };
    }
  }
}

/** What subscribers and the announcement channels are told of an accepted update. */
export const announcement = (record: UpdateRecord, language: Language = 'en'): string => `📢 ${summarize(record, language)}`;

/** What moderators are told when a hand edit of the knowledge files was refused: each problem with its file and line. */
export function reloadRefused(problems: KnowledgeProblem[], language: Language = 'en'): string {
  const lines = problems.slice(0, 10).map((p) => `${p.file}:${p.line}: ${p.message}`);
  return `⚠️ ${T[language].reloadRefused}\n${lines.join('\n')}`;
}
