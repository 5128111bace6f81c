/**
 * A stand-in for the server the browser's quiz engine talks to: the practice key, and one
 * attempt's log (`GET`) that takes the steps sent to it (`POST`) in order, answering with its
 * digest as the real endpoints do. `online` false makes every request fail as a dropped network
 * does.
 */
import type { Module } from '../../src/lib/content/schema.ts';
import { digestOf, replayKey, type QuizKey } from '../../src/lib/quiz/engine.ts';
import type { QuizEvent } from '../../src/lib/quiz/quizMachine.ts';
import { reviewConfig } from '../../src/lib/review/session.ts';

export interface FakeEventsOptions {
	module: Module;
	/** The path of the attempt's log: `/modules/<slug>/events` or `…/review/events`. */
	events: string;
	attemptKey: string;
	seed: number;
	/** The questions the server grades with (the module's unless told). */
	grading?: Module['questions'];
	/** A review session's questions, named in its log and asked with the review settings. */
	review?: string[];
	/** Added to each answer to a step (a review's queue line, say). */
	extra?: () => Record<string, unknown>;
}

export function fakeEventsServer(options: FakeEventsOptions) {
	const { module, seed, review } = options;
	const config = review && reviewConfig(review);
	const key: QuizKey = {
		questions: options.grading ?? module.questions,
		lessons: module.lessons,
		paragraphs: module.article.paragraphs
	};
	const server = {
		online: true,
		events: [{ type: 'quiz.start' }] as QuizEvent[],
		urls: [] as string[],
		posts: 0,
		fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
			if (!server.online) throw new TypeError('Failed to fetch');
			const url = String(input);
			server.urls.push(url);
			if (url.endsWith('/practice-key')) {
				return Response.json({
					version: 'v1',
					questions: module.questions,
					lessons: module.lessons
				});
			}
			if (!url.endsWith(options.events)) return new Response('not here', { status: 404 });
			if (init?.method !== 'POST') {
				return Response.json({
					attemptKey: options.attemptKey,
					keyVersion: 'v1',
					seed,
					events: server.events,
					...(review ? { questionIds: review } : {})
				});
			}
			server.posts++;
			const sent = JSON.parse(String(init.body)) as { seq: number; event: QuizEvent };
			if (sent.seq !== server.events.length) {
				return Response.json(
					{ result: 'conflict', message: 'x', seq: server.events.length },
					{ status: 409 }
				);
			}
			server.events.push(sent.event);
			const replayed = await replayKey(key, seed, server.events, config);
			return Response.json({
				result: 'recorded',
				seq: server.events.length,
				head: server.events.length,
				digest: digestOf(replayed),
				keyVersion: 'v1',
				...options.extra?.()
			});
		}) as typeof fetch
	};
	return server;
}
