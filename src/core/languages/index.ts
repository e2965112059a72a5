/** Kyrgyz and Tajik questions, and Russian typed in Latin letters: recognising, folding, stemming and glossing them. */
export { detectQuestionLanguage, scoreQuestionLanguages, type DetectedLanguage, type LanguageScores } from './detect.js';
export { foldSpecialLetters, hasSpecialLetters } from './fold.js';
export { isLexiconWord, KY_TG_LEXICON, translateQuestion, type Gloss, type LexiconEntry } from './lexicon.js';
export { QUESTION_LANGUAGES, type QuestionLanguage } from './question-language.js';
export { stemKy } from './stem-ky.js';
export { stemTg } from './stem-tg.js';
export { readQuestion, type ReadQuestion } from './read-question.js';
export { latinToCyrillicRussian } from './translit.js';
export { KY_TG_TEXTS, type KyTgTexts } from './ui-texts.js';
