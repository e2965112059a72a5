/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), so the tests check what a scraper
 * would accept: every line is a HELP or TYPE comment, another comment, or `name{labels} value [timestamp]`.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  help: Map<string, string>;
  type: Map<string, string>;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

function number(text: string, where: string): number {
  // Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case (prom-client writes "Nan").
  if (/^nan$/i.test(text)) return NaN;
  if (/^[-+]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`${where}: not a number: ${text}`);
  return Number(text);
}

function labels(text: string, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let rest = text; rest.length > 0;) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`${where}: malformed labels: {${text}}`);
    out[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** The metric family a sample belongs to: its own name, or the histogram or summary it is a series of. */
function family(name: string, type: Map<string, string>): string | undefined {
  if (type.has(name)) return name;
  for (const [fam, kind] of type) if ((SUFFIXES[kind] ?? []).some((s) => name === fam + s)) return fam;
  return undefined;
}

/** Parses the text; throws with the line number on anything a Prometheus server would refuse. */
export function parsePrometheusText(text: string): Exposition {
  const help = new Map<string, string>();
  const type = new Map<string, string>();
  const samples: Sample[] = [];
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  text
    .slice(0, -1)
    .split('\n')
    .forEach((line, i) => {
      const where = `line ${i + 1}`;
      if (line === '') return;
      const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (comment) {
        const [, what, name, rest] = comment as unknown as [string, string, string, string];
        if (!new RegExp(`^${NAME}$`).test(name)) throw new Error(`${where}: bad metric name ${name}`);
        if (what === 'HELP') help.set(name, rest);
        else if (!TYPES.includes(rest)) throw new Error(`${where}: unknown type ${rest}`);
        else if (samples.some((s) => family(s.name, type) === name)) throw new Error(`${where}: TYPE after samples of ${name}`);
        else type.set(name, rest);
        return;
      }
      if (line.startsWith('#')) return;
      const m = SAMPLE.exec(line);
      if (!m) throw new Error(`${where}: not "name{labels} value": ${line}`);
      const name = m[1]!;
      if (family(name, type) === undefined) throw new Error(`${where}: sample ${name} has no TYPE line before it`);
      samples.push({ name, labels: labels(m[2] ?? '', where), value: number(m[3]!, where) });
    });
  return { help, type, samples };
}

/** The value of the one sample with this name and exactly these labels; undefined when there is none. */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number | undefined {
  const key = JSON.stringify(Object.entries(labels).sort());
  const found = exposition.samples.filter((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === key);
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${key}`);
  return found[0]?.value;
}
