/**
 * Kyrgyz and Tajik letters folded to the plain Russian letters people type in their place on a phone
 * without a Kyrgyz or Tajik keyboard. Apply the same fold to the indexed text and to the question, so
 * "сарҳад" and "сархад", "бөлүгү" and "болугу" meet.
 */
const FOLD: Readonly<Record<string, string>> = {
  ң: 'н',
  ө: 'о',
  ү: 'у',
  ғ: 'г',
  ӣ: 'и',
  қ: 'к',
  ҳ: 'х',
  ҷ: 'ч',
  ӯ: 'у',
  // Kazakh keyboards are the common stand-in, and their look-alikes arrive in Kyrgyz and Tajik text.
  ұ: 'у',
  һ: 'х',
};

const FOLDABLE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'giu');
const ANY_FOLDABLE = new RegExp(FOLDABLE.source, 'iu');

/** The word (or any text) with every Kyrgyz and Tajik special letter replaced by its plain counterpart; case is kept. */
export function foldSpecialLetters(text: string): string {
  return text.normalize('NFC').replace(FOLDABLE, (letter) => {
    const lower = letter.toLowerCase();
    const plain = FOLD[lower] ?? lower;
    return letter === lower ? plain : plain.toUpperCase();
  });
}

/** Whether the text holds a letter that Russian lacks but Kyrgyz or Tajik use. */
export const hasSpecialLetters = (text: string): boolean => ANY_FOLDABLE.test(text.normalize('NFC'));
