/**
 * The CSV files read back through a CSV parser: names with commas, quotes, line breaks, emoji and
 * any script come back whole; a cell a spreadsheet would run as a formula comes back quoted with
 * a leading ' instead.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { itemStatistics } from '../../src/lib/results/itemStatistics.ts';
import type { Results, StudentResult } from '../../src/lib/server/results.ts';
import { resultsCsv } from '../../src/lib/server/resultsCsv.ts';

const NAMES = [
	'Omarova, Aigerim',
	'Bolat "Bo" Nurlan',
	'Dana\nSecond line',
	'Ерлан 🙂',
	'=HYPERLINK("http://x.example")',
	'+1 then',
	'@sum',
	'-2'
];

function student(name: string, i: number): StudentResult {
	return {
		id: `s${i}`,
		name,
		status: 'submitted',
		attempt: 1,
		score: i % 2,
		maxScore: 1,
		seconds: 90,
		submittedAt: new Date('2026-12-01T10:00:00Z'),
		cells: [{ mark: i % 2 ? 'right' : 'wrong', credit: i % 2, points: 1, answer: [] }]
	};
}

const marks = NAMES.map((_, i) => [i % 2]);
const results: Results = {
	questions: [
		{
			id: 'q1',
			number: 1,
			prompt: 'Who reported it, "and" when?',
			type: 'short-answer',
			skill: 'recall',
			skillLabel: 'Recall',
			points: 1,
			answer: ['Kazinform'],
			explanation: 'The article says so.',
			cites: [{ paragraph: 4, quote: 'Kazinform' }],
			choices: null
		}
	],
	students: NAMES.map(student),
	submitted: NAMES.length,
	stats: itemStatistics(marks, [1]),
	skills: [],
	paragraphs: []
};

function parse(text: string): string[][] {
	expect(text.startsWith('\ufeff')).toBe(true);
	const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data;
}

const formula = /^[=+\-@]/;

describe('results as CSV', () => {
	it('totals: every name comes back whole, formulas defused', () => {
		const rows = parse(resultsCsv('totals.csv', results));
		expect(rows[0]).toEqual([
			'Student',
			'Status',
			'Attempt',
			'Score',
			'Out of',
			'Minutes taken',
			'Submitted at (UTC)'
		]);
		expect(rows.slice(1).map((r) => r[0])).toEqual(
			NAMES.map((n) => (formula.test(n) ? `'${n}` : n))
		);
		expect(rows[1]!.slice(1)).toEqual([
			'submitted',
			'1',
			'0',
			'1',
			'1.5',
			'2026-12-01T10:00:00.000Z'
		]);
	});

	it('marks: one column per question with its points', () => {
		const rows = parse(resultsCsv('marks.csv', results));
		expect(rows[0]).toEqual(['Student', 'Status', 'Q1 (1)']);
		expect(rows.slice(1).map((r) => r[2])).toEqual(NAMES.map((_, i) => String(i % 2)));
	});

	it('items: the statistics, with n/a where nothing can be computed', () => {
		const rows = parse(resultsCsv('items.csv', results));
		expect(rows[1]![0]).toBe('Q1');
		expect(rows[1]![1]).toBe('Who reported it, "and" when?');
		expect(rows[1]![4]).toBe('0.5');
		// A one-question test has no "rest of the test" to correlate with.
		expect(rows[1]![6]).toBe('n/a');
		expect(rows[1]![9]).toBe(String(NAMES.length));
	});

	it('a negative figure stays a number, not a defused formula', () => {
		const marks = [
			[1, 0],
			[0, 1],
			[1, 0],
			[0, 1]
		];
		const two = {
			...results,
			questions: [results.questions[0]!, { ...results.questions[0]!, id: 'q2', number: 2 }],
			stats: itemStatistics(marks, [1, 1])
		};
		const rows = parse(resultsCsv('items.csv', two));
		expect(rows[1]![6]).toBe('-100');
	});
});
