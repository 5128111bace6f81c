/** Right and wrong are told in words and a symbol, never by colour alone: one wording everywhere. */
export const OUTCOME_WORDS = {
	correct: { symbol: '✓', text: 'Correct' },
	partial: { symbol: '◐', text: 'Partly right' },
	incorrect: { symbol: '✗', text: 'Not quite' }
} as const;
