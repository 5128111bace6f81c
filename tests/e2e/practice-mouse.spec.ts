import { expect, test, type Page } from '@playwright/test';
import { SKILL_LABELS } from '../../src/lib/content/terms.ts';
import {
	MODULE_URL,
	answerForm,
	answerWithMouse,
	currentQuestion,
	expectLessons,
	expectNoAxeViolations,
	expectYourAnswer,
	fastForwardTo,
	feedbackHeading,
	firstOfType,
	goOnWithMouse,
	lessons,
	maxScore,
	normalize,
	numberOf,
	openPage,
	plannedAnswer,
	plannedCredit,
	practicePanel,
	questionById,
	questionHeading,
	questions,
	scoreLine,
	sum,
	type Plan,
	type PlannedAnswer,
	formatPoints,
	formatScore
} from './helpers.ts';

test('the home page lists the module and opens its introduction', async ({ page }) => {
	await openPage(page, '/');
	await expect(page.getByRole('heading', { level: 1, name: 'Reading modules' })).toBeVisible();
	await expect(page.getByText(`${questions.length} questions`)).toBeVisible();
	await expectNoAxeViolations(page, 'home');

	await page.getByRole('link', { name: 'Fleeing Kazakhs and Puff Pieces' }).click();
	await expect(page).toHaveURL(MODULE_URL);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Fleeing Kazakhs and Puff Pieces' })
	).toBeVisible();
	const panel = practicePanel(page);
	await expect(
		panel.getByText(`${questions.length} questions, worth ${formatPoints(maxScore)} points`)
	).toBeVisible();
	await expect(panel.getByText('2 tries per question')).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Start practice' })).toBeVisible();
	// A new learner's page: guided reading, the lesson navigation, the start button.
	await expectNoAxeViolations(page, 'module introduction, in guided reading');
});

/**
 * What this file does at the questions it treats specially, in the browser (lessons 1 and 2, and
 * the partly right answer) and when posting its way to the results.
 */
const partlyRightQuestion = questionById('december-diplomats-tour');
/** Ticks one of its two right boxes. */
const partlyRight: PlannedAnswer = (() => {
	const right = plannedAnswer(partlyRightQuestion, true);
	if (right.kind !== 'checkbox') throw new Error(`${partlyRightQuestion.id} has check boxes`);
	return { ...right, labels: right.labels.slice(0, 1), words: right.words.slice(0, 1) };
})();
const plan: Plan = {
	'ethnic-kazakhs-in-china-2016': ['hint', true],
	'two-sides-of-the-announcement': [false, 'retry', true],
	'what-kazinform-wrote': [false, 'retry', false, 'reveal'],
	[partlyRightQuestion.id]: [partlyRight, 'retry', true]
};

/**
 * axe scans each kind of state once: every type of question at its first in the quiz, every type
 * of feedback at the first plain right answer of that type, and the hint, retry, exhausted and
 * revealed feedback where the plan has them. All of these are in the first two lessons.
 */
const types = [...new Set(questions.map((q) => q.type))];
const scanQuestion = new Set(types.map((t) => firstOfType(t).id));
const scanFeedback = new Set(
	types.map((t) => questions.find((q) => q.type === t && plan[q.id] === undefined)!.id)
);
const walked = lessons.slice(0, 2).flatMap((l) => l.questions);

async function expectFeedbackAnnounced(page: Page, words: string | RegExp) {
	const feedback = feedbackHeading(page);
	await expect(feedback, 'focus moves to the feedback').toBeFocused();
	await expect(page.getByRole('status'), 'the polite live region says the outcome').toHaveText(
		words
	);
}

async function expectNextQuestionFocused(page: Page, number: number) {
	await expect(questionHeading(page, number), 'focus moves to the next question').toBeFocused();
}

/** Answers question `n` (on screen) with the mouse as `plan` says, checking what each step shows. */
async function answerAsPlanned(page: Page, n: number) {
	const panel = practicePanel(page);
	const { question } = await currentQuestion(page);
	expect(question).toBe(questions[n - 1]);
	await expect(panel.getByText('Try 1 of 2')).toBeVisible();
	if (scanQuestion.has(question.id)) {
		await expectNoAxeViolations(page, `question ${n} (${question.type})`);
	}

	if (question.id === 'ethnic-kazakhs-in-china-2016') {
		await test.step('a hint shows the hint text and costs a quarter', async () => {
			await answerForm(page)
				.getByRole('button', { name: /^Show a hint/ })
				.click();
			await expect(panel.getByRole('heading', { name: 'Hint', exact: true })).toBeVisible();
			// Focus moves to the hint just given, so it is read out.
			const hints = panel.locator('#hints');
			await expect(hints).toBeFocused();
			await expect(hints.getByText(question.hints[0]!, { exact: true })).toBeVisible();
			await expectNoAxeViolations(page, 'a hint');
			await answerWithMouse(page, true);
			await expectFeedbackAnnounced(page, `Correct. ${formatScore(0.75, 1)} points.`);
			await expect(panel.getByText(`Points: ${formatScore(0.75, 1)}`)).toBeVisible();
		});
	} else if (question.id === 'two-sides-of-the-announcement') {
		await test.step('a wrong answer shows why, then a second try succeeds', async () => {
			const wrong = await answerWithMouse(page, false);
			await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
			await expectFeedbackAnnounced(page, /^Not quite\. 1 try left\.$/);
			await expect(panel.getByRole('list', { name: 'Why that choice is not right' })).toHaveText(
				wrong.answer.rationales[0]!
			);
			await expect(panel.getByText('You have 1 try left.')).toBeVisible();
			// Before the answer is earned, neither the explanation nor the answer shows.
			await expect(panel.getByText(question.explanation)).toHaveCount(0);
			await expectNoAxeViolations(page, 'feedback: retry');

			await panel.getByRole('button', { name: 'Try again' }).click();
			await expect(questionHeading(page, n)).toBeFocused();
			await expect(panel.getByText('Try 2 of 2')).toBeVisible();
			await expect(
				answerForm(page).getByRole('radio', { checked: true }),
				'a fresh form for the new try'
			).toHaveCount(0);
			await answerWithMouse(page, true);
			await expectFeedbackAnnounced(page, `Correct. ${formatScore(0.75, 1)} points.`);
		});
	} else if (question.id === 'what-kazinform-wrote') {
		await test.step('two wrong tries use up the question; "Show answer" gives the answer and why', async () => {
			const first = await answerWithMouse(page, false);
			await expect(feedbackHeading(page, 'Not quite')).toBeVisible();
			// Multiple choice: rationales wait until the question is done, so they cannot mark the key.
			await expect(panel.getByText(first.answer.rationales[0]!)).toHaveCount(0);
			await expect(panel.getByText(/once you have finished this question/)).toBeVisible();
			await panel.getByRole('button', { name: 'Try again' }).click();
			await expect(panel.getByText('Try 2 of 2')).toBeVisible();
			await answerWithMouse(page, false);
			await expectFeedbackAnnounced(page, /^Not quite\. 0 of 1 points\.$/);
			await expect(panel.getByText(first.answer.rationales[0]!)).toBeVisible();
			await expect(panel.getByText('That was your last try.')).toBeVisible();
			await expect(panel.getByRole('button', { name: 'Try again' })).toHaveCount(0);
			await expect(panel.getByText('The answer:')).toHaveCount(0);
			await expectNoAxeViolations(page, 'feedback: exhausted');

			await panel.getByRole('button', { name: 'Show answer' }).click();
			await expect(feedbackHeading(page, 'Not quite')).toBeFocused();
			const answerLine = panel.getByText('The answer:');
			await expect(answerLine).toBeVisible();
			const right = plannedAnswer(question, true) as { labels: string[] };
			await expect(answerLine).toHaveText(`The answer: ${right.labels.join('; ')}`);
			await expect(panel.getByText(normalize(question.explanation))).toBeVisible();
			await expect(panel.getByRole('button', { name: 'Show answer' })).toHaveCount(0);
			await expectNoAxeViolations(page, 'feedback: revealed');
		});
	} else {
		expect(plan[question.id], `${question.id} is walked as planned`).toBeUndefined();
		const { answer } = await answerWithMouse(page, true);
		await expectFeedbackAnnounced(page, /^Correct\. 1 of 1 points\.$/);
		await expectYourAnswer(page, answer);
		await expect(panel.getByText(normalize(question.explanation))).toBeVisible();
		await expect(panel.getByRole('heading', { name: 'Evidence in the article' })).toBeVisible();
		if (scanFeedback.has(question.id)) {
			await expectNoAxeViolations(page, `feedback ${n} (${question.type})`);
		}
	}
}

// Lessons 1 and 2 hold every type of question, the hint, the retry and the used-up question: a
// mouse walk through them shows each kind of state once. The rest of the quiz is walked with the
// keyboard and with JavaScript off (practice-keyboard.spec.ts, practice-no-js.spec.ts).
for (const index of [0, 1]) {
	const lesson = lessons[index]!;
	test(`lesson ${index + 1} (${lesson.title}) with the mouse: focus, announcements and axe at every kind of step`, async ({
		page
	}) => {
		// About 13 s on a quiet two-core machine (CI's two workers), a dozen axe scans included.
		test.setTimeout(90_000);
		expect(
			[...scanQuestion, ...scanFeedback].filter((id) => !walked.includes(id)),
			'every kind of question and feedback is in the lessons walked here'
		).toEqual([]);
		if (index === 0) {
			await openPage(page);
			await practicePanel(page).getByRole('button', { name: 'Start practice' }).click();
			await expectNextQuestionFocused(page, 1);
			// Present (and empty) before any feedback, so screen readers announce the feedback when it arrives.
			await expect(
				page.getByRole('status'),
				'the live region is in place before feedback'
			).toBeAttached();
		} else {
			await fastForwardTo(page, lesson.questions[0]!, { plan });
		}

		for (const id of lesson.questions) {
			const n = numberOf(questionById(id));
			await answerAsPlanned(page, n);
			await goOnWithMouse(page, n);
			await expectNextQuestionFocused(page, n + 1);
		}
		if (index === 0) {
			await test.step('the lesson navigation after the first lesson', async () => {
				await expectLessons(page, 1);
				await expectNoAxeViolations(page, 'lesson navigation: 1 lesson done');
			});
		}
	});
}

test('one of two right choices is partly right; the second try earns three quarters', async ({
	page
}) => {
	await fastForwardTo(page, partlyRightQuestion.id, { plan });
	await answerWithMouse(page, partlyRight);
	await expect(feedbackHeading(page, 'Partly right')).toBeFocused();
	await expect(page.getByRole('status')).toHaveText(/^Partly right\. 1 try left\.$/);
	await practicePanel(page).getByRole('button', { name: 'Try again' }).click();
	await answerWithMouse(page, true);
	await expect(feedbackHeading(page, 'Correct')).toBeFocused();
	await expect(practicePanel(page).getByText(`Points: ${formatScore(0.75, 1)}`)).toBeVisible();
	expect(plannedCredit(partlyRightQuestion, plan)).toBe(0.75);
});

test('the results add up to what was done', async ({ page }) => {
	// Every step of `plan` was shown in the browser above; here they are posted, up to the last
	// question, which is answered with the mouse so the results arrive as a learner sees them.
	const lastQuestion = questions.at(-1)!;
	await fastForwardTo(page, lastQuestion.id, { plan });
	await answerWithMouse(page, true);
	await goOnWithMouse(page, questions.length);

	const panel = practicePanel(page);
	const credits = questions.map((q) => plannedCredit(q, plan));
	const results = page.getByRole('heading', { name: 'Your results' });
	await expect(results).toBeFocused();
	const score = sum(credits);
	expect(score).toBeLessThan(maxScore);
	await expect(panel.getByText(/points \(\d+%\)$/)).toHaveText(scoreLine(score));
	await expect(page.getByRole('status')).toHaveText(
		`Practice finished: ${formatScore(score, maxScore)} points.`
	);
	await expectLessons(page, lessons.length);

	const skills = page.getByRole('table', { name: 'By reading skill' });
	for (const skill of new Set(questions.map((q) => q.skill))) {
		const mine = questions.flatMap((q, i) => (q.skill === skill ? [i] : []));
		const earned = sum(mine.map((i) => credits[i]!));
		const worth = sum(mine.map((i) => questions[i]!.points));
		const row = skills.getByRole('row').filter({
			has: page.getByRole('rowheader', {
				name: SKILL_LABELS[skill as keyof typeof SKILL_LABELS],
				exact: true
			})
		});
		await expect(row.getByRole('cell'), `skill row for ${skill}`).toHaveText([
			String(mine.length),
			formatScore(earned, worth)
		]);
	}

	const missed = questions.filter((q, i) => credits[i]! < q.points);
	await expect(panel.getByRole('heading', { name: `To review (${missed.length})` })).toBeVisible();
	const items = panel.locator('ol.missed > li');
	await expect(items).toHaveCount(missed.length);
	const exhausted = missed.find((q) => credits[questions.indexOf(q)] === 0)!;
	const item = items.filter({ hasText: normalize(exhausted.prompt) });
	const n = numberOf(exhausted);
	await expect(item.getByText(`Question ${n}:`)).toBeVisible();
	// Its first wrong try is what the summary says was answered (both tries were the same).
	await expect(item.getByText('Your answer:')).toHaveText(
		`Your answer: ${plannedAnswer(exhausted, false).words.join('; ')} · 0 of 1 points`
	);
	await expect(item.getByText(normalize(exhausted.explanation))).toBeVisible();
	await expect(
		item.getByRole('list', { name: `Evidence for question ${n}` }).getByRole('link')
	).toHaveCount(exhausted.cites.length);
	// A question answered in full is not under "To review".
	await expect(items.filter({ hasText: normalize(questions[0]!.prompt) })).toHaveCount(0);
	await expect(panel.getByRole('button', { name: 'Practise again' })).toBeVisible();
	await expectNoAxeViolations(page, 'summary');
});

test('checking with nothing chosen is refused, focuses the error, and counts nothing', async ({
	page
}) => {
	const panel = practicePanel(page);
	await openPage(page);
	await panel.getByRole('button', { name: 'Start practice' }).click();
	await answerForm(page).getByRole('button', { name: 'Check answer' }).click();
	const error = panel.getByRole('alert');
	await expect(error).toContainText('Choose or type an answer first');
	await expect(error).toBeFocused();
	await expect(answerForm(page).getByRole('group')).toHaveAccessibleDescription(
		/Choose or type an answer first/
	);
	await expect(panel.getByText('Try 1 of 2')).toBeVisible();
	await expect(feedbackHeading(page)).toHaveCount(0);
	await expectNoAxeViolations(page, 'refused answer');

	// The refusal did not use up a try: a right answer now earns full points.
	await answerWithMouse(page, true);
	await expect(panel.getByText('Points: 1 of 1')).toBeVisible();
});
