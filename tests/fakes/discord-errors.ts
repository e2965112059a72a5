/** A refusal as Discord words it: the HTTP status, and the JSON body discord.js turns into a DiscordAPIError. */
export interface DiscordError {
  status: number;
  body: { code: number; message: string; errors?: Record<string, unknown> };
}

/** One broken rule in a form body: where (as Discord nests it), Discord's error code and its sentence. */
export interface Problem {
  path: Array<string | number>;
  code: string;
  message: string;
}

/** Discord's JSON error codes the fake answers with (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const CODES = {
  unknownMessage: 10008,
  unknownWebhook: 10015,
  unknownInteraction: 10062,
  requestEntityTooLarge: 40005,
  alreadyAcknowledged: 40060,
  emptyMessage: 50006,
  invalidWebhookToken: 50027,
  invalidFormBody: 50035,
  invalidJson: 50109,
} as const;

export const discordError = (status: number, code: number, message: string): DiscordError => ({ status, body: { code, message } });

/**
 * 400 Invalid Form Body with every problem nested the way Discord nests them (`embeds.0.fields.1.value._errors`),
 * which is what discord.js flattens into "embeds[0].fields[1].value[BASE_TYPE_MAX_LENGTH]: Must be 1024 or fewer in length."
 */
export function invalidFormBody(problems: Problem[]): DiscordError {
  const errors: Record<string, unknown> = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as unknown[]).push({ code: p.code, message: p.message });
  }
  return { status: 400, body: { code: CODES.invalidFormBody, message: 'Invalid Form Body', errors } };
}

/** Lengths as Discord counts them: in Unicode code points, so an emoji outside the BMP is one character, not two. */
export const lengthOf = (s: string): number => [...s].length;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks one string field: absent is fine unless `required`; present, it must be a string of `min`..`max` characters.
 * Pushes Discord's own wording onto `problems`.
 */
export function checkString(
  problems: Problem[],
  path: Problem['path'],
  value: unknown,
  { min = 0, max, required = false }: { min?: number; max: number; required?: boolean },
): void {
  if (value === undefined || value === null) {
    if (required) problems.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  if (typeof value !== 'string') {
    problems.push({ path, code: 'BASE_TYPE_STRING', message: 'Could not interpret value as string.' });
    return;
  }
  const n = lengthOf(value);
  if (min > 0 && (n < min || n > max))
    problems.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` });
  else if (n > max) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
}

/** Checks that an array, when given, holds `min`..`max` items; returns the items to check further (none when it is not an array). */
export function checkArray(
  problems: Problem[],
  path: Problem['path'],
  value: unknown,
  { min = 0, max, required = false }: { min?: number; max: number; required?: boolean },
): unknown[] {
  if (value === undefined || value === null) {
    if (required) problems.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push({ path, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return [];
  }
  if (min > 0 && (value.length < min || value.length > max))
    problems.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` });
  else if (value.length > max) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  return value;
}
