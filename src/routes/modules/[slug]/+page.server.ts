import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import {
	checkInput,
	MAX_SHORT_ANSWER_LENGTH,
	rawInputFrom,
	type InvalidReason,
	type RawInput
} from '$lib/quiz/questions.ts';
import { current, type QuizEvent } from '$lib/quiz/quizMachine.ts';
import { appendEvent, latestAttempt, startAttempt, type Attempt } from '$lib/server/attempts.ts';
import { database } from '$lib/server/db.ts';
import { ensureLearnerId, learnerId } from '$lib/server/learner.ts';
import { findModule } from '$lib/server/modules.ts';
import {
	guidedThrough,
	introView,
	lessonProgress,
	replay,
	tryEvent,
	viewOf
} from '$lib/server/practice.ts';
import type { Actions, PageServerLoad } from './$types';

function moduleOr404(slug: string): Module {
	const module = findModule(slug);
	if (!module) error(404, `There is no module called “${slug}”.`);
	return module;
}

export const load: PageServerLoad = async ({ params, cookies }) => {
	const module = moduleOr404(params.slug);
	const learner = learnerId(cookies);
	const attempt = learner ? await latestAttempt(await database(), learner, module.slug) : undefined;
	const replayed = attempt ? await replay(module, attempt.seed, attempt.events) : null;
	const view = replayed ? viewOf(module, replayed) : await introView(module);
	const lessons = lessonProgress(module, replayed?.snapshot ?? null);
	const reading = readingMode(cookies);
	return {
		module: {
			slug: module.slug,
			title: module.title,
			summary: module.summary,
			readingMinutes: module.readingMinutes,
			objectives: module.objectives,
			article: module.article,
			glossary: module.glossary
		},
		lessons,
		lessonOf: Object.fromEntries(
			module.lessons.flatMap((l) => l.questions.map((q) => [q, l.title]))
		),
		reading,
		// In guided reading the article opens lesson by lesson; the summary opens all of it.
		visibleThrough:
			reading === 'guided' && view.status !== 'summary' ? guidedThrough(lessons) : null,
		view
	};
};

const READING_COOKIE = 'cw_reading';

/** Guided (lesson by lesson) unless the learner chose to see the whole article. */
function readingMode(cookies: Cookies): 'guided' | 'whole' {
	return cookies.get(READING_COOKIE) === 'whole' ? 'whole' : 'guided';
}

type Failure = { message: string; invalid?: InvalidReason; values?: RawInput };

/** A refused answer's own fields, bounded, so the page can show them again (nothing is lost). */
function keptValues(raw: RawInput): RawInput {
	const kept: RawInput = {};
	for (const [name, values] of Object.entries(raw).slice(0, 40)) {
		if (name === 'seq' || name === 'question' || name.length > 100) continue;
		kept[name] = values.slice(0, 20).map((v) => v.slice(0, MAX_SHORT_ANSWER_LENGTH));
	}
	return kept;
}

/** Every action: find the attempt, check the form is for the state on screen, record the event. */
async function record(
	request: Request,
	params: { slug: string },
	cookies: Cookies,
	toEvent: (
		form: FormData,
		attempt: Attempt,
		question: ReturnType<typeof current>
	) => QuizEvent | Failure
) {
	const module = moduleOr404(params.slug);
	const form = await formOf(request);
	if (!form)
		return fail(400, { message: 'That request was not a form submission.' } satisfies Failure);
	const learner = learnerId(cookies);
	const db = await database();
	const attempt = learner ? await latestAttempt(db, learner, module.slug) : undefined;
	if (!attempt) {
		return fail(409, {
			message: 'This practice session has not started yet. Press “Start practice”.'
		} satisfies Failure);
	}
	const seq = Number(form.get('seq'));
	if (!Number.isInteger(seq) || seq !== attempt.events.length) {
		return fail(409, {
			message:
				'This quiz moved on in another tab or window. Here is where it is now; nothing was lost.'
		} satisfies Failure);
	}
	const { snapshot } = await replay(module, attempt.seed, attempt.events);
	const event = toEvent(form, attempt, current(snapshot.context));
	if (!('type' in event)) return fail(400, event);
	const next = await tryEvent(module, attempt.seed, attempt.events, event);
	if (!next)
		return fail(409, {
			message: 'That can’t be done at this point in the quiz.'
		} satisfies Failure);
	if (!(await appendEvent(db, attempt.id, seq, event, new Date()))) {
		return fail(409, {
			message:
				'This quiz moved on in another tab or window. Here is where it is now; nothing was lost.'
		} satisfies Failure);
	}
	const anchor =
		event.type === 'hint.request'
			? 'hints'
			: next.matches('feedback')
				? 'feedback'
				: next.matches('summary')
					? 'summary'
					: 'question';
	redirect(303, `/modules/${module.slug}#${anchor}`);
}

async function formOf(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

function simple(type: 'hint.request' | 'answer.retry' | 'answer.reveal' | 'question.next') {
	return (async ({ request, params, cookies }) =>
		record(request, params, cookies, () => ({ type }))) satisfies Actions[string];
}

export const actions = {
	start: async ({ params, cookies, url }) => {
		const module = moduleOr404(params.slug);
		const learner = ensureLearnerId(cookies, url);
		const db = await database();
		// Pressing Start twice (or in two tabs) continues the attempt already under way.
		if (!(await latestAttempt(db, learner, module.slug))) {
			await startAttempt(db, {
				learnerId: learner,
				moduleSlug: module.slug,
				seed: randomSeed(),
				now: new Date()
			});
		}
		redirect(303, `/modules/${module.slug}#question`);
	},
	/** A fresh attempt with a new seed; earlier attempts stay in the log. */
	restart: async ({ params, cookies, url }) => {
		const module = moduleOr404(params.slug);
		const learner = ensureLearnerId(cookies, url);
		await startAttempt(await database(), {
			learnerId: learner,
			moduleSlug: module.slug,
			seed: randomSeed(),
			now: new Date()
		});
		redirect(303, `/modules/${module.slug}#question`);
	},
	answer: async ({ request, params, cookies }) =>
		record(request, params, cookies, (form, _attempt, question) => {
			if (form.get('question') !== question.id) {
				return {
					message:
						'That answer was for a different question. Here is the current one; nothing was lost.'
				};
			}
			const raw = rawInputFrom(form);
			const check = checkInput(question, raw);
			if (check.kind === 'invalid') {
				return { message: INVALID[check.reason], invalid: check.reason, values: keptValues(raw) };
			}
			return { type: 'answer.submit', response: check.response };
		}),
	/** Guided reading or the whole article: a preference, kept in a cookie, not part of the quiz. */
	reading: async ({ request, params, cookies, url }) => {
		const module = moduleOr404(params.slug);
		const form = await formOf(request);
		const mode = form?.get('mode');
		if (mode !== 'whole' && mode !== 'guided') {
			return fail(400, { message: 'Choose “whole” or “guided” reading.' } satisfies Failure);
		}
		cookies.set(READING_COOKIE, mode, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
		redirect(303, `/modules/${module.slug}${mode === 'whole' ? '#article-title' : '#practice'}`);
	},
	hint: simple('hint.request'),
	retry: simple('answer.retry'),
	reveal: simple('answer.reveal'),
	next: simple('question.next')
} satisfies Actions;

const INVALID: Record<InvalidReason, string> = {
	unanswered: 'Choose or type an answer first. Nothing was counted.',
	incomplete: 'Answer every part of the question first. Nothing was counted.',
	'duplicate-position': 'Give each item a different place in the order. Nothing was counted.',
	'unknown-choice': 'That choice is not one of this question’s options. Nothing was counted.',
	'too-long': 'That answer is too long: a few words are enough. Nothing was counted.',
	'wrong-type': 'That answer does not fit this question. Nothing was counted.'
};

function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
