/**
 * A recorded response as the form fields that would send it: how a saved assessment answer is
 * shown again in its question's form (the inverse of `checkInput`). Each type says how.
 */
import type { PublicQuestion, RawInput, Response } from './questions.ts';
import { moduleFor } from './types/index.ts';

export function rawInputOf(question: PublicQuestion, response: Response | null): RawInput {
	if (!response || response.type !== question.type) return {};
	return moduleFor(response.type).toRawInput(response);
}
