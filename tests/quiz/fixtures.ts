/**
 * Small hand-made questions and helpers shared by the quiz tests. The questions are plain objects
 * in the schema's output shape (defaults filled in), so no YAML or loader is involved. They quote
 * `fixtureParagraphs`, a four-paragraph article made of the real article's words.
 */
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import { findQuote } from '../../src/lib/content/quote.ts';
import { exampleAnswer } from '../../src/lib/quiz/types/shortAnswer/match.ts';
import type {
	EvidenceQuestion,
	MatchingQuestion,
	MultipleChoiceQuestion,
	OrderingQuestion,
	ShortAnswerQuestion,
	SingleChoiceQuestion,
	TrueFalseNotStatedQuestion,
	TwoPartQuestion
} from '../../src/lib/content/schema.ts';
import { sentenceId, sentenceSpans } from '../../src/lib/content/sentences.ts';
import { graderFor, type Grade } from '../../src/lib/quiz/grade.ts';
import {
	toPublic,
	type Paragraph,
	type Question,
	type Response,
	type Truth
} from '../../src/lib/quiz/questions.ts';
import {
	quizMachine,
	type GradeInput,
	type QuizEvent,
	type QuizMachine,
	type QuizSettings
} from '../../src/lib/quiz/quizMachine.ts';
import type { HintLookup } from '../../src/lib/quiz/view.ts';

/**
 * A small article for the fixtures: ¶1–¶3 are the real article's ¶1–¶3, and ¶4 is its ¶15 (four
 * sentences, for choosing a sentence as evidence).
 */
export const fixtureParagraphs: Paragraph[] = [
	'On January 9, the Kazakh Foreign Ministry confirmed that China was allowing about 2,000 ethnic Kazakhs to give up their Chinese citizenship and leave Xinjiang for Kazakhstan. The Associated Press, which first published the news, noted that the ministry “did not say who could leave or why.”',
	'According to Chinese authorities in 2016, at the time there were approximately 1.46 million ethnic Kazakhs in China, the vast majority in Xinjiang.',
	'On the one hand, the announcement is a testament to Kazakhstan’s diplomatic lobbying efforts on behalf of ethnic Kazakhs in China; on the other, it lays bare the strict limits of not only Kazakhstan’s empathy for non-Kazakh Muslims trapped in Xinjiang, especially Uyghurs, but the limits of Astana’s ability to budge Beijing.',
	'Many ethnic Kazakhs in Xinjiang have family in Kazakhstan. After independence in 1991, Kazakhstan launched a program – the Oralman, or returnee, program – to invite ethnic Kazakhs elsewhere in the region to move to Kazakhstan. According to a 2015 Radio Free Asia (RFA) report, about 200,000 ethnic Kazakhs from China had become Kazakh citizens since 1991. Given the estimated 1.46 million ethnic Kazakhs living in China, that means thousands of families are stretched across the border.'
].map((text, i) => ({ n: i + 1, text, blockquote: false }));

export const singleChoice: SingleChoiceQuestion = {
	id: 'first-to-publish',
	type: 'single-choice',
	skill: 'sourcing',
	prompt: 'Who first published the news?',
	points: 1,
	hints: ['Paragraph 1 names the outlet.'],
	explanation: 'Paragraph 1 says the Associated Press first published the news.',
	cites: [{ paragraph: 1, quote: 'The Associated Press, which first published the news' }],
	choices: [
		{ id: 'a', text: 'Kazinform', rationale: 'Kazinform reported from Xinjiang a day later.' },
		{ id: 'b', text: 'The Associated Press' },
		{ id: 'c', text: 'The Diplomat' }
	],
	answer: 'b'
};

export const multipleChoice: MultipleChoiceQuestion = {
	id: 'limits-laid-bare',
	type: 'multiple-choice',
	skill: 'inference',
	prompt: 'Which limits does the announcement lay bare?',
	points: 1,
	hints: ['Read the second half of paragraph 3.', 'There are two limits.'],
	explanation: 'Paragraph 3 names the limits of Kazakh empathy and of Astana’s influence.',
	cites: [
		{ paragraph: 3, quote: 'the strict limits of not only Kazakhstan’s empathy' },
		{ paragraph: 3, quote: 'the limits of Astana’s ability to budge Beijing' }
	],
	choices: [
		{ id: 'a', text: 'Of Chinese patience', rationale: 'China’s patience is not discussed.' },
		{ id: 'b', text: 'Of Kazakhstan’s empathy for non-Kazakh Muslims' },
		{
			id: 'c',
			text: 'Of the press tour',
			rationale: 'The press tour comes later, in paragraph 4.'
		},
		{ id: 'd', text: 'Of Astana’s ability to budge Beijing' }
	],
	answers: ['b', 'd']
};

export const trueFalse: TrueFalseNotStatedQuestion = {
	id: 'ministry-said-why',
	type: 'true-false-not-stated',
	skill: 'recall',
	prompt: 'The ministry said why the Kazakhs could leave.',
	points: 1,
	hints: [],
	explanation: 'False: the ministry did not say who could leave or why.',
	cites: [{ paragraph: 1, quote: 'did not say who could leave or why' }],
	answer: 'false'
};

export const shortAnswer: ShortAnswerQuestion = {
	id: 'how-many-may-leave',
	type: 'short-answer',
	skill: 'recall',
	prompt: 'How many ethnic Kazakhs may leave?',
	points: 1,
	hints: ['Paragraph 1 gives a number.'],
	explanation: 'Paragraph 1 says about 2,000 ethnic Kazakhs will be allowed to leave.',
	cites: [{ paragraph: 1, quote: 'about 2,000 ethnic Kazakhs' }],
	accepted: ['2,000', 'about 2,000']
};

/** Four events, listed in the correct order, which is not the alphabetical one. */
export const ordering: OrderingQuestion = {
	id: 'events-in-order',
	type: 'ordering',
	skill: 'sequence',
	prompt: 'Put these events in the order they happened.',
	points: 1,
	hints: ['Look for the years in paragraphs 2 and 4.'],
	explanation:
		'Independence came in 1991, the RFA report in 2015, the count in 2016, the news in January.',
	cites: [
		{ paragraph: 4, quote: 'After independence in 1991' },
		{ paragraph: 4, quote: 'According to a 2015 Radio Free Asia (RFA) report' },
		{ paragraph: 2, quote: 'According to Chinese authorities in 2016' },
		{ paragraph: 1, quote: 'On January 9, the Kazakh Foreign Ministry confirmed' }
	],
	items: [
		{ id: 'independence', text: 'Kazakhstan becomes independent' },
		{ id: 'rfa-report', text: 'Radio Free Asia counts the new citizens' },
		{ id: 'chinese-count', text: 'Chinese authorities count 1.46 million ethnic Kazakhs' },
		{ id: 'ministry-confirms', text: 'The Foreign Ministry confirms the news' }
	]
};

/** Three sources matched to what they said, with one option left over. */
export const matching: MatchingQuestion = {
	id: 'who-reported-what',
	type: 'matching',
	skill: 'sourcing',
	prompt: 'Match each source to what the article says it reported.',
	points: 1,
	hints: [],
	explanation:
		'The AP broke the news; Chinese authorities gave the 2016 count; RFA counted citizens.',
	cites: [
		{ paragraph: 1, quote: 'The Associated Press, which first published the news' },
		{ paragraph: 2, quote: 'According to Chinese authorities in 2016' },
		{ paragraph: 4, quote: 'According to a 2015 Radio Free Asia (RFA) report' }
	],
	items: [
		{ id: 'associated-press', text: 'The Associated Press', match: 'broke-the-news' },
		{ id: 'chinese-authorities', text: 'Chinese authorities', match: 'counted-in-china' },
		{ id: 'radio-free-asia', text: 'Radio Free Asia', match: 'counted-citizens' }
	],
	options: [
		{ id: 'broke-the-news', text: 'First published the news of the 2,000' },
		{ id: 'counted-in-china', text: 'Counted 1.46 million ethnic Kazakhs in China' },
		{ id: 'counted-citizens', text: 'Counted 200,000 new Kazakh citizens from China' },
		{ id: 'press-tour', text: 'Reported from a press tour of the camps' }
	]
};

/** Choose the sentence: the evidence is ¶4's third sentence. */
export const evidenceSentence: EvidenceQuestion = {
	id: 'returnees-since-1991',
	type: 'evidence',
	skill: 'recall',
	prompt: 'About 200,000 ethnic Kazakhs from China became Kazakh citizens after 1991.',
	points: 1,
	hints: ['The number comes from a radio station’s report.'],
	explanation: 'Paragraph 4 cites a 2015 Radio Free Asia report for the 200,000.',
	cites: [
		{ paragraph: 4, quote: 'about 200,000 ethnic Kazakhs from China had become Kazakh citizens' }
	],
	select: 'sentence',
	within: [1, 4]
};

/** Choose the paragraph: the evidence is ¶2, within ¶1–¶3. */
export const evidenceParagraph: EvidenceQuestion = {
	id: 'count-in-2016',
	type: 'evidence',
	skill: 'recall',
	prompt: 'In 2016 there were about 1.46 million ethnic Kazakhs in China.',
	points: 1,
	hints: [],
	explanation: 'Paragraph 2 gives the 2016 count from Chinese authorities.',
	cites: [{ paragraph: 2, quote: 'approximately 1.46 million ethnic Kazakhs in China' }],
	select: 'paragraph',
	within: [1, 3]
};

/** Part A asks for a reading of ¶3; Part B offers quotes, one of them cited. */
export const twoPart: TwoPartQuestion = {
	id: 'what-the-announcement-shows',
	type: 'two-part',
	skill: 'inference',
	prompt: 'What does the author say the announcement shows about Kazakhstan?',
	points: 1,
	hints: ['Paragraph 3 has two sides.'],
	explanation: 'Paragraph 3: the lobbying worked, but it also shows the limits of Astana’s sway.',
	cites: [{ paragraph: 3, quote: 'the limits of Astana’s ability to budge Beijing' }],
	choices: [
		{ id: 'a', text: 'It has persuaded Beijing to close the camps', rationale: 'No camp closes.' },
		{ id: 'b', text: 'Its lobbying worked, but only so far' },
		{ id: 'c', text: 'It does not care about Kazakhs in China', rationale: 'It lobbied for them.' }
	],
	answer: 'b',
	partB: {
		prompt: 'Which words from the article support your answer to Part A?',
		choices: [
			{
				id: 'a',
				text: 'approximately 1.46 million ethnic Kazakhs in China',
				rationale: 'That is a count, not a judgment of the announcement.'
			},
			{ id: 'b', text: 'the limits of Astana’s ability to budge Beijing' },
			{
				id: 'c',
				text: 'did not say who could leave or why',
				rationale: 'That is what the ministry left out.'
			}
		],
		answer: 'b'
	}
};

/** One question of each of the first four types, in a fixed order. */
export const fourTypes: Question[] = [singleChoice, multipleChoice, trueFalse, shortAnswer];

/** One question of each type, in a fixed order (the evidence question chooses a sentence). */
export const eightTypes: Question[] = [...fourTypes, ordering, matching, evidenceSentence, twoPart];

/** Six single-choice questions with four choices each: enough for orders to differ by seed. */
export const sixQuestions: SingleChoiceQuestion[] = Array.from({ length: 6 }, (_, i) => ({
	...singleChoice,
	id: `question-${i + 1}`,
	prompt: `Question ${i + 1}?`,
	choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Choice ${id} of ${i + 1}` })),
	answer: 'a'
}));

/**
 * The ids an evidence question's key accepts: each cited paragraph, or each sentence a cited
 * quote touches. Worked out here from the quotes, apart from the code under test.
 */
export function citedEvidence(
	question: EvidenceQuestion,
	paragraphs: readonly Paragraph[] = fixtureParagraphs
): string[] {
	if (question.select === 'paragraph') {
		return [...new Set(question.cites.map((c) => String(c.paragraph)))];
	}
	const ids = question.cites.flatMap((cite) => {
		const text = paragraphs.find((p) => p.n === cite.paragraph)?.text ?? '';
		const quote = findQuote(text, cite.quote);
		if (!quote) return [];
		return sentenceSpans(text).flatMap((s, i) =>
			s.start < quote.end && quote.start < s.end ? [sentenceId(cite.paragraph, i)] : []
		);
	});
	return [...new Set(ids)];
}

/** A response the answer key scores as full points. */
export function correctResponse(
	question: Question,
	paragraphs: readonly Paragraph[] = fixtureParagraphs
): Response {
	switch (question.type) {
		case 'single-choice':
			return { type: 'single-choice', choice: question.answer };
		case 'multiple-choice':
			return { type: 'multiple-choice', choices: [...question.answers] };
		case 'true-false-not-stated':
			return { type: 'true-false-not-stated', answer: question.answer };
		case 'short-answer':
			return { type: 'short-answer', text: exampleAnswer(question.accepted[0]!) };
		case 'ordering':
			return { type: 'ordering', order: question.items.map((i) => i.id) };
		case 'matching':
			return {
				type: 'matching',
				matches: Object.fromEntries(question.items.map((i) => [i.id, i.match]))
			};
		case 'evidence':
			return { type: 'evidence', choice: citedEvidence(question, paragraphs)[0]! };
		case 'two-part':
			return { type: 'two-part', partA: question.answer, partB: question.partB.answer };
	}
}

/** A valid response the answer key scores as zero. */
export function wrongResponse(
	question: Question,
	paragraphs: readonly Paragraph[] = fixtureParagraphs
): Response {
	switch (question.type) {
		case 'single-choice':
			return {
				type: 'single-choice',
				choice: question.choices.find((c) => c.id !== question.answer)!.id
			};
		case 'multiple-choice':
			return {
				type: 'multiple-choice',
				choices: question.choices.filter((c) => !question.answers.includes(c.id)).map((c) => c.id)
			};
		case 'true-false-not-stated':
			return {
				type: 'true-false-not-stated',
				answer: question.answer === 'not-stated' ? 'true' : 'not-stated'
			};
		case 'short-answer':
			return { type: 'short-answer', text: 'no idea' };
		case 'ordering':
			// Reversed: no neighbouring pair of the correct order survives.
			return { type: 'ordering', order: question.items.map((i) => i.id).reverse() };
		case 'matching':
			return {
				type: 'matching',
				matches: Object.fromEntries(
					question.items.map((i) => [i.id, question.options.find((o) => o.id !== i.match)!.id])
				)
			};
		case 'evidence': {
			const cited = citedEvidence(question, paragraphs);
			const { options } = toPublic(question, paragraphs) as { options: string[] };
			return { type: 'evidence', choice: options.find((o) => !cited.includes(o))! };
		}
		case 'two-part':
			// Part A wrong earns nothing, whatever Part B says.
			return {
				type: 'two-part',
				partA: question.choices.find((c) => c.id !== question.answer)!.id,
				partB: question.partB.choices.find((c) => c.id !== question.partB.answer)!.id
			};
	}
}

/** A response of the question's own type that checkInput refuses as unanswered. */
export function unansweredResponse(question: Question): Response {
	switch (question.type) {
		case 'single-choice':
			return { type: 'single-choice', choice: '' };
		case 'multiple-choice':
			return { type: 'multiple-choice', choices: [] };
		case 'true-false-not-stated':
			// What a form posts when no radio button is checked; not a Truth, on purpose.
			return { type: 'true-false-not-stated', answer: '' as Truth };
		case 'short-answer':
			return { type: 'short-answer', text: '   ' };
		case 'ordering':
			return { type: 'ordering', order: [] };
		case 'matching':
			return { type: 'matching', matches: {} };
		case 'evidence':
			return { type: 'evidence', choice: '' };
		case 'two-part':
			return { type: 'two-part', partA: '', partB: '' };
	}
}

/** Hint texts for the view, as the server would look them up in the answer key. */
export function hintsFrom(questions: readonly Question[]): HintLookup {
	const byId = new Map(questions.map((q) => [q.id, q]));
	return (id, count) => byId.get(id)!.hints.slice(0, count);
}

type Grader = (input: GradeInput) => Promise<Grade>;

/** The real grader for these questions, as the server provides it. */
export function realGrader(
	questions: readonly Question[],
	paragraphs: readonly Paragraph[] = fixtureParagraphs
): Grader {
	const grade = graderFor(questions, paragraphs);
	return async ({ questionId, response }) => grade(questionId, response);
}

export interface QuizOptions {
	seed?: number;
	settings?: Partial<QuizSettings>;
	grader?: Grader;
	/** The article the questions are about; the fixture article unless told otherwise. */
	paragraphs?: readonly Paragraph[];
}

/** Public views of `questions`, as the server hands them to the quiz. */
export function publicViews(
	questions: readonly Question[],
	paragraphs: readonly Paragraph[] = fixtureParagraphs
) {
	return questions.map((q) => toPublic(q, paragraphs));
}

/** A started quiz actor over `questions`, graded by the real grader unless told otherwise. */
export function startQuiz(
	questions: readonly Question[],
	{
		seed = 1,
		settings,
		paragraphs = fixtureParagraphs,
		grader = realGrader(questions, paragraphs)
	}: QuizOptions = {}
): Actor<QuizMachine> {
	const machine = quizMachine.provide({
		actors: { gradeAnswer: fromPromise(({ input }) => grader(input)) }
	});
	return createActor(machine, {
		input: { questions: publicViews(questions, paragraphs), seed, settings }
	}).start();
}

/** Submits a response and waits until grading, if any, has settled. */
export async function submit(actor: Actor<QuizMachine>, response: Response): Promise<void> {
	actor.send({ type: 'answer.submit', response });
	await waitFor(actor, (s) => !s.hasTag('busy'));
}

/** Sends any event and waits until grading (practice) or submitting (assessment) has settled. */
export async function settle(actor: Actor<QuizMachine>, event: QuizEvent): Promise<void> {
	actor.send(event);
	await waitFor(actor, (s) => !s.hasTag('busy'));
}
