import { redirect, type RequestEvent } from '@sveltejs/kit';
import { showResumeCode } from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { setFlash, takeFlash } from '$lib/server/flash.ts';
import { formOf, refuse } from '$lib/server/forms.ts';
import { ensureLearnerId, learnerId } from '$lib/server/learner.ts';
import { learnerCodeMadeAt, newLearnerCode } from '$lib/server/learnerCodes.ts';
import { findModule } from '$lib/server/modules.ts';
import { setPreferences } from '$lib/server/preferences.ts';
import { learnerProgress, type Progress } from '$lib/server/progress.ts';
import {
	importProgress,
	importSummary,
	MAX_IMPORT_BYTES,
	readProgressFile,
	type ImportMode
} from '$lib/server/progressFile.ts';
import { takeToken } from '$lib/server/rateLimit.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, setHeaders }) => {
	// A learner's own page: a shared school proxy must never keep or hand it to someone else.
	setHeaders({ 'cache-control': 'private, no-store' });
	const learner = learnerId(cookies);
	const db = await database();
	const progress: Progress = learner
		? await learnerProgress(db, learner, findModule)
		: { sessions: [], missed: [] };
	const flash = takeFlash(cookies, '/progress');
	const madeAt = learner ? await learnerCodeMadeAt(db, learner) : undefined;
	return {
		progress,
		status: flash.status ?? null,
		resume: {
			/** The code just made, shown this once. */
			code: flash.code ? showResumeCode(flash.code) : null,
			madeAt: madeAt?.toISOString() ?? null
		}
	};
};

type ProgressEvent = RequestEvent<Record<string, never>, '/progress'>;

/** The limit a request body is held to, as the server was told (see README). */
function bodyLimit(): string {
	return process.env.BODY_SIZE_LIMIT ?? '64K';
}

export const actions = {
	/**
	 * "Continue on another device": a resume code for this learner, made on first asking and shown
	 * once. `new` makes another, and the old one stops working.
	 */
	code: async (event: ProgressEvent) => {
		const { request, cookies, url, getClientAddress } = event;
		const form = await formOf(request);
		const learner = learnerId(cookies);
		if (!learner) {
			return refuse(event, 409, 'code without practice', {
				codeProblem:
					'There is no practice in this browser to continue elsewhere yet. Practise a module first.'
			});
		}
		const db = await database();
		const now = new Date();
		const wantsNew = form instanceof FormData && form.get('new') === 'yes';
		if ((await learnerCodeMadeAt(db, learner)) && !wantsNew) redirect(303, '/progress#continue');
		const limited = await takeToken(db, 'address', getClientAddress(), now);
		if (limited) {
			return refuse(event, 429, 'rate limited: learner code', {
				codeProblem: `Too many codes were made from this network just now. Wait ${limited.retryAfter} seconds and try again.`
			});
		}
		const code = await newLearnerCode(db, learner, now);
		setFlash(cookies, url, '/progress', { code });
		redirect(303, '/progress#continue');
	},

	/** A progress file from another device: merged with this browser's, or in place of it. */
	import: async (event: ProgressEvent) => {
		const { request, cookies, url, getClientAddress } = event;
		const form = await formOf(request);
		if (form === 'too-large') {
			return refuse(event, 413, 'import too large', {
				importProblem: `That file is larger than this server accepts (${bodyLimit()}B). Nothing was imported, and nothing here was changed.`
			});
		}
		if (!form) {
			return refuse(event, 400, 'import not a form', {
				importProblem: 'That was not the import form. Nothing was imported.'
			});
		}
		const modeField = form.get('mode');
		const mode: ImportMode = modeField === 'replace' ? 'replace' : 'merge';
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return refuse(event, 400, 'import without file', {
				mode,
				importProblem: 'Choose the progress file to import. Nothing was imported.'
			});
		}
		if (mode === 'replace' && form.get('confirm') !== 'yes') {
			return refuse(event, 400, 'replace not confirmed', {
				mode,
				importProblem:
					'To replace the progress here, tick the box that says so. Nothing was imported, and nothing here was changed.'
			});
		}
		if (file.size > MAX_IMPORT_BYTES) {
			return refuse(event, 413, 'import too large', {
				mode,
				importProblem: `That file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, more than a Citewise progress file can be. Nothing was imported.`
			});
		}
		const parsed = await readProgressFile(await file.text(), findModule);
		if (!parsed.ok) {
			return refuse(event, 400, `import ${parsed.problem}`, {
				mode,
				importProblem: parsed.message
			});
		}
		const db = await database();
		// An import stores sessions, as starting practice does: it shares that per-address bucket.
		const limited = await takeToken(db, 'address', getClientAddress(), new Date());
		if (limited) {
			return refuse(event, 429, 'rate limited: import', {
				mode,
				importProblem: `Too many requests from this network just now. Wait ${limited.retryAfter} seconds and import again. Nothing was imported.`
			});
		}
		const learner = ensureLearnerId(cookies, url);
		const result = await importProgress(db, learner, parsed.file, mode);
		if (mode === 'replace') setPreferences(cookies, url, parsed.file.preferences);
		setFlash(cookies, url, '/progress', { status: importSummary(result, mode) });
		redirect(303, '/progress');
	}
} satisfies Actions;
