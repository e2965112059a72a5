import { checkArray, checkString, isObject, lengthOf, type Problem } from './discord-errors.js';

/**
 * Discord's rules for application commands (https://discord.com/developers/docs/interactions/application-commands),
 * as a bulk overwrite (PUT …/commands) is checked: every command in the array, each problem at its path.
 */

/** The locales Discord knows (https://discord.com/developers/docs/reference#locales): no Kyrgyz, no Tajik. */
export const DISCORD_LOCALES: ReadonlySet<string> = new Set([
  'id', 'da', 'de', 'en-GB', 'en-US', 'es-ES', 'es-419', 'fr', 'hr', 'it', 'lt', 'hu', 'nl', 'no', 'pl', 'pt-BR',
  'ro', 'fi', 'sv-SE', 'vi', 'tr', 'cs', 'el', 'bg', 'ru', 'uk', 'hi', 'th', 'zh-CN', 'ja', 'zh-TW', 'ko',
]); // prettier-ignore

/** Chat-input command and option names; the documented pattern also allows the apostrophe. */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LIMITS = { chatInputCommands: 100, contextCommands: 15, options: 25, choices: 25, combined: 4000, stringLength: 6000 } as const;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const STRING = 3;

type Path = Problem['path'];
const invalid = (path: Path, code: string, message: string): Problem => ({ path, code, message });

function checkChatInputName(problems: Problem[], path: Path, value: unknown, what: 'Command' | 'Option'): void {
  const before = problems.length;
  checkString(problems, path, value, { min: 1, max: 32, required: true });
  if (problems.length > before || typeof value !== 'string') return;
  // "If there is a lowercase variant of any letters used, you must use those."
  if (!CHAT_INPUT_NAME.test(value) || value !== value.toLowerCase())
    problems.push(invalid(path, `APPLICATION_COMMAND_${what === 'Command' ? '' : 'OPTION_'}INVALID_NAME`, `${what} name is invalid`));
}

/** name_localizations / description_localizations: null, or Discord locales mapped to values under the same rules as the default. */
function checkLocalizations(problems: Problem[], path: Path, value: unknown, checkValue: (path: Path, v: unknown) => void): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) return void problems.push(invalid(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType'));
  for (const [locale, text] of Object.entries(value)) {
    if (!DISCORD_LOCALES.has(locale))
      problems.push(invalid([...path, locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`));
    else checkValue([...path, locale], text);
  }
}

function checkNamed(problems: Problem[], path: Path, o: Record<string, unknown>, what: 'Command' | 'Option'): void {
  checkChatInputName(problems, [...path, 'name'], o.name, what);
  checkLocalizations(problems, [...path, 'name_localizations'], o.name_localizations, (p, v) => checkChatInputName(problems, p, v, what));
  checkString(problems, [...path, 'description'], o.description, { min: 1, max: 100, required: true });
  checkLocalizations(problems, [...path, 'description_localizations'], o.description_localizations, (p, v) =>
    checkString(problems, p, v, { min: 1, max: 100, required: true }),
  );
}

function checkUnique(
  problems: Problem[],
  path: Path,
  items: unknown[],
  code: string,
  message: string,
  key = (o: Record<string, unknown>) => o.name,
): void {
  const seen = new Set<unknown>();
  items.forEach((item, i) => {
    if (!isObject(item)) return;
    const k = key(item);
    if (seen.has(k)) problems.push(invalid([...path, i, 'name'], code, message));
    seen.add(k);
  });
}

function checkOptions(problems: Problem[], path: Path, value: unknown, depth: number): void {
  const options = checkArray(problems, path, value, { max: LIMITS.options });
  const subcommands = options.filter((o) => isObject(o) && (o.type === SUBCOMMAND || o.type === SUBCOMMAND_GROUP)).length;
  if (subcommands > 0 && subcommands < options.length)
    problems.push(
      invalid(
        path,
        'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
        'Sub-command and sub-command group option types are mutually exclusive to all other types',
      ),
    );
  checkUnique(problems, path, options, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option name already exists');
  let optionalSeen = false;
  options.forEach((option, i) => {
    const at = [...path, i];
    if (!isObject(option)) return void problems.push(invalid(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'));
    if (typeof option.type !== 'number' || option.type < 1 || option.type > 11)
      problems.push(invalid([...at, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.'));
    checkNamed(problems, at, option, 'Option');
    if (option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP) {
      if (depth >= 2)
        problems.push(invalid([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands nest at most two levels'));
      return checkOptions(problems, [...at, 'options'], option.options, depth + 1);
    }
    if (option.required === true && optionalSeen)
      problems.push(
        invalid(path, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options'),
      );
    if (option.required !== true) optionalSeen = true;
    checkChoices(problems, [...at, 'choices'], option.choices, option.type === STRING);
    for (const [key, min] of [
      ['min_length', 0],
      ['max_length', 1],
    ] as const) {
      const n = option[key];
      if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > LIMITS.stringLength))
        problems.push(invalid([...at, key], 'NUMBER_TYPE_MAX', `int value should be between ${min} and ${LIMITS.stringLength}.`));
    }
  });
}

function checkChoices(problems: Problem[], path: Path, value: unknown, isString: boolean): void {
  checkArray(problems, path, value, { max: LIMITS.choices }).forEach((choice, i) => {
    if (!isObject(choice)) return;
    checkString(problems, [...path, i, 'name'], choice.name, { min: 1, max: 100, required: true });
    checkLocalizations(problems, [...path, i, 'name_localizations'], choice.name_localizations, (p, v) =>
      checkString(problems, p, v, { min: 1, max: 100, required: true }),
    );
    if (isString) checkString(problems, [...path, i, 'value'], choice.value, { min: 1, max: 100, required: true });
  });
}

/** "Only the longest localization for each field (including the default value) is counted towards the size limit." */
const longest = (text: unknown, localizations: unknown): number =>
  Math.max(
    typeof text === 'string' ? lengthOf(text) : 0,
    ...Object.values(isObject(localizations) ? localizations : {}).map((t) => (typeof t === 'string' ? lengthOf(t) : 0)),
  );
function combinedSize(o: Record<string, unknown>): number {
  const own = longest(o.name, o.name_localizations) + longest(o.description, o.description_localizations);
  const choices = (Array.isArray(o.choices) ? o.choices : [])
    .filter(isObject)
    .reduce((n: number, c) => n + longest(c.name, c.name_localizations) + lengthOf(String(c.value ?? '')), 0);
  const options = (Array.isArray(o.options) ? o.options : []).filter(isObject).reduce((n: number, c) => n + combinedSize(c), 0);
  return own + choices + options;
}

/** Every problem in a bulk overwrite body (an array of commands); none means Discord accepts it. */
export function checkCommands(body: unknown): Problem[] {
  const problems: Problem[] = [];
  const commands = checkArray(problems, [], body, { max: Infinity, required: true });
  const ofType = (t: number) => commands.filter((c) => isObject(c) && (c.type ?? 1) === t).length;
  if (ofType(1) > LIMITS.chatInputCommands)
    problems.push(invalid([], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.chatInputCommands} or fewer in length.`));
  if (ofType(2) > LIMITS.contextCommands || ofType(3) > LIMITS.contextCommands)
    problems.push(invalid([], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.contextCommands} or fewer in length.`));
  checkUnique(
    problems,
    [],
    commands,
    'APPLICATION_COMMANDS_DUPLICATE_NAME',
    'Application command names must be unique',
    (c) => `${c.type ?? 1}:${String(c.name)}`,
  );
  commands.forEach((command, i) => {
    if (!isObject(command)) return void problems.push(invalid([i], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'));
    const type = command.type ?? 1;
    if (type !== 1 && type !== 2 && type !== 3 && type !== 4)
      return void problems.push(invalid([i, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.'));
    if (type === 1 || type === 4) {
      checkNamed(problems, [i], command, 'Command');
      checkOptions(problems, [i, 'options'], command.options, 0);
      if (combinedSize(command) > LIMITS.combined)
        problems.push(invalid([i], 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${LIMITS.combined})`));
    } else {
      // User and message commands: any case and spaces in the name, no description, no options.
      checkString(problems, [i, 'name'], command.name, { min: 1, max: 32, required: true });
      checkLocalizations(problems, [i, 'name_localizations'], command.name_localizations, (p, v) =>
        checkString(problems, p, v, { min: 1, max: 32, required: true }),
      );
      if (command.description !== undefined && command.description !== '')
        problems.push(
          invalid([i, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have description'),
        );
      if (command.options !== undefined)
        problems.push(invalid([i, 'options'], 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS', 'Context menu commands cannot have options'));
    }
    const perms = command.default_member_permissions;
    if (perms !== undefined && perms !== null && !(typeof perms === 'string' && /^\d+$/.test(perms)))
      problems.push(invalid([i, 'default_member_permissions'], 'BASE_TYPE_STRING', 'Must be a permission bit set, as a string of digits.'));
  });
  return problems;
}
