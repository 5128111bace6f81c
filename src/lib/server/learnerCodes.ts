/**
 * Resume codes for self-study: a learner with no account continues their practice on another
 * browser or device by typing a code there. The same codes students get for assignments (the
 * alphabet without look-alikes, ten characters shown as ABCDE-23456, typed in any case with any
 * spaces or dashes), stored the same way: only the code's SHA-256, so the database alone cannot
 * give one away. One code per learner; making a new one replaces the old, which stops working.
 */
import { sha256 } from './accounts.ts';
import { normalCode, randomCode, RESUME_CODE_LENGTH } from './assignments.ts';
import type { Db } from './db.ts';

/**
 * A new resume code for the learner, replacing any they had. Returned once, to be shown once:
 * only its hash is kept.
 */
export async function newLearnerCode(db: Db, learnerId: string, now: Date): Promise<string> {
	for (let i = 0; ; i++) {
		const code = randomCode(RESUME_CODE_LENGTH);
		const hash = sha256(code);
		// A clash with another learner's code is unlikely (31^10 codes) but possible: draw again.
		const taken = await db
			.selectFrom('learner_codes')
			.select('learner_id')
			.where('code_hash', '=', hash)
			.executeTakeFirst();
		if (!taken) {
			await db
				.insertInto('learner_codes')
				.values({ learner_id: learnerId, code_hash: hash, created_at: now.toISOString() })
				.onConflict((oc) =>
					oc.column('learner_id').doUpdateSet({ code_hash: hash, created_at: now.toISOString() })
				)
				.execute();
			return code;
		}
		if (i > 10) throw new Error('could not find a free resume code');
	}
}

/** When the learner's current code was made, or undefined if they have none. */
export async function learnerCodeMadeAt(db: Db, learnerId: string): Promise<Date | undefined> {
	const row = await db
		.selectFrom('learner_codes')
		.select('created_at')
		.where('learner_id', '=', learnerId)
		.executeTakeFirst();
	return row && new Date(row.created_at);
}

/** The learner a typed code belongs to; undefined for a code that is no one's (or not a code). */
export async function learnerByCode(db: Db, typed: string): Promise<string | undefined> {
	const code = normalCode(typed, RESUME_CODE_LENGTH);
	if (!code) return undefined;
	const row = await db
		.selectFrom('learner_codes')
		.select('learner_id')
		.where('code_hash', '=', sha256(code))
		.executeTakeFirst();
	return row?.learner_id;
}
