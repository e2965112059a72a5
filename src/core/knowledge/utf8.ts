/**
 * Strict UTF-8 for text a moderator uploads (a CLI --text-file, a Telegram document). A lenient decoder turns
 * bad bytes into U+FFFD, and the bot would then quote that as the source's verbatim words: refuse instead, and
 * say where the first bad byte is so the file can be fixed.
 */

/** Refused text: `offset` is the byte offset of the first ill-formed sequence. */
export class Utf8Error extends Error {
  constructor(
    readonly what: string,
    readonly offset: number,
    readonly bytes: string,
  ) {
    super(`${what} is not valid UTF-8: invalid byte sequence at byte offset ${offset} (${bytes}); save it as UTF-8 and send it again`);
    this.name = 'Utf8Error';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text of `bytes` (a leading byte order mark dropped); throws a Utf8Error naming `what` and the offset. */
export function decodeUtf8Strict(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const shown = [...bytes.subarray(offset, offset + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    throw new Utf8Error(what, offset < 0 ? 0 : offset, shown);
  }
}

const inRange = (b: number | undefined, lo: number, hi: number): boolean => b !== undefined && b >= lo && b <= hi;

/**
 * The byte offset at which the first ill-formed sequence starts, or -1 when all of `bytes` is well-formed
 * (the table of well-formed byte sequences in the Unicode Standard, chapter 3: no overlong forms, no
 * surrogates, nothing past U+10FFFF, no sequence cut short).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    // The allowed range of the second byte depends on the first; the remaining bytes are always 0x80–0xBF.
    let length: number;
    let second: [number, number];
    if (inRange(b, 0xc2, 0xdf)) [length, second] = [2, [0x80, 0xbf]];
    else if (b === 0xe0) [length, second] = [3, [0xa0, 0xbf]];
    else if (b === 0xed) [length, second] = [3, [0x80, 0x9f]];
    else if (inRange(b, 0xe1, 0xef)) [length, second] = [3, [0x80, 0xbf]];
    else if (b === 0xf0) [length, second] = [4, [0x90, 0xbf]];
    else if (b === 0xf4) [length, second] = [4, [0x80, 0x8f]];
    else if (inRange(b, 0xf1, 0xf3)) [length, second] = [4, [0x80, 0xbf]];
    else return i;
    if (!inRange(bytes[i + 1], second[0], second[1])) return i;
    for (let k = 2; k < length; k++) if (!inRange(bytes[i + k], 0x80, 0xbf)) return i;
    i += length;
  }
  return -1;
}
