import { stepEndpoint } from '$lib/server/stepEndpoint.ts';

/**
 * The learner's latest review session at the module: its log with the questions it asks (GET),
 * and a step taken in the browser (POST), checked and recorded exactly as practice's are.
 */
export const { GET, POST } = stepEndpoint('review');
