/**
 * Grading turns a scored response into what feedback needs. It needs the answer key, so the
 * machine receives it as an actor (`gradeAnswer`) rather than importing it: the server provides a
 * grader that holds the key, and the key never has to travel with the questions.
 */
import type { AnswerNote, Cite, Paragraph, PartsDetail, Question, Response } from './questions.ts';
import { answerInWords, noteFor, partsFor, rationalesFor, score } from './questions.ts';

export type Outcome = 'correct' | 'partial' | 'incorrect';

/** Everything feedback may show about one try. Which parts are shown, and when, is the UI's call. */
export interface Grade {
	questionId: string;
	outcome: Outcome;
	/** Points the response itself earned, before hint and retry penalties. */
	earned: number;
	total: number;
	/** Why each wrong choice picked is wrong, from the content. */
	rationales: string[];
	explanation: string;
	cites: Cite[];
	/** The correct answer in words, for "show answer". */
	answer: string[];
	/**
	 * What the key says about this very answer, when it says anything: a spelling slip forgiven
	 * (with the right spelling), or a listed wrong answer's own feedback and citations.
	 */
	note?: AnswerNote;
	/**
	 * For matching, ordering and multiple choice: how many parts are right, and which. The view
	 * decides how much of it a page may carry, and when.
	 */
	parts?: PartsDetail;
}

export class InvalidResponseError extends Error {}

export function grade(
	question: Question,
	response: Response,
	paragraphs: readonly Paragraph[] = []
): Grade {
	const result = score(question, response, paragraphs);
	if (result.kind === 'invalid') {
		throw new InvalidResponseError(`response to ${question.id} is invalid: ${result.reason}`);
	}
	const note = noteFor(question, response, paragraphs);
	const parts = partsFor(question, response, paragraphs);
	const outcome: Outcome =
		result.earned >= result.total ? 'correct' : result.earned > 0 ? 'partial' : 'incorrect';
	return {
		questionId: question.id,
		outcome,
		earned: result.earned,
		total: result.total,
		rationales: rationalesFor(question, response),
		explanation: question.explanation,
		cites: question.cites,
		answer: answerInWords(question),
		...(note ? { note } : {}),
		...(parts ? { parts } : {})
	};
}

/**
 * A grader that knows the given questions' keys (and, for evidence questions, the article's
 * paragraphs); what the server hands the machine.
 */
export function graderFor(questions: readonly Question[], paragraphs: readonly Paragraph[] = []) {
	const byId = new Map(questions.map((q) => [q.id, q]));
	return (questionId: string, response: Response): Grade => {
		const question = byId.get(questionId);
		if (!question) throw new Error(`no answer key for question ${questionId}`);
		return grade(question, response, paragraphs);
	};
}
