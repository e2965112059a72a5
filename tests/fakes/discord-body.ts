import type { IncomingMessage } from 'node:http';
import { CODES, discordError, type DiscordError } from './discord-errors.js';
import { MAX_REQUEST_BYTES, requestTooLarge } from './discord-rules.js';

export interface DiscordBody {
  bytes: number;
  /** The JSON body, or a multipart body's payload_json; null when there is none or it was refused. */
  body: Record<string, unknown> | null;
  /** Files attached in a multipart body. */
  files: number;
  /** The refusal the body earns before any rule is read: too large (413), or not JSON (50109). */
  error: DiscordError | null;
}

/**
 * Reads a request body as Discord does: counted to the end but kept only up to the size limit, then parsed as JSON,
 * or as multipart/form-data with `payload_json` and `files[n]` parts (how discord.js sends attachments).
 */
export async function readDiscordBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<DiscordBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= limit) chunks.push(chunk);
  }
  const tooLarge = requestTooLarge(bytes, limit);
  if (tooLarge || bytes === 0) return { bytes, body: null, files: 0, error: tooLarge };
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  try {
    if (!type.startsWith('multipart/form-data')) return { bytes, body: JSON.parse(raw.toString('utf8')), files: 0, error: null };
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const payload = form.get('payload_json');
    const files = [...form.keys()].filter((k) => /^files\[\d+\]$/.test(k)).length;
    return { bytes, body: typeof payload === 'string' ? JSON.parse(payload) : null, files, error: null };
  } catch {
    return { bytes, body: null, files: 0, error: discordError(400, CODES.invalidJson, 'The request body contains invalid JSON.') };
  }
}
