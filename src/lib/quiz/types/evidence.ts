/**
 * Find the evidence: the learner picks, in the reader, the paragraph or sentence that supports
 * the claim in the prompt. The pick is right when it is a cited paragraph, or a sentence
 * containing a cited quote; so scoring needs the article's paragraphs.
 */
import type { EvidenceQuestion, Paragraph } from '../../content/schema.ts';
import { findQuote } from '../../content/quote.ts';
import { sentenceId, sentenceSpans } from '../../content/sentences.ts';
import { invalid, single, valid, FIELD, type QuestionTypeModule } from './common.ts';

export type EvidencePublic = {
	type: 'evidence';
	select: 'paragraph' | 'sentence';
	/** Inclusive ¶ range the learner chooses from. */
	within: [number, number];
	/** Every id the learner may choose: "12" for ¶12, or "12.3" for its third sentence. */
	options: string[];
	/**
	 * When sentences are chosen, each option's words, by id: an answer is told back in the words
	 * chosen ("¶12: “…”"), not by its number. (The article is on the page anyway.)
	 */
	sentences?: Record<string, string>;
};
export type EvidenceResponse = { type: 'evidence'; choice: string };

/** The ids a learner may choose for an evidence question. */
export function evidenceOptions(
	select: 'paragraph' | 'sentence',
	[first, last]: readonly [number, number],
	paragraphs: readonly Paragraph[]
): string[] {
	const inRange = paragraphs.filter((p) => p.n >= first && p.n <= last);
	if (select === 'paragraph') return inRange.map((p) => String(p.n));
	return inRange.flatMap((p) => sentenceSpans(p.text).map((_, i) => sentenceId(p.n, i)));
}

/** The words of each sentence a learner may choose, by id ("12.3"). */
function sentenceTexts(
	[first, last]: readonly [number, number],
	paragraphs: readonly Paragraph[]
): Record<string, string> {
	return Object.fromEntries(
		paragraphs
			.filter((p) => p.n >= first && p.n <= last)
			.flatMap((p) =>
				sentenceSpans(p.text).map((s, i) => [sentenceId(p.n, i), p.text.slice(s.start, s.end)])
			)
	);
}

/** Whether a chosen paragraph ("12") or sentence ("12.3") holds the question's cited evidence. */
export function isCitedEvidence(
	question: EvidenceQuestion,
	choice: string,
	paragraphs: readonly Paragraph[]
): boolean {
	const [n, k] = choice.split('.').map(Number);
	const cites = question.cites.filter((c) => c.paragraph === n);
	if (question.select === 'paragraph' || !cites.length) return cites.length > 0;
	const paragraph = paragraphs.find((p) => p.n === n);
	const sentence = paragraph && sentenceSpans(paragraph.text)[k! - 1];
	if (!paragraph || !sentence) return false;
	return cites.some((c) => {
		const quote = findQuote(paragraph.text, c.quote);
		return quote !== null && quote.start < sentence.end && sentence.start < quote.end;
	});
}

export const evidence: QuestionTypeModule<EvidenceQuestion, EvidencePublic, EvidenceResponse> = {
	type: 'evidence',
	toRawInput: (response) => ({ [FIELD.evidence]: [response.choice] }),
	toPublic(question, paragraphs) {
		const within = question.within ?? [1, paragraphs.length];
		return {
			type: 'evidence',
			select: question.select,
			within,
			options: evidenceOptions(question.select, within, paragraphs),
			...(question.select === 'sentence' ? { sentences: sentenceTexts(within, paragraphs) } : {})
		};
	},
	checkInput(question, raw) {
		const one = single(raw, FIELD.evidence);
		if (one.kind === 'invalid') return one;
		return question.options.includes(one.value)
			? valid({ type: 'evidence', choice: one.value })
			: invalid('unknown-choice');
	},
	checkResponse(question, response) {
		return this.checkInput(question, { [FIELD.evidence]: [response.choice] });
	},
	score: (question, response, paragraphs) =>
		isCitedEvidence(question, response.choice, paragraphs) ? 1 : 0,
	answerInWords: (question) => question.cites.map((c) => `¶${c.paragraph}: “${c.quote}”`),
	// "¶12" for a paragraph; "¶12: “…”" for a sentence, its words quoted as the key quotes its own.
	responseInWords(question, response) {
		const [n, k] = response.choice.split('.');
		if (!k) return [`¶${n}`];
		const words = question?.sentences?.[response.choice];
		return [words ? `¶${n}: “${words.trim()}”` : `¶${n}, sentence ${k}`];
	},
	rationales: () => []
};
