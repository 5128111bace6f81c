/**
 * "Your progress": a self-study learner's practice sessions and reviews (attempts), each replayed
 * from its log, with how each reading skill went session by session and the questions most often missed.
 *
 * Only what a summary or the question list already shows leaves here: prompts, scores, and a
 * link to a missed question's paragraph, quoted only when the highlight rules of the learner's
 * latest attempt at that module allow it (see highlight.ts). No answer, no key.
 */
import type { SnapshotFrom } from 'xstate';
import type { Module } from '$lib/content/schema.ts';
import { SKILLS, type Skill } from '$lib/content/terms.ts';
import { round } from '$lib/quiz/questions.ts';
import { maxScore, totalScore, type QuizMachine } from '$lib/quiz/quizMachine.ts';
import type { Db } from './db.ts';
import { highlightFor } from './highlight.ts';
import { liveAttemptOf } from './liveAttempts.ts';
import { reviewConfig } from './review.ts';

/** The newest sessions shown: a page load replays at most this many logs (most are warm). */
export const MAX_SESSIONS = 40;
/** The most-missed list is this long at most. */
export const MAX_MISSED = 10;

export interface LessonScore {
	title: string;
	answered: number;
	total: number;
	earned: number;
	points: number;
}

export interface SkillShare {
	skill: Skill;
	/** Credit earned on the skill's answered questions. */
	earned: number;
	/** Points of the skill's answered questions. */
	possible: number;
	/** earned ÷ possible, or null when none of the skill's questions is answered yet. */
	share: number | null;
}

export interface Session {
	moduleSlug: string;
	moduleTitle: string;
	/** A practice session, or a review of the questions due (issue 9). */
	kind: 'practice' | 'review';
	/** 1 for the learner's first session (or review) at the module, and so on. */
	number: number;
	startedAt: string;
	lastActivityAt: string;
	finished: boolean;
	score: number;
	maxScore: number;
	answered: number;
	total: number;
	lessons: LessonScore[];
	skills: SkillShare[];
}

export interface MissedQuestion {
	moduleSlug: string;
	moduleTitle: string;
	prompt: string;
	/** Sessions in which it was answered wrong (any try short of full marks) or its answer shown. */
	sessions: number;
	paragraph: number | null;
	/** The module page at the question's cited paragraph (quoted when earned); null when not allowed. */
	href: string | null;
}

export interface Progress {
	/** Oldest first. */
	sessions: Session[];
	missed: MissedQuestion[];
}

type Snapshot = SnapshotFrom<QuizMachine>;

/** One session's scores from its replayed state. */
export function sessionScores(
	module: Module,
	snapshot: Snapshot
): Pick<Session, 'finished' | 'score' | 'maxScore' | 'answered' | 'total' | 'lessons' | 'skills'> {
	const context = snapshot.context;
	const progress = context.progress;
	const asked = new Map(context.questions.map((q) => [q.id, q]));
	const lessons = module.lessons.map((lesson) => {
		const ids = lesson.questions.filter((id) => asked.has(id));
		const resolved = ids.filter((id) => progress[id]?.resolved);
		return {
			title: lesson.title,
			answered: resolved.length,
			total: ids.length,
			earned: round(resolved.reduce((s, id) => s + progress[id]!.credit, 0)),
			points: round(ids.reduce((s, id) => s + asked.get(id)!.points, 0))
		};
	});
	const skills = new Map<Skill, SkillShare>();
	for (const q of context.questions) {
		const s = skills.get(q.skill) ?? { skill: q.skill, earned: 0, possible: 0, share: null };
		const p = progress[q.id];
		if (p?.resolved) {
			s.earned = round(s.earned + p.credit);
			s.possible = round(s.possible + q.points);
		}
		skills.set(q.skill, s);
	}
	for (const s of skills.values()) s.share = s.possible ? s.earned / s.possible : null;
	return {
		finished: snapshot.matches('summary'),
		score: totalScore(context),
		maxScore: maxScore(context),
		answered: context.questions.filter((q) => progress[q.id]?.resolved).length,
		total: context.questions.length,
		lessons,
		skills: SKILLS.flatMap((skill) => skills.get(skill) ?? [])
	};
}

/** The questions of a session answered wrong (any try short of correct) or with the answer shown. */
export function missedIn(snapshot: Snapshot): string[] {
	const progress = snapshot.context.progress;
	return snapshot.context.questions
		.filter((q) => {
			const p = progress[q.id];
			return !!p && (p.revealed || p.tries.some((t) => t.grade.outcome !== 'correct'));
		})
		.map((q) => q.id);
}

/**
 * Where "see the paragraph" may lead for a question, by the rules of the learner's latest attempt
 * at its module: the quoted citation once earned, else the paragraph marked ("re-read") after a
 * try, else the bare paragraph; an evidence question's paragraph is its answer, so it gets no
 * link until earned again.
 */
export function paragraphLink(
	module: Module,
	questionId: string,
	latest: Snapshot | null
): { paragraph: number; href: string } | null {
	const question = module.questions.find((q) => q.id === questionId);
	const cite = question?.cites[0];
	if (!question || !cite) return null;
	const base = `/modules/${module.slug}`;
	for (const kind of ['cite', 'reread'] as const) {
		const query = `?${new URLSearchParams({ q: question.id, [kind]: '0' })}`;
		const shown = highlightFor(module, new URL(base + query, 'http://local'), latest);
		if (shown.kind === 'shown')
			return { paragraph: cite.paragraph, href: `${base}${query}#p-${cite.paragraph}` };
	}
	if (question.type === 'evidence') return null;
	return { paragraph: cite.paragraph, href: `${base}#p-${cite.paragraph}` };
}

/** A learner's progress: their own sessions only (the newest MAX_SESSIONS), oldest first. */
export async function learnerProgress(
	db: Db,
	learnerId: string,
	findModule: (slug: string) => Module | undefined
): Promise<Progress> {
	const rows = await db
		.selectFrom('practice_attempts as a')
		.leftJoin('attempt_events as e', 'e.attempt_id', 'a.id')
		.leftJoin('review_sessions as r', 'r.attempt_id', 'a.id')
		.select((eb) => [
			'a.id',
			'a.module_slug',
			'a.seed',
			'r.question_ids',
			'a.created_at',
			'a.attempt_number',
			eb.fn.max('e.created_at').as('last_at')
		])
		.where('a.learner_id', '=', learnerId)
		.groupBy('a.id')
		.orderBy('a.created_at', 'desc')
		.orderBy('a.attempt_number', 'desc')
		.limit(MAX_SESSIONS)
		.execute();
	rows.reverse();
	const numbers = await sessionNumbers(db, learnerId);

	const sessions: Session[] = [];
	const snapshots: { module: Module; snapshot: Snapshot }[] = [];
	const latest = new Map<string, Snapshot>();
	for (const row of rows) {
		const module = findModule(row.module_slug);
		if (!module) continue;
		const questionIds = row.question_ids ? (JSON.parse(row.question_ids) as string[]) : null;
		const live = await liveAttemptOf(db, module, {
			id: row.id,
			moduleSlug: row.module_slug,
			seed: row.seed,
			...(questionIds ? { config: reviewConfig(questionIds) } : {})
		});
		const snapshot = live.state.snapshot;
		snapshots.push({ module, snapshot });
		// A review's highlights are its own; the module page's links follow its practice.
		if (!questionIds) latest.set(module.slug, snapshot);
		sessions.push({
			moduleSlug: module.slug,
			moduleTitle: module.title,
			kind: questionIds ? 'review' : 'practice',
			number: numbers.get(row.id) ?? row.attempt_number,
			startedAt: row.created_at,
			lastActivityAt: (row.last_at as string | null) ?? row.created_at,
			...sessionScores(module, snapshot)
		});
	}

	const counts = new Map<string, { module: Module; id: string; sessions: number }>();
	for (const { module, snapshot } of snapshots) {
		for (const id of missedIn(snapshot)) {
			const key = `${module.slug}\n${id}`;
			const c = counts.get(key) ?? { module, id, sessions: 0 };
			c.sessions++;
			counts.set(key, c);
		}
	}
	const order = (m: Module, id: string) => m.questions.findIndex((q) => q.id === id);
	const missed = [...counts.values()]
		.sort(
			(a, b) =>
				b.sessions - a.sessions ||
				a.module.slug.localeCompare(b.module.slug) ||
				order(a.module, a.id) - order(b.module, b.id)
		)
		.slice(0, MAX_MISSED)
		.map(({ module, id, sessions }) => {
			const link = paragraphLink(module, id, latest.get(module.slug) ?? null);
			return {
				moduleSlug: module.slug,
				moduleTitle: module.title,
				prompt: module.questions.find((q) => q.id === id)?.prompt ?? '',
				sessions,
				paragraph: link?.paragraph ?? null,
				href: link?.href ?? null
			};
		});
	return { sessions, missed };
}

/**
 * Each of the learner's attempts numbered 1, 2, 3… per module among its own kind (practice
 * sessions and reviews counted apart), oldest first, over all of them (not just the newest shown).
 */
async function sessionNumbers(db: Db, learnerId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('practice_attempts as a')
		.leftJoin('review_sessions as r', 'r.attempt_id', 'a.id')
		.select(['a.id', 'a.module_slug', 'r.attempt_id as review'])
		.where('a.learner_id', '=', learnerId)
		.orderBy('a.attempt_number')
		.orderBy('a.created_at')
		.execute();
	const counts = new Map<string, number>();
	const numbers = new Map<string, number>();
	for (const row of rows) {
		const key = `${row.module_slug}\n${row.review ? 'review' : 'practice'}`;
		const n = (counts.get(key) ?? 0) + 1;
		counts.set(key, n);
		numbers.set(row.id, n);
	}
	return numbers;
}

/** Whether the learner has any practice session (for the links to this page). */
export async function hasPractised(db: Db, learnerId: string): Promise<boolean> {
	const row = await db
		.selectFrom('practice_attempts')
		.select('id')
		.where('learner_id', '=', learnerId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}
