import { stepEndpoint } from '$lib/server/stepEndpoint.ts';

/** The learner's practice at the module: its log (GET), and a step taken in the browser (POST). */
export const { GET, POST } = stepEndpoint('practice');
