/**
 * What a page shows of a quiz, derived from a machine snapshot. This is the only shape that
 * leaves the server: it carries explanations, citations and answers only once they are earned
 * (a question answered correctly, or its answer revealed, or the summary).
 *
 * Practice mode is shown by `quizView`, assessment mode by `assessmentView`. An assessment shows
 * nothing from the key or a grade while it is being taken, and after submission only what the
 * reveal rule allows (the score, the answers, both, or neither); `attemptProgress` is the little a
 * teacher's roster needs of an attempt in either mode.
 */
import type { SnapshotFrom } from 'xstate';
import type { Cite } from '../content/schema.ts';
import type { Outcome } from './grade.ts';
import type {
	AnswerNote,
	InvalidReason,
	PartsDetail,
	PublicQuestion,
	Response,
	Skill
} from './questions.ts';
import { responseInWords, round } from './questions.ts';
import {
	current,
	maxScore,
	progressOf,
	skipTarget,
	totalScore,
	type QuizContext,
	type QuizMachine,
	type QuizSettings,
	type SubmitReason
} from './quizMachine.ts';

export interface Position {
	/** Events recorded so far; a form echoes it so a stale tab cannot answer twice. */
	seq: number;
	/** 1-based. */
	number: number;
	total: number;
	question: PublicQuestion;
	/** Every question in the order asked, for the question list (always given by `quizView`). */
	list?: QuestionListItem[];
}

/**
 * One question in the question list: done (resolved, open to review), the current one, skipped
 * (it comes back at the end of its lesson), or still to come.
 */
export interface QuestionListItem {
	id: string;
	/** 1-based place in the order the quiz asks (which a skip changes). */
	number: number;
	prompt: string;
	status: 'done' | 'current' | 'skipped' | 'upcoming';
}

export type FeedbackResult = 'correct' | 'retry' | 'exhausted' | 'revealed';

export type QuizView =
	| { status: 'intro'; seq: number; total: number; maxScore: number; settings: QuizSettings }
	| (Position & {
			status: 'answering';
			/** Texts of the hints taken so far. */
			hints: string[];
			hintsLeft: number;
			tryNumber: number;
			maxTries: number;
			hintCost: number;
			invalid: InvalidReason | null;
			gradingFailed: boolean;
			/** Whether "Skip for now" is allowed: another question of its lesson is still to come. */
			canSkip: boolean;
			/** How often this question has been skipped before (it came back). */
			skipped: number;
	  })
	| (Position & {
			status: 'feedback';
			result: FeedbackResult;
			outcome: Outcome;
			response: Response;
			/** The learner's answer in words. */
			yourAnswer: string[];
			/** Points the question has earned so far (after penalties once resolved). */
			earned: number;
			triesLeft: number;
			/** Why each wrong choice picked is wrong (withheld where they would give the key away). */
			rationales: string[];
			/** True when rationales exist but are held back until the question is resolved. */
			rationalesWithheld: boolean;
			/** Where to look again after a wrong try (never the quotes: those would give it away). */
			reread: Reread;
			/** A forgiven spelling slip, or the feedback the author wrote for this wrong answer. */
			note?: FeedbackNote;
			/** How much of a matching, ordering or multiple-choice answer is right, when not all. */
			parts?: FeedbackParts;
			/** Present once earned: after a correct answer or "show answer". */
			explanation?: string;
			cites?: Cite[];
			answer?: string[];
			isLast: boolean;
	  })
	| {
			status: 'summary';
			seq: number;
			score: number;
			maxScore: number;
			questions: SummaryItem[];
			skills: SkillScore[];
	  };

/**
 * Where feedback sends the learner to re-read: the cited paragraphs (each named by the citation
 * that points at it), or, for an evidence question, whose answer *is* a cited paragraph, the
 * whole range it is chosen from.
 */
export type Reread =
	| { kind: 'paragraphs'; paragraphs: { paragraph: number; cite: number }[] }
	| { kind: 'range'; from: number; to: number };

/**
 * What the key says about this very answer. A spelling note comes only with an accepted answer.
 * A listed wrong answer's feedback is shown like a rationale, after any try; its citations name
 * their paragraphs at once but keep their quotes until the question is resolved (answered right
 * or its answer shown), as the explanation's citations do: a quote may hold the right answer.
 */
export type FeedbackNote =
	| { kind: 'spelling'; spelling: string }
	| {
			kind: 'listed-wrong';
			feedback: string;
			cites: { paragraph: number; quote?: string }[];
	  };

function feedbackNote(note: AnswerNote | undefined, resolved: boolean): FeedbackNote | undefined {
	if (!note) return undefined;
	if (note.kind === 'spelling') return note;
	return {
		kind: 'listed-wrong',
		feedback: note.feedback,
		cites: note.cites.map((c) => (resolved ? { ...c } : { paragraph: c.paragraph }))
	};
}

/**
 * How much of a matching, ordering or multiple-choice answer is right. The counts come after any
 * try: they say how far the answer is from the key, not where. Which lines are right (`marks`,
 * one per line of `yourAnswer`) comes only once the question is resolved (the last try, or the
 * answer shown): after a try with tries left it would give the key away.
 */
export type FeedbackParts =
	| { kind: 'matching' | 'ordering'; right: number; of: number; marks?: boolean[] }
	| { kind: 'multiple-choice'; missing: number; extra: number };

function feedbackParts(
	question: PublicQuestion,
	response: Response,
	parts: PartsDetail | undefined,
	resolved: boolean
): FeedbackParts | undefined {
	if (!parts) return undefined;
	if (parts.kind === 'multiple-choice') {
		return { kind: parts.kind, missing: parts.missing, extra: parts.extra };
	}
	const { kind, right, of } = parts;
	if (!resolved) return { kind, right, of };
	// In the order `responseInWords` lists the lines: the items as asked, or as the learner put them.
	const ids =
		response.type === 'ordering'
			? response.order
			: question.type === 'matching'
				? question.items.map((i) => i.id)
				: [];
	return { kind, right, of, marks: ids.map((id) => parts.marks[id] === true) };
}

export interface SummaryItem {
	id: string;
	number: number;
	prompt: string;
	skill: Skill;
	credit: number;
	points: number;
	missed: boolean;
	yourAnswer: string[];
	answer: string[];
	explanation: string;
	cites: Cite[];
	hintsUsed: number;
	tries: number;
}

export interface SkillScore {
	skill: Skill;
	earned: number;
	max: number;
	questions: number;
}

/** Hint texts live with the answer key; the view asks for the ones already taken. */
export type HintLookup = (questionId: string, count: number) => string[];

export function quizView(
	snapshot: SnapshotFrom<QuizMachine>,
	seq: number,
	hintsFor: HintLookup
): QuizView {
	const context = snapshot.context;
	if (snapshot.matches('intro')) {
		return {
			status: 'intro',
			seq,
			total: context.questions.length,
			maxScore: maxScore(context),
			settings: context.settings
		};
	}
	if (snapshot.matches('summary')) return summaryView(context, seq);

	const question = current(context);
	const progress = progressOf(context);
	const position: Position = {
		seq,
		number: context.index + 1,
		total: context.questions.length,
		question,
		list: questionList(context)
	};

	if (snapshot.matches('feedback')) {
		const last = progress.tries.at(-1)!;
		const result: FeedbackResult = snapshot.matches({ feedback: 'correct' })
			? 'correct'
			: snapshot.matches({ feedback: 'revealed' })
				? 'revealed'
				: snapshot.matches({ feedback: 'exhausted' })
					? 'exhausted'
					: 'retry';
		const earned = result === 'retry' ? last.grade.earned : progress.credit;
		const shown = result === 'correct' || result === 'revealed';
		// Rationales name the wrong choices picked. Ticking every box of a multiple-choice question
		// would then mark the unexplained ones as the key, so they wait until it is resolved.
		const withhold =
			result === 'retry' && question.type === 'multiple-choice' && last.grade.rationales.length > 0;
		const note = feedbackNote(last.grade.note, shown);
		const parts =
			last.grade.outcome === 'correct'
				? undefined
				: feedbackParts(question, last.response, last.grade.parts, result !== 'retry');
		return {
			...position,
			status: 'feedback',
			result,
			outcome: last.grade.outcome,
			response: last.response,
			yourAnswer: responseInWords(question, last.response),
			earned,
			triesLeft: context.settings.maxTries - progress.tries.length,
			rationales: withhold ? [] : last.grade.rationales,
			rationalesWithheld: withhold,
			reread: rereadFor(question, last.grade.cites),
			...(note ? { note } : {}),
			...(parts ? { parts } : {}),
			...(shown
				? {
						explanation: last.grade.explanation,
						cites: last.grade.cites,
						answer: last.grade.answer
					}
				: {}),
			isLast: context.index >= context.questions.length - 1
		};
	}

	// answering (or grading, which the server never leaves a snapshot in)
	return {
		...position,
		status: 'answering',
		hints: hintsFor(question.id, progress.hintsUsed),
		hintsLeft: question.hintCount - progress.hintsUsed,
		tryNumber: progress.tries.length + 1,
		maxTries: context.settings.maxTries,
		hintCost: context.settings.hintCost,
		invalid: snapshot.hasTag('invalid') ? context.invalidReason : null,
		gradingFailed: snapshot.hasTag('error'),
		canSkip: skipTarget(context) !== null,
		skipped: context.skips[question.id] ?? 0
	};
}

function questionList(context: QuizContext): QuestionListItem[] {
	const currentId = current(context).id;
	return context.questions.map((q, i) => {
		const progress = progressOf(context, q.id);
		return {
			id: q.id,
			number: i + 1,
			prompt: q.prompt,
			status:
				q.id === currentId
					? 'current'
					: progress.resolved
						? 'done'
						: (context.skips[q.id] ?? 0) > 0
							? 'skipped'
							: 'upcoming'
		};
	});
}

/** A resolved question seen again from the question list: read-only, nothing to answer. */
export interface ReviewView {
	id: string;
	/** 1-based place in the order asked. */
	number: number;
	total: number;
	question: PublicQuestion;
	outcome: Outcome;
	/** The learner's last answer, in words. */
	yourAnswer: string[];
	/** Credit after penalties. */
	earned: number;
	tries: number;
	hintsUsed: number;
	rationales: string[];
	answer: string[];
	explanation: string;
	cites: Cite[];
}

/**
 * Practice and review: a question the learner has finished with (resolved, and no longer the one on
 * screen), as the question list reopens it. Its credit can no longer change, so it shows all the
 * summary would: the answer, why, and the evidence. Null for any other question: one still to
 * come, skipped or on screen shows nothing from the key. Derived only: reviewing never changes
 * the quiz.
 */
export function reviewView(snapshot: SnapshotFrom<QuizMachine>, id: string): ReviewView | null {
	const context = snapshot.context;
	if (context.settings.mode === 'assessment') return null;
	if (!snapshot.matches('answering') && !snapshot.matches('feedback')) return null;
	const index = context.questions.findIndex((q) => q.id === id);
	if (index < 0 || index === context.index) return null;
	const question = context.questions[index]!;
	const progress = progressOf(context, id);
	const last = progress.tries.at(-1);
	if (!progress.resolved || !last) return null;
	return {
		id,
		number: index + 1,
		total: context.questions.length,
		question,
		outcome: last.grade.outcome,
		yourAnswer: responseInWords(question, last.response),
		earned: progress.credit,
		tries: progress.tries.length,
		hintsUsed: progress.hintsUsed,
		rationales: last.grade.rationales,
		answer: last.grade.answer,
		explanation: last.grade.explanation,
		cites: last.grade.cites
	};
}

function rereadFor(question: PublicQuestion, cites: Cite[]): Reread {
	if (question.type === 'evidence') {
		return { kind: 'range', from: question.within[0], to: question.within[1] };
	}
	const seen = new Set<number>();
	const paragraphs: { paragraph: number; cite: number }[] = [];
	cites.forEach((c, cite) => {
		if (seen.has(c.paragraph)) return;
		seen.add(c.paragraph);
		paragraphs.push({ paragraph: c.paragraph, cite });
	});
	return { kind: 'paragraphs', paragraphs };
}

function summaryView(context: QuizContext, seq: number): QuizView {
	const questions: SummaryItem[] = context.questions.map((question, i) => {
		const progress = progressOf(context, question.id);
		const last = progress.tries.at(-1);
		return {
			id: question.id,
			number: i + 1,
			prompt: question.prompt,
			skill: question.skill,
			credit: progress.credit,
			points: question.points,
			missed: progress.credit < question.points,
			yourAnswer: last ? responseInWords(question, last.response) : [],
			answer: last?.grade.answer ?? [],
			explanation: last?.grade.explanation ?? '',
			cites: last?.grade.cites ?? [],
			hintsUsed: progress.hintsUsed,
			tries: progress.tries.length
		};
	});
	const skills = new Map<Skill, SkillScore>();
	for (const item of questions) {
		const s = skills.get(item.skill) ?? { skill: item.skill, earned: 0, max: 0, questions: 0 };
		s.earned = round(s.earned + item.credit);
		s.max = round(s.max + item.points);
		s.questions++;
		skills.set(item.skill, s);
	}
	return {
		status: 'summary',
		seq,
		score: totalScore(context),
		maxScore: maxScore(context),
		questions,
		skills: [...skills.values()]
	};
}

/** What the reveal rule allows now: the score (and each question's credit), the answers. */
export interface Reveal {
	score: boolean;
	answers: boolean;
}

export type AssessmentView =
	| { status: 'intro'; seq: number; total: number; maxScore: number }
	| {
			status: 'assessing';
			seq: number;
			/** 1-based. */
			number: number;
			total: number;
			question: PublicQuestion;
			/** The answer recorded for this question, if any. */
			response: Response | null;
			/** That answer in words; empty when there is none. */
			yourAnswer: string[];
			/** Questions with an answer recorded. */
			answered: number;
			/** Every question, for a navigator: which have an answer recorded. */
			questions: { number: number; id: string; answered: boolean }[];
			invalid: InvalidReason | null;
			gradingFailed: boolean;
	  }
	| {
			status: 'submitted';
			seq: number;
			total: number;
			answered: number;
			reason: SubmitReason;
			/** Only when the reveal rule allows the score. */
			score?: number;
			maxScore?: number;
			questions: AssessmentSummaryItem[];
	  };

export interface AssessmentSummaryItem {
	id: string;
	number: number;
	prompt: string;
	skill: Skill;
	/** The answer submitted, in words; empty when the question was left unanswered. */
	yourAnswer: string[];
	points: number;
	/** Only when the reveal rule allows the score. */
	credit?: number;
	correct?: boolean;
	/**
	 * Only when the reveal rule allows the answers, and only for an answered question: the key
	 * reaches the machine through a grade, and an unanswered question is never graded.
	 */
	answer?: string[];
	explanation?: string;
	cites?: Cite[];
	rationales?: string[];
	/** Only when the reveal rule allows the answers: how much of a partly right answer is right. */
	parts?: FeedbackParts;
}

/**
 * An assessment-mode snapshot as a page shows it. While the quiz is being taken (or submitted,
 * which the server never leaves a snapshot in) it carries the questions and the learner's own
 * answers, and nothing from the key or any grade.
 */
export function assessmentView(
	snapshot: SnapshotFrom<QuizMachine>,
	seq: number,
	reveal: Reveal
): AssessmentView {
	const context = snapshot.context;
	const total = context.questions.length;
	if (snapshot.matches('intro')) {
		return { status: 'intro', seq, total, maxScore: maxScore(context) };
	}
	if (snapshot.matches('summary')) return submittedView(context, seq, reveal);

	const question = current(context);
	const response = progressOf(context).response;
	const questions = context.questions.map((q, i) => ({
		number: i + 1,
		id: q.id,
		answered: progressOf(context, q.id).response !== null
	}));
	return {
		status: 'assessing',
		seq,
		number: context.index + 1,
		total,
		question,
		response,
		yourAnswer: response ? responseInWords(question, response) : [],
		answered: questions.filter((q) => q.answered).length,
		questions,
		invalid: snapshot.hasTag('invalid') ? context.invalidReason : null,
		gradingFailed: snapshot.hasTag('error')
	};
}

function submittedView(context: QuizContext, seq: number, reveal: Reveal): AssessmentView {
	const questions = context.questions.map((question, i): AssessmentSummaryItem => {
		const progress = progressOf(context, question.id);
		const graded = progress.tries.at(-1);
		const parts =
			reveal.answers && graded && graded.grade.outcome !== 'correct'
				? feedbackParts(question, graded.response, graded.grade.parts, true)
				: undefined;
		return {
			id: question.id,
			number: i + 1,
			prompt: question.prompt,
			skill: question.skill,
			yourAnswer: graded ? responseInWords(question, graded.response) : [],
			points: question.points,
			...(reveal.score
				? { credit: progress.credit, correct: graded?.grade.outcome === 'correct' }
				: {}),
			...(reveal.answers && graded
				? {
						answer: graded.grade.answer,
						explanation: graded.grade.explanation,
						cites: graded.grade.cites,
						rationales: graded.grade.rationales,
						...(parts ? { parts } : {})
					}
				: {})
		};
	});
	return {
		status: 'submitted',
		seq,
		total: context.questions.length,
		answered: answeredCount(context),
		reason: context.submittedReason ?? 'student',
		...(reveal.score ? { score: totalScore(context), maxScore: maxScore(context) } : {}),
		questions
	};
}

/** For a teacher's roster: progress of an attempt in either mode. */
export function attemptProgress(snapshot: SnapshotFrom<QuizMachine>): {
	started: boolean;
	answered: number;
	total: number;
	finished: boolean;
	score: number;
	maxScore: number;
} {
	const context = snapshot.context;
	return {
		started: !snapshot.matches('intro'),
		answered: answeredCount(context),
		total: context.questions.length,
		finished: snapshot.matches('summary'),
		score: totalScore(context),
		maxScore: maxScore(context)
	};
}

/**
 * Questions answered: in practice mode the resolved ones; in assessment mode the ones with an
 * answer recorded (which, once submitted, are the ones graded).
 */
function answeredCount(context: QuizContext): number {
	return context.questions.filter((q) => {
		const progress = progressOf(context, q.id);
		return context.settings.mode === 'assessment' ? progress.response !== null : progress.resolved;
	}).length;
}
