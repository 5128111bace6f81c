/**
 * How long the questions take, for the module page's intro beside the reading time. One figure
 * per question, stated on the page with the estimate so a learner can judge it: reading the
 * question, answering, and reading the feedback with its citation take about 45 seconds for the
 * short items; the evidence and two-part items take longer and the true/false ones less, which
 * evens out over a module.
 */
export const SECONDS_PER_QUESTION = 45;

/** About how many minutes `questions` questions take, rounded to whole minutes (at least 1). */
export function practiceMinutes(questions: number): number {
	return Math.max(1, Math.round((questions * SECONDS_PER_QUESTION) / 60));
}
