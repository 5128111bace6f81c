import { error, fail, redirect } from '@sveltejs/kit';
import type { Module } from '$lib/content/schema.ts';
import { checkInput, FIELD, rawInputFrom, type InvalidReason } from '$lib/quiz/questions.ts';
import { current, type QuizEvent } from '$lib/quiz/quizMachine.ts';
import { appendEvent, createAttempt, latestAttempt, type Attempt } from '$lib/server/attempts.ts';
import { database } from '$lib/server/db.ts';
import { ensureLearnerId, learnerId } from '$lib/server/learner.ts';
import { findModule } from '$lib/server/modules.ts';
import { introView, replay, tryEvent, viewOf } from '$lib/server/practice.ts';
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
	const view = attempt
		? viewOf(module, await replay(module, attempt.seed, attempt.events))
		: await introView(module);
	return {
		module: {
			slug: module.slug,
			title: module.title,
			summary: module.summary,
			readingMinutes: module.readingMinutes,
			objectives: module.objectives,
			article: module.article,
			lessons: module.lessons.map(({ id, title, paragraphs }) => ({ id, title, paragraphs }))
		},
		lessonOf: Object.fromEntries(
			module.lessons.flatMap((l) => l.questions.map((q) => [q, l.title]))
		),
		view
	};
};

type Failure = { message: string; invalid?: InvalidReason };

/** Every action: find the attempt, check the form is for the state on screen, record the event. */
async function record(
	request: Request,
	params: { slug: string },
	cookies: import('@sveltejs/kit').Cookies,
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
	const anchor = next.matches('feedback')
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
		const existing = await latestAttempt(db, learner, module.slug);
		// Pressing Start twice (or in two tabs) continues the attempt already under way.
		if (!existing || existing.events.length === 0 || existing.events[0]?.type !== 'quiz.start') {
			const id = existing?.id ?? crypto.randomUUID();
			if (!existing) {
				await createAttempt(db, {
					id,
					learnerId: learner,
					moduleSlug: module.slug,
					seed: randomSeed(),
					now: new Date()
				});
			}
			await appendEvent(db, id, 0, { type: 'quiz.start' }, new Date());
		}
		redirect(303, `/modules/${module.slug}#question`);
	},
	restart: async ({ params, cookies, url }) => {
		const module = moduleOr404(params.slug);
		const learner = ensureLearnerId(cookies, url);
		const db = await database();
		const id = crypto.randomUUID();
		// A new attempt; the old one stays in the log.
		await createAttempt(db, {
			id,
			learnerId: learner,
			moduleSlug: module.slug,
			seed: randomSeed(),
			now: new Date()
		});
		await appendEvent(db, id, 0, { type: 'quiz.start' }, new Date());
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
			const check = checkInput(question, rawInputFrom(form, [FIELD.choice, FIELD.text]));
			if (check.kind === 'invalid')
				return { message: INVALID[check.reason], invalid: check.reason };
			return { type: 'answer.submit', response: check.response };
		}),
	hint: simple('hint.request'),
	retry: simple('answer.retry'),
	reveal: simple('answer.reveal'),
	next: simple('question.next')
} satisfies Actions;

const INVALID: Record<InvalidReason, string> = {
	unanswered: 'Choose or type an answer first. Nothing was counted.',
	'unknown-choice': 'That choice is not one of this question’s options. Nothing was counted.',
	'too-long': 'That answer is too long: a few words are enough. Nothing was counted.',
	'wrong-type': 'That answer does not fit this question. Nothing was counted.'
};

function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
