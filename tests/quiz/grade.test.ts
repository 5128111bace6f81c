import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { grade, graderFor, InvalidResponseError } from '../../src/lib/quiz/grade.ts';
import { exampleAnswer } from '../../src/lib/quiz/types/shortAnswer/match.ts';
import {
	correctResponse,
	eightTypes,
	fixtureParagraphs,
	fourTypes,
	multipleChoice,
	singleChoice,
	wrongResponse
} from './fixtures.ts';

describe('grade', () => {
	it('calls full points correct and carries the explanation, cites and answer', () => {
		expect(grade(singleChoice, correctResponse(singleChoice))).toEqual({
			questionId: 'first-to-publish',
			outcome: 'correct',
			earned: 1,
			total: 1,
			rationales: [],
			explanation: singleChoice.explanation,
			cites: singleChoice.cites,
			answer: ['The Associated Press']
		});
	});

	it('calls some points partial and no points incorrect', () => {
		expect(grade(multipleChoice, { type: 'multiple-choice', choices: ['b'] }).outcome).toBe(
			'partial'
		);
		expect(grade(multipleChoice, wrongResponse(multipleChoice)).outcome).toBe('incorrect');
	});

	it('gives the rationales of the wrong choices picked', () => {
		expect(grade(singleChoice, { type: 'single-choice', choice: 'a' }).rationales).toEqual([
			'Kazinform reported from Xinjiang a day later.'
		]);
	});

	it('throws rather than grading an invalid response as wrong', () => {
		expect(() => grade(singleChoice, { type: 'single-choice', choice: 'z' })).toThrow(
			InvalidResponseError
		);
	});
});

describe('graderFor', () => {
	it('grades by question id', () => {
		const gradeById = graderFor(fourTypes);
		for (const question of fourTypes) {
			expect(gradeById(question.id, correctResponse(question)).outcome).toBe('correct');
		}
	});

	it('grades one question of each of the eight types, given the article for evidence', () => {
		const gradeById = graderFor(eightTypes, fixtureParagraphs);
		for (const question of eightTypes) {
			expect(gradeById(question.id, correctResponse(question)).outcome, question.id).toBe(
				'correct'
			);
			expect(gradeById(question.id, wrongResponse(question)).outcome, question.id).toBe(
				'incorrect'
			);
		}
	});

	it('throws for a question it holds no key for', () => {
		expect(() => graderFor(fourTypes)('no-such-question', correctResponse(singleChoice))).toThrow(
			/no answer key/
		);
	});

	it('grades every question of the real module correct against its own key', () => {
		const { module, problems } = loadModuleDir('questions/fleeing-kazakhs-and-puff-pieces');
		expect(problems.map(formatProblem)).toEqual([]);
		expect(module!.questions.length).toBeGreaterThan(0);
		const paragraphs = module!.article.paragraphs;
		const gradeById = graderFor(module!.questions, paragraphs);
		for (const question of module!.questions) {
			const accepted =
				question.type === 'short-answer'
					? question.accepted.map((a) => ({
							type: 'short-answer' as const,
							text: exampleAnswer(a)
						}))
					: [correctResponse(question, paragraphs)];
			for (const response of accepted) {
				expect(gradeById(question.id, response).outcome, question.id).toBe('correct');
			}
		}
	});
});
