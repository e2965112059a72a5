import type { Answer, Citation } from '../../src/core/index.js';

/** A citation and an answer as the core returns them, for renderer tests; override what a test is about. */
export const makeCitation = (over: Partial<Citation> = {}): Citation => ({
  sourceId: 'asiaplus-2022-11-tashiyev-talks',
  title: 'Tashiyev on the progress of Kyrgyz-Tajik border talks',
  publisher: 'Asia-Plus',
  published: '2022-11',
  url: 'https://asiaplustj.info/en/news/tashiyev',
  quote: 'The border between Tajikistan and Kyrgyzstan is about 970 kilometers long.',
  ...over,
});

export const makeAnswer = (over: Partial<Answer> = {}): Answer => ({
  question: 'How long is the border?',
  answered: true,
  text: 'About 970 km.\n\nAs of November 2022.',
  language: 'en',
  confidence: 0.8,
  citations: [makeCitation()],
  facts: [],
  asOf: '2022-11',
  staleNote: null,
  asOfLine: 'As of November 2022.',
  suggestions: [],
  ...over,
});
