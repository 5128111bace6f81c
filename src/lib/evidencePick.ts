/**
 * An evidence question's choices live in the article itself: the reader draws them (a paragraph
 * or a sentence to pick) and they belong to the answer form through their `form` attribute. The
 * practice, review and assignment pages each describe the question on screen to the reader here.
 */
import type { PublicQuestion } from './quiz/questions.ts';

/** An evidence question being answered, as the reader shows its choices. */
export interface EvidencePick {
	select: 'paragraph' | 'sentence';
	within: [number, number];
	prompt: string;
	/** The answer form the choices belong to (they sit outside it, in the reader). */
	formId: string;
	/** id of an error message about the choice, when the last submission was refused. */
	describedBy?: string;
	/** The choice a refused submission carried (or a saved one), shown again. */
	chosen?: string;
	/** The button under the choices: "Check this evidence" (practice) unless told otherwise. */
	button?: { label: string; name: string; value: string };
}

/**
 * What the reader needs for the question on screen when it is an evidence question (null for
 * any other, or none): its choices belong to the form `answer-form`.
 */
export function evidencePick(
	question: PublicQuestion | null | undefined,
	details: Pick<EvidencePick, 'describedBy' | 'chosen' | 'button'>
): EvidencePick | null {
	if (question?.type !== 'evidence') return null;
	return {
		select: question.select,
		within: question.within,
		prompt: question.prompt,
		formId: 'answer-form',
		...details
	};
}
