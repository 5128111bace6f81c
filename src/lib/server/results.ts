/**
 * An assignment's results, for its teacher: every student's latest attempt replayed (as the
 * roster does), each question's mark, the answer in words beside the key and its cited
 * explanation, and the statistics computed from the submitted attempts only (an attempt still
 * under way would count its unanswered questions as wrong).
 */
import type { Cite, Module, Question } from '$lib/content/schema.ts';
import { SKILLS, SKILL_LABELS, type Skill } from '$lib/content/terms.ts';
import { answerInWords, responseInWords, type Response } from '$lib/quiz/questions.ts';
import {
	paragraphLosses,
	skillShares,
	type ItemFacts,
	type Share
} from '$lib/results/aggregate.ts';
import { itemStatistics, type Statistics } from '$lib/results/itemStatistics.ts';
import { latestOfEach, openAttempt, type StudentLatest } from './assignmentAttempts.ts';
import { latestAttemptOf, questionsOf, studentForTeacher, type Assignment } from './assignments.ts';
import type { Db } from './db.ts';

export type Mark = 'right' | 'partly' | 'wrong' | 'unanswered';

export interface Cell {
	mark: Mark;
	/** Points earned (after penalties), rounded to 2 places; null when not graded yet. */
	credit: number | null;
	points: number;
	/** The student's answer in words; empty when none. */
	answer: string[];
}

export interface StudentResult {
	id: string;
	name: string;
	status: 'not-started' | 'in-progress' | 'submitted';
	attempt: number | null;
	score: number | null;
	maxScore: number;
	/** Submitted minus started, in seconds; null unless submitted. */
	seconds: number | null;
	submittedAt: Date | null;
	/** One per question, in the assignment's order. */
	cells: Cell[];
}

export interface ChoiceCount {
	id: string;
	text: string;
	correct: boolean;
	/** How many submitted attempts picked it. */
	count: number;
	rationale: string | null;
}

export interface QuestionResult {
	id: string;
	number: number;
	prompt: string;
	type: Question['type'];
	skill: Skill;
	skillLabel: string;
	points: number;
	answer: string[];
	explanation: string;
	cites: Cite[];
	/** Choice questions (and Part A of a two-part one): picks of each choice. */
	choices: ChoiceCount[] | null;
}

export interface Results {
	questions: QuestionResult[];
	students: StudentResult[];
	submitted: number;
	stats: Statistics;
	skills: { skill: Skill; label: string; share: Share }[];
	paragraphs: { n: number; text: string; share: Share | null }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function markOf(credit: number | null, points: number, answered: boolean): Mark {
	if (!answered) return 'unanswered';
	if (credit === null) return 'unanswered';
	if (credit >= points - 1e-9) return 'right';
	return credit > 0 ? 'partly' : 'wrong';
}

function choiceCounts(q: Question, responses: (Response | null)[]): ChoiceCount[] | null {
	const picked = (r: Response | null): string[] => {
		if (!r) return [];
		if (r.type === 'single-choice') return [r.choice];
		if (r.type === 'multiple-choice') return r.choices;
		if (r.type === 'true-false-not-stated') return [r.answer];
		if (r.type === 'two-part') return [r.partA];
		return [];
	};
	let options: { id: string; text: string; correct: boolean; rationale: string | null }[];
	switch (q.type) {
		case 'single-choice':
		case 'two-part':
			options = q.choices.map((c) => ({
				id: c.id,
				text: c.text,
				correct: c.id === q.answer,
				rationale: c.rationale ?? null
			}));
			break;
		case 'multiple-choice':
			options = q.choices.map((c) => ({
				id: c.id,
				text: c.text,
				correct: q.answers.includes(c.id),
				rationale: c.rationale ?? null
			}));
			break;
		case 'true-false-not-stated':
			options = (['true', 'false', 'not-stated'] as const).map((v) => ({
				id: v,
				text: v === 'true' ? 'True' : v === 'false' ? 'False' : 'Not stated',
				correct: v === q.answer,
				rationale: null
			}));
			break;
		default:
			return null;
	}
	const counts = new Map<string, number>();
	for (const r of responses) for (const id of picked(r)) counts.set(id, (counts.get(id) ?? 0) + 1);
	return options.map((o) => ({ ...o, count: counts.get(o.id) ?? 0 }));
}

/** One student's row: each question's mark and their answer in words, from their latest attempt. */
function studentResult(
	{ student, open }: Pick<StudentLatest, 'student' | 'open'>,
	questions: readonly Question[],
	maxScore: number,
	now: Date
): { row: StudentResult; responses: (Response | null)[] } {
	if (!open) {
		return {
			row: {
				id: student.id,
				name: student.displayName,
				status: 'not-started',
				attempt: null,
				score: null,
				maxScore,
				seconds: null,
				submittedAt: null,
				cells: questions.map((q) => ({
					mark: 'unanswered',
					credit: null,
					points: q.points,
					answer: []
				}))
			},
			responses: questions.map(() => null)
		};
	}
	const context = open.live.state.snapshot.context;
	const publicById = new Map(context.questions.map((q) => [q.id, q]));
	const responses: (Response | null)[] = [];
	const cells = questions.map((q): Cell => {
		const p = context.progress[q.id];
		const response = p ? (p.response ?? p.tries.at(-1)?.response ?? null) : null;
		responses.push(response);
		const credit = p?.resolved ? round2(p.credit) : null;
		const shown = publicById.get(q.id);
		return {
			mark: markOf(credit, q.points, response !== null),
			credit,
			points: q.points,
			answer: response && shown ? responseInWords(shown, response) : []
		};
	});
	const submittedAt = open.finished ? (open.attempt.submittedAt ?? now) : null;
	return {
		row: {
			id: student.id,
			name: student.displayName,
			status: open.finished ? 'submitted' : 'in-progress',
			attempt: open.attempt.number,
			score: open.finished ? round2(cells.reduce((sum, c) => sum + (c.credit ?? 0), 0)) : null,
			maxScore,
			seconds: submittedAt
				? Math.max(0, Math.round((submittedAt.getTime() - open.attempt.startedAt.getTime()) / 1000))
				: null,
			submittedAt,
			cells
		},
		responses
	};
}

/** A question as the results show it; `responses` (submitted attempts') give the choice counts. */
function questionResult(
	q: Question,
	index: number,
	responses: (Response | null)[]
): QuestionResult {
	return {
		id: q.id,
		number: index + 1,
		prompt: q.prompt,
		type: q.type,
		skill: q.skill,
		skillLabel: SKILL_LABELS[q.skill],
		points: q.points,
		answer: answerInWords(q),
		explanation: q.explanation,
		cites: q.cites,
		choices: choiceCounts(q, responses)
	};
}

const maxScoreOf = (questions: readonly Question[]) =>
	round2(questions.reduce((sum, q) => sum + q.points, 0));

export async function resultsOf(
	db: Db,
	a: Assignment,
	module: Module,
	now: Date
): Promise<Results> {
	const questions = questionsOf(a, module);
	const maxScore = maxScoreOf(questions);
	const rows: StudentResult[] = [];
	const submittedResponses: (Response | null)[][] = [];
	const submittedMarks: number[][] = [];
	for (const entry of await latestOfEach(db, a, module, now)) {
		const { row, responses } = studentResult(entry, questions, maxScore, now);
		rows.push(row);
		if (row.status === 'submitted') {
			submittedResponses.push(responses);
			submittedMarks.push(row.cells.map((c) => c.credit ?? 0));
		}
	}

	const facts: ItemFacts[] = questions.map((q) => ({
		id: q.id,
		points: q.points,
		skill: q.skill,
		paragraphs: q.cites.map((c) => c.paragraph)
	}));
	const bySkill = skillShares(facts, submittedMarks);
	const byParagraph = paragraphLosses(facts, submittedMarks);
	return {
		questions: questions.map((q, j) =>
			questionResult(
				q,
				j,
				submittedResponses.map((r) => r[j]!)
			)
		),
		students: rows,
		submitted: submittedMarks.length,
		stats: itemStatistics(
			submittedMarks,
			questions.map((q) => q.points)
		),
		skills: SKILLS.filter((s) => bySkill.has(s)).map((s) => ({
			skill: s,
			label: SKILL_LABELS[s],
			share: bySkill.get(s)!
		})),
		paragraphs: module.article.paragraphs.map((p) => ({
			n: p.n,
			text: p.text,
			share: byParagraph.get(p.n) ?? null
		}))
	};
}

/**
 * One student's answers beside the key, for their teacher: only their latest attempt is opened
 * (the class's are not). Undefined if the student is not in this teacher's assignment.
 */
export async function studentAnswersOf(
	db: Db,
	teacherId: string,
	a: Assignment,
	module: Module,
	studentId: string,
	now: Date
): Promise<{ student: StudentResult; questions: QuestionResult[] } | undefined> {
	const student = await studentForTeacher(db, teacherId, a.id, studentId);
	if (!student) return undefined;
	const attempt = await latestAttemptOf(db, a, module, student);
	const open = attempt ? await openAttempt(db, a, module, attempt, now) : null;
	const questions = questionsOf(a, module);
	const { row } = studentResult({ student, open }, questions, maxScoreOf(questions), now);
	return { student: row, questions: questions.map((q, j) => questionResult(q, j, [])) };
}
