import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createFeedbackStore } from '../records/index.js';
import { createKnowledgeService, KnowledgeError, loadKnowledge, type Actor, type ListedUpdate, type UpdateResult } from '../core/index.js';
import { createLogger } from '../log.js';
import { parseArgs } from './args.js';

const USAGE = `usage: npm run knowledge -- COMMAND [--knowledge DIR]
  check                                     validate every knowledge file; exit 1 on an error
  add-source --title T --publisher P --date D [--url U] --text-file F [--id ID]
  add-fact --source ID --topic T --kind K --quote Q --text-en E --text-ru R
           [--id ID] [--value N] [--unit U] [--date D] [--stated-by S] [--party P] [--short-en S --short-ru S]
  list [--limit N]                          recent updates, newest first
  show ID                                   one update
  retract ID --reason R                     stop using a source, a fact, or what an update added
  gaps [--limit N] [--data DIR]             the most asked unanswered questions and the lowest-rated answers`;

const VALUED = [
  'title',
  'publisher',
  'date',
  'url',
  'text-file',
  'id',
  'source',
  'topic',
  'kind',
  'quote',
  'text-en',
  'text-ru',
  'value',
  'unit',
  'stated-by',
  'party',
  'short-en',
  'short-ru',
  'limit',
  'reason',
  'data',
];

const describe = (u: ListedUpdate): string =>
  `${u.id}  ${u.at}  ${u.kind}  ${String(u.payload.id ?? u.payload.targetId ?? '')}  by ${u.actor.displayName} (${u.actor.platform})${u.retractedBy ? `  [retracted by ${u.retractedBy}]` : ''}${u.reason ? `  reason: ${u.reason}` : ''}`;

function report(result: UpdateResult): number {
  if (!result.ok) {
    process.stderr.write(`Refused: ${result.error}\n`);
    return 1;
  }
  process.stdout.write(
    `Accepted: ${result.record.id} (${result.record.kind} ${String(result.record.payload.id ?? result.record.payload.targetId)})\n`,
  );
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), VALUED);
  const [command, target] = args.rest;
  const v = (name: string) => args.values.get(name);
  if (command === 'check') {
    try {
      const kb = await loadKnowledge(args.knowledgeDir);
      process.stdout.write(
        `knowledge OK: ${kb.sources.size} sources, ${kb.facts.length} facts, ${kb.topics.size} topics, ${kb.gazetteer.length} gazetteer entries\n`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof KnowledgeError)) throw err;
      process.stderr.write(`${err.problems.length} problem(s) in ${args.knowledgeDir}:\n${err.message}\n`);
      return 1;
    }
  }
  if (command === 'gaps') {
    const gaps = createFeedbackStore(join(v('data') ?? process.env.DATA_DIR ?? 'data', 'feedback.jsonl')).gaps(Number(v('limit') ?? 10));
    const lines = [
      'Most asked questions without an answer:',
      ...(gaps.unanswered.length ? gaps.unanswered.map((g) => `  ${g.count} × ${g.question}`) : ['  (none)']),
      'Lowest-rated answers:',
      ...(gaps.lowestRated.length ? gaps.lowestRated.map((g) => `  +${g.up} −${g.down}  ${g.question}`) : ['  (none)']),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  if (!['add-source', 'add-fact', 'list', 'show', 'retract'].includes(command ?? '')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const service = await createKnowledgeService({ knowledgeDir: args.knowledgeDir, logger: createLogger({ level: 'warn' }) });
  const user = userInfo().username;
  const actor: Actor = { platform: 'cli', userId: user, displayName: user };
  try {
    switch (command) {
      case 'add-source': {
        const file = v('text-file');
        if (!file) return report({ ok: false, error: '--text-file is required (the article text)' });
        const text = await readFile(file, 'utf8');
        return report(
          service.addSource(
            {
              id: v('id'),
              title: v('title') ?? '',
              publisher: v('publisher') ?? '',
              published: v('date') ?? '',
              url: v('url') ?? null,
              text,
            },
            actor,
          ),
        );
      }
      case 'add-fact': {
        const value = v('value');
        const fact: Record<string, unknown> = {
          ...(v('id') ? { id: v('id') } : {}),
          kind: v('kind') ?? 'figure',
          topic: v('topic'),
          sourceId: v('source'),
          quote: v('quote'),
          text: { en: v('text-en'), ru: v('text-ru') },
          ...(value !== undefined ? { value: Number(value) } : {}),
          ...(v('unit') ? { unit: v('unit') } : {}),
          ...(v('date') ? { date: v('date') } : {}),
          ...(v('stated-by') ? { statedBy: v('stated-by') } : {}),
          ...(v('party') ? { party: v('party') } : {}),
          ...(v('short-en') ? { short: { en: v('short-en'), ru: v('short-ru') ?? v('short-en') } } : {}),
        };
        if (value !== undefined && Number.isNaN(Number(value)))
          return report({ ok: false, error: `--value must be a number (got "${value}")` });
        return report(service.addFact(fact, actor));
      }
      case 'retract':
        if (!target) return report({ ok: false, error: 'which id? npm run knowledge -- retract ID --reason R' });
        return report(service.retract(target, v('reason') ?? '', actor));
      case 'list':
        process.stdout.write(
          service
            .list(Number(v('limit') ?? 20))
            .map(describe)
            .join('\n') + '\n',
        );
        return 0;
      default: {
        const u = target ? service.show(target) : null;
        if (!u) {
          process.stderr.write(`No update with id "${target ?? ''}".\n`);
          return 1;
        }
        process.stdout.write(`${JSON.stringify(u, null, 2)}\n`);
        return 0;
      }
    }
  } finally {
    service.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(
      err instanceof KnowledgeError ? `The knowledge files have errors:\n${err.message}\n` : `knowledge: ${(err as Error).message}\n`,
    );
    process.exit(1);
  },
);
