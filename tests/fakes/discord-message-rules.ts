import { checkArray, checkString, isObject, lengthOf, type Problem } from './discord-errors.js';

/**
 * Discord's rules for a message body (channel messages, webhook follow-ups and edits, interaction replies) and for a
 * modal: https://discord.com/developers/docs/resources/message (embed limits, allowed mentions) and
 * https://discord.com/developers/docs/components/reference (buttons, selects, text inputs).
 */

export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  url: 512,
  mentionIds: 100,
  nonce: 25,
} as const;
export const MODAL_LIMITS = { title: 45, customId: 100, rows: 5, label: 45, textLength: 4000, placeholder: 100 } as const;

/** Components V2 (flag 1 << 15) lay a message out with containers instead of rows; this fake checks only the classic layout. */
const COMPONENTS_V2 = 1 << 15;
const ROW = 1;
const BUTTON = 2;
const TEXT_INPUT = 4;
const LABEL = 18;
const SELECTS = new Set([3, 5, 6, 7, 8]);
const LINK = 5;
const PREMIUM = 6;
const MENTION_TYPES = new Set(['users', 'roles', 'everyone']);

type Path = Problem['path'];
const invalid = (path: Path, code: string, message: string): Problem => ({ path, code, message });

/** The text of every embed counts towards one total: "the sum of all characters from all embed structures in a message". */
function checkEmbeds(problems: Problem[], path: Path, value: unknown): void {
  let total = 0;
  const count = (v: unknown) => (total += typeof v === 'string' ? lengthOf(v) : 0);
  checkArray(problems, path, value, { max: MESSAGE_LIMITS.embeds }).forEach((embed, i) => {
    const at = [...path, i];
    if (!isObject(embed)) return void problems.push(invalid(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'));
    checkString(problems, [...at, 'title'], embed.title, { max: MESSAGE_LIMITS.title });
    checkString(problems, [...at, 'description'], embed.description, { max: MESSAGE_LIMITS.description });
    count(embed.title);
    count(embed.description);
    checkArray(problems, [...at, 'fields'], embed.fields, { max: MESSAGE_LIMITS.fields }).forEach((field, j) => {
      const f = isObject(field) ? field : {};
      checkString(problems, [...at, 'fields', j, 'name'], f.name, { min: 1, max: MESSAGE_LIMITS.fieldName, required: true });
      checkString(problems, [...at, 'fields', j, 'value'], f.value, { min: 1, max: MESSAGE_LIMITS.fieldValue, required: true });
      count(f.name);
      count(f.value);
    });
    if (embed.footer !== undefined) {
      const footer = isObject(embed.footer) ? embed.footer : {};
      checkString(problems, [...at, 'footer', 'text'], footer.text, { max: MESSAGE_LIMITS.footer, required: true });
      count(footer.text);
    }
    if (embed.author !== undefined) {
      const author = isObject(embed.author) ? embed.author : {};
      checkString(problems, [...at, 'author', 'name'], author.name, { max: MESSAGE_LIMITS.author, required: true });
      count(author.name);
    }
  });
  if (total > MESSAGE_LIMITS.embedTotal)
    problems.push(invalid(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MESSAGE_LIMITS.embedTotal}`));
}

function checkButton(problems: Problem[], at: Path, b: Record<string, unknown>): void {
  const style = b.style;
  if (typeof style !== 'number' || style < 1 || style > 6)
    return void problems.push(invalid([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.'));
  checkString(problems, [...at, 'label'], b.label, { max: MESSAGE_LIMITS.buttonLabel });
  if (style === PREMIUM) {
    checkString(problems, [...at, 'sku_id'], b.sku_id, { max: 20, required: true });
    return;
  }
  if (b.label === undefined && b.emoji === undefined)
    problems.push(invalid([...at, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A button needs a label or an emoji'));
  if (style === LINK) {
    checkString(problems, [...at, 'url'], b.url, { min: 1, max: MESSAGE_LIMITS.url, required: true });
    if (b.custom_id !== undefined)
      problems.push(invalid([...at, 'custom_id'], 'BUTTON_COMPONENT_LINK_CUSTOM_ID', 'A link button cannot have a custom_id'));
  } else {
    checkString(problems, [...at, 'custom_id'], b.custom_id, { min: 1, max: MESSAGE_LIMITS.customId, required: true });
    if (b.url !== undefined) problems.push(invalid([...at, 'url'], 'BUTTON_COMPONENT_URL_NOT_LINK', 'Only a link button can have a url'));
  }
}

function checkSelect(problems: Problem[], at: Path, s: Record<string, unknown>): void {
  checkString(problems, [...at, 'custom_id'], s.custom_id, { min: 1, max: MESSAGE_LIMITS.customId, required: true });
  checkString(problems, [...at, 'placeholder'], s.placeholder, { max: 150 });
  if (s.type !== 3) return;
  checkArray(problems, [...at, 'options'], s.options, { min: 1, max: 25, required: true }).forEach((o, k) => {
    const option = isObject(o) ? o : {};
    checkString(problems, [...at, 'options', k, 'label'], option.label, { min: 1, max: 100, required: true });
    checkString(problems, [...at, 'options', k, 'value'], option.value, { min: 1, max: 100, required: true });
    checkString(problems, [...at, 'options', k, 'description'], option.description, { max: 100 });
  });
}

/** Every custom_id in a message or modal must be unique: it is how an interaction names what was clicked or typed. */
function checkCustomIdsUnique(problems: Problem[], path: Path, components: unknown[]): void {
  const seen = new Set<string>();
  const visit = (c: unknown, at: Path) => {
    if (!isObject(c)) return;
    if (typeof c.custom_id === 'string') {
      if (seen.has(c.custom_id))
        problems.push(invalid([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated'));
      seen.add(c.custom_id);
    }
    if (Array.isArray(c.components)) c.components.forEach((child, k) => visit(child, [...at, 'components', k]));
    if (isObject(c.component)) visit(c.component, [...at, 'component']);
  };
  components.forEach((c, i) => visit(c, [...path, i]));
}

function checkComponents(problems: Problem[], path: Path, value: unknown, flags: number): void {
  if ((flags & COMPONENTS_V2) !== 0) return;
  const rows = checkArray(problems, path, value, { max: MESSAGE_LIMITS.actionRows });
  rows.forEach((row, i) => {
    const at = [...path, i];
    if (!isObject(row) || row.type !== ROW)
      return void problems.push(invalid([...at, 'type'], 'COMPONENT_LAYOUT_INVALID', 'Top-level components must be action rows'));
    const children = checkArray(problems, [...at, 'components'], row.components, {
      min: 1,
      max: MESSAGE_LIMITS.rowComponents,
      required: true,
    });
    const selects = children.filter((c) => isObject(c) && SELECTS.has(c.type as number)).length;
    if (selects > 0 && children.length > 1)
      problems.push(invalid([...at, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width'));
    children.forEach((c, j) => {
      const cat = [...at, 'components', j];
      if (!isObject(c)) return void problems.push(invalid(cat, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'));
      if (c.type === BUTTON) checkButton(problems, cat, c);
      else if (SELECTS.has(c.type as number)) checkSelect(problems, cat, c);
      else
        problems.push(invalid([...cat, 'type'], 'COMPONENT_TYPE_INVALID', `Component type ${String(c.type)} cannot be used in a message`));
    });
  });
  checkCustomIdsUnique(problems, path, rows);
}

function checkAllowedMentions(problems: Problem[], path: Path, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) return void problems.push(invalid(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType'));
  const parse = checkArray(problems, [...path, 'parse'], value.parse, { max: 3 });
  parse.forEach((p, i) => {
    if (typeof p !== 'string' || !MENTION_TYPES.has(p))
      problems.push(invalid([...path, 'parse', i], 'ENUM_TYPE_COERCE', `Value "${String(p)}" is not a valid enum value.`));
  });
  for (const kind of ['users', 'roles'] as const) {
    const ids = checkArray(problems, [...path, kind], value[kind], { max: MESSAGE_LIMITS.mentionIds });
    if (parse.includes(kind) && ids.length > 0)
      problems.push(
        invalid(path, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids] are mutually exclusive.`),
      );
  }
  if (value.replied_user !== undefined && typeof value.replied_user !== 'boolean')
    problems.push(invalid([...path, 'replied_user'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.'));
}

/** A nonce is an integer or a string of up to 25 characters; enforce_nonce, when sent, a boolean. */
function checkNonce(problems: Problem[], path: Path, body: Record<string, unknown>): void {
  if (typeof body.nonce === 'number') {
    if (!Number.isInteger(body.nonce)) problems.push(invalid([...path, 'nonce'], 'NUMBER_TYPE_COERCE', 'Value is not int.'));
  } else checkString(problems, [...path, 'nonce'], body.nonce, { max: MESSAGE_LIMITS.nonce });
  if (body.enforce_nonce !== undefined && typeof body.enforce_nonce !== 'boolean')
    problems.push(invalid([...path, 'enforce_nonce'], 'BASE_TYPE_BOOLEAN', 'Must be either true or false.'));
}

/** Every problem in a message body; `prefix` is where the message sits ([] for a message, ['data'] in an interaction reply). */
export function checkMessage(body: Record<string, unknown>, prefix: Path = []): Problem[] {
  const problems: Problem[] = [];
  checkString(problems, [...prefix, 'content'], body.content, { max: MESSAGE_LIMITS.content });
  checkEmbeds(problems, [...prefix, 'embeds'], body.embeds);
  checkComponents(problems, [...prefix, 'components'], body.components, typeof body.flags === 'number' ? body.flags : 0);
  checkAllowedMentions(problems, [...prefix, 'allowed_mentions'], body.allowed_mentions);
  checkNonce(problems, prefix, body);
  return problems;
}

/** A new message needs something to show: text, an embed, a component, a file, a sticker or a poll (else 50006). */
export function isEmptyMessage(body: Record<string, unknown> | null, files: number): boolean {
  if (files > 0) return false;
  if (!body) return true;
  const some = (v: unknown) => Array.isArray(v) && v.length > 0;
  const text = typeof body.content === 'string' && body.content.trim() !== '';
  return !text && !some(body.embeds) && !some(body.components) && !some(body.sticker_ids) && !isObject(body.poll);
}

function checkTextInput(problems: Problem[], at: Path, t: Record<string, unknown>, labelled: boolean): void {
  checkString(problems, [...at, 'custom_id'], t.custom_id, { min: 1, max: MODAL_LIMITS.customId, required: true });
  if (t.style !== 1 && t.style !== 2) problems.push(invalid([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.'));
  // Inside a label component the label is the label's; in an action row the text input carries its own.
  if (labelled && t.label !== undefined)
    problems.push(invalid([...at, 'label'], 'TEXT_INPUT_LABEL_IN_LABEL', 'A text input in a label component has no label of its own'));
  else if (!labelled) checkString(problems, [...at, 'label'], t.label, { min: 1, max: MODAL_LIMITS.label, required: true });
  checkString(problems, [...at, 'placeholder'], t.placeholder, { max: MODAL_LIMITS.placeholder });
  checkString(problems, [...at, 'value'], t.value, { max: MODAL_LIMITS.textLength });
  for (const [key, min] of [
    ['min_length', 0],
    ['max_length', 1],
  ] as const) {
    const n = t[key];
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > MODAL_LIMITS.textLength))
      problems.push(invalid([...at, key], 'NUMBER_TYPE_MAX', `int value should be between ${min} and ${MODAL_LIMITS.textLength}.`));
  }
  if (typeof t.min_length === 'number' && typeof t.max_length === 'number' && t.min_length > t.max_length)
    problems.push(invalid([...at, 'min_length'], 'TEXT_INPUT_MIN_GREATER_THAN_MAX', 'min_length must not exceed max_length'));
}

/** A modal (interaction response type 9) in `data`: a title, a custom_id and 1–5 rows, each holding one text input. */
export function checkModal(data: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(data)) return [invalid(['data'], 'BASE_TYPE_REQUIRED', 'This field is required')];
  checkString(problems, ['data', 'title'], data.title, { min: 1, max: MODAL_LIMITS.title, required: true });
  checkString(problems, ['data', 'custom_id'], data.custom_id, { min: 1, max: MODAL_LIMITS.customId, required: true });
  const rows = checkArray(problems, ['data', 'components'], data.components, { min: 1, max: MODAL_LIMITS.rows, required: true });
  rows.forEach((row, i) => {
    const at = ['data', 'components', i];
    if (isObject(row) && row.type === LABEL) {
      checkString(problems, [...at, 'label'], row.label, { min: 1, max: MODAL_LIMITS.label, required: true });
      checkString(problems, [...at, 'description'], row.description, { max: 100 });
      const inner = isObject(row.component) ? row.component : {};
      if (inner.type === TEXT_INPUT) checkTextInput(problems, [...at, 'component'], inner, true);
      else if (SELECTS.has(inner.type as number)) checkSelect(problems, [...at, 'component'], inner);
      else problems.push(invalid([...at, 'component', 'type'], 'COMPONENT_TYPE_INVALID', 'A label holds a text input or a select'));
      return;
    }
    if (!isObject(row) || row.type !== ROW)
      return void problems.push(invalid([...at, 'type'], 'COMPONENT_LAYOUT_INVALID', 'A modal holds action rows or labels'));
    const inputs = checkArray(problems, [...at, 'components'], row.components, { min: 1, max: 1, required: true });
    inputs.forEach((input, j) => {
      if (isObject(input) && input.type === TEXT_INPUT) checkTextInput(problems, [...at, 'components', j], input, false);
      else problems.push(invalid([...at, 'components', j, 'type'], 'COMPONENT_TYPE_INVALID', 'A modal row holds one text input'));
    });
  });
  checkCustomIdsUnique(problems, ['data', 'components'], rows);
  return problems;
}
