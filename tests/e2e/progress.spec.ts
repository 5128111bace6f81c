import { expect, test, type Page } from '@playwright/test';
import {
	MODULE_URL,
	expectNoAxeViolations,
	expectOnlyQuoteMarked,
	fastForwardTo,
	formatScore,
	maxScore,
	openPage,
	plannedCredit,
	questionHeading,
	questions,
	sum,
	type Plan
} from './helpers.ts';

// "Your progress": a learner practises (the first question wrong), finishes, practises again
// (the first question wrong, then right), and finds both sessions and the question they keep
// missing, linked to its paragraph.
const [first, second] = questions;
const firstSession: Plan = { [first!.id]: [false, 'retry', false] };
const secondSession: Plan = { [first!.id]: [false, 'retry', true] };
const score1 = sum(questions.map((q) => plannedCredit(q, firstSession)));
const score2 = sum([plannedCredit(first!, secondSession), plannedCredit(second!, secondSession)]);

function session(page: Page, n: number) {
	return page.getByRole('listitem').filter({
		has: page.getByRole('heading', { level: 4, name: new RegExp(`^Session ${n}\\b`) })
	});
}

async function practiseTwice(page: Page, app: boolean) {
	await fastForwardTo(page, null, { plan: firstSession, app });
	await page.getByRole('button', { name: 'Practise again' }).click();
	await expect(questionHeading(page, 1)).toBeVisible();
	await fastForwardTo(page, questions[2]!.id, { from: 'here', plan: secondSession, app });
}

async function expectTwoSessions(page: Page) {
	await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
	await expect(session(page, 1).getByRole('heading')).toHaveText('Session 1 Finished');
	await expect(session(page, 1)).toContainText(`Score ${formatScore(score1, maxScore)} points`, {
		useInnerText: true
	});
	await expect(session(page, 1)).toContainText(
		`Answered ${questions.length} of ${questions.length} questions`,
		{ useInnerText: true }
	);
	await expect(session(page, 2).getByRole('heading')).toHaveText('Session 2 In progress');
	await expect(session(page, 2)).toContainText(`Score ${formatScore(score2, maxScore)} points`, {
		useInnerText: true
	});
	await expect(session(page, 2)).toContainText(`Answered 2 of ${questions.length} questions`, {
		useInnerText: true
	});
	const table = page.getByRole('table', { name: /^Share of the points earned/ });
	await expect(table.getByRole('row')).toHaveCount(3);

	const missed = page
		.getByRole('region', { name: 'Questions you missed most' })
		.getByRole('listitem')
		.first();
	await expect(missed).toContainText(first!.prompt);
	await expect(missed).toContainText('Missed in 2 sessions');
	const cite = first!.cites[0]!;
	const link = missed.getByRole('link', { name: `Read ¶${cite.paragraph} again` });
	await expect(link).toHaveAttribute(
		'href',
		`${MODULE_URL}?q=${first!.id}&cite=0#p-${cite.paragraph}`
	);
	return { link, cite };
}

test('two sessions, their scores, and the missed question linked to its paragraph', async ({
	page
}) => {
	test.setTimeout(90_000);
	await practiseTwice(page, true);
	await expect(page.getByRole('link', { name: 'Your progress' })).toBeVisible();
	await openPage(page, '/');
	await page.getByRole('link', { name: 'Your progress' }).click();
	const { link, cite } = await expectTwoSessions(page);
	await expectNoAxeViolations(page);
	await link.click();
	await expectOnlyQuoteMarked(page, cite);
});

test('a new learner sees how to start', async ({ page }) => {
	await openPage(page, '/');
	await expect(page.getByRole('link', { name: 'Your progress' })).toHaveCount(0);
	await openPage(page, '/progress');
	await expect(page.getByText('You have not practiced yet.')).toBeVisible();
	await page.getByRole('link', { name: 'Choose a reading module to start' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Reading modules' })).toBeVisible();
	await openPage(page, '/progress');
	await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the progress page is a plain page', async ({ page }) => {
		test.setTimeout(90_000);
		await practiseTwice(page, false);
		await page.getByRole('link', { name: 'Your progress' }).click();
		const { link, cite } = await expectTwoSessions(page);
		await link.click();
		await expectOnlyQuoteMarked(page, cite);
	});
});
