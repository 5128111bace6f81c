/**
 * The results as CSV for a gradebook: `totals.csv` (one row per student), `marks.csv` (student ×
 * question) and `items.csv` (item statistics). Written by Papa Parse: its quoting handles commas,
 * quotes and line breaks in names, and `escapeFormulae` puts a ' before a cell that starts with
 * =, +, - or @ so a spreadsheet never runs it. A UTF-8 byte order mark makes Excel read names in
 * any script as UTF-8.
 */
import Papa from 'papaparse';
import type { Results } from './results.ts';

export const CSV_FILES = {
	'totals.csv': totals,
	'marks.csv': marks,
	'items.csv': items
} as const;

/** A figure as a number (Papa Parse escapes only strings, so a negative figure stays a number). */
const num = (n: number | null, digits = 4): number | string =>
	n === null ? 'n/a' : Math.round(n * 10 ** digits) / 10 ** digits;

function totals(r: Results): unknown[][] {
	return [
		['Student', 'Status', 'Attempt', 'Score', 'Out of', 'Minutes taken', 'Submitted at (UTC)'],
		...r.students.map((s) => [
			s.name,
			s.status,
			s.attempt ?? '',
			s.score ?? '',
			s.maxScore,
			s.seconds === null ? '' : Math.round(s.seconds / 6) / 10,
			s.submittedAt?.toISOString() ?? ''
		])
	];
}

function marks(r: Results): unknown[][] {
	return [
		['Student', 'Status', ...r.questions.map((q) => `Q${q.number} (${q.points})`)],
		...r.students.map((s) => [s.name, s.status, ...s.cells.map((c) => c.credit ?? '')])
	];
}

function items(r: Results): unknown[][] {
	return [
		[
			'Question',
			'Prompt',
			'Skill',
			'Points',
			'Facility',
			'SD',
			'Discrimination index',
			'Discriminative efficiency',
			'Effective weight',
			'Attempts'
		],
		...r.questions.map((q, j) => {
			const s = r.stats.items[j]!;
			return [
				`Q${q.number}`,
				q.prompt,
				q.skillLabel,
				q.points,
				r.submitted ? num(s.facility) : 'n/a',
				num(s.sd),
				num(s.discriminationIndex, 2),
				num(s.discriminativeEfficiency, 2),
				num(s.effectiveWeight, 2),
				r.submitted
			];
		})
	];
}

export type CsvFile = keyof typeof CSV_FILES;

export function isCsvFile(name: string): name is CsvFile {
	return Object.hasOwn(CSV_FILES, name);
}

export function resultsCsv(file: CsvFile, results: Results): string {
	return (
		'\ufeff' + Papa.unparse(CSV_FILES[file](results), { escapeFormulae: true, newline: '\r\n' })
	);
}
