import { readFile } from 'node:fs/promises';
import { acceptedInWords } from '../../src/lib/quiz/types/shortAnswer/match.ts';
import {
	expect,
	test,
	type Browser,
	type Locator,
	type Page,
	type Response
} from '@playwright/test';
import {
	evidenceChoice,
	expectNoAxeViolations,
	lessons,
	normalize,
	openPage,
	paragraphs,
	plannedAnswer,
	questionById,
	type PlannedAnswer
} from './helpers.ts';

/**
 * A teacher assigns one lesson as an assessment; two students take it, one with JavaScript off
 * (plain form posts), one with it on who moves to a second device with a resume code and finishes
 * with the keyboard. Their answers carry nothing of the key until they submit. One walkthrough,
 * run once: each step is a page a person uses, checked by what it shows.
 *
 * Each run signs up three teachers, well under the sign-up limit per address (20, one back a
 * minute), so the suite can run twice in a row.
 */

const LESSON = lessons.find((l) => l.id === 'kazinform-press-tour')!;
const QUESTIONS = LESSON.questions.map(questionById);
const TOTAL = QUESTIONS.length;
const MAX_POINTS = QUESTIONS.reduce((sum, q) => sum + q.points, 0);
const PASSWORD = 'a long classroom passphrase';
const run = `${Date.now().toString(36)}-${process.pid}`;

// A step that cannot happen fails in seconds, not at the test's limit.
test.use({ actionTimeout: 15_000 });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function signUp(page: Page, name: string, who: string) {
	await openPage(page, '/teacher/signup');
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Email address').fill(`${who}-${run}@school.example`);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Hello, ${name}` })).toBeVisible();
}

function questionsPanel(page: Page): Locator {
	return page.getByRole('complementary', { name: 'Questions' });
}

function answerForm(page: Page): Locator {
	return questionsPanel(page).locator('form#answer-form');
}

async function expectQuestion(page: Page, n: number) {
	await expect(
		questionsPanel(page).getByRole('heading', { level: 3, name: `Question ${n} of ${TOTAL}` })
	).toBeVisible();
	const q = QUESTIONS[n - 1]!;
	if (q.type !== 'evidence') await expect(answerForm(page)).toContainText(normalize(q.prompt));
}

/** Fills in an answer as a person would, without saving it. */
async function fillAnswer(page: Page, answer: PlannedAnswer) {
	const form = answerForm(page);
	switch (answer.kind) {
		case 'text':
			await form.getByRole('textbox').fill(answer.text);
			break;
		case 'radio':
		case 'checkbox':
			for (const label of answer.labels) {
				await form.getByRole(answer.kind, { name: label, exact: true }).check();
			}
			break;
		case 'matching':
			for (const { item, option } of answer.pairs) {
				await form
					.getByRole('combobox', { name: item, exact: true })
					.selectOption({ label: option });
			}
			break;
		case 'ordering':
			// Without JavaScript each item has a place select (1 for first).
			for (const [i, item] of answer.items.entries()) {
				await form
					.getByRole('combobox', { name: item, exact: true })
					.selectOption({ label: String(i + 1) });
			}
			break;
		case 'evidence':
			await evidenceChoice(page, answer).check();
			break;
		case 'two-part':
			await form
				.getByRole('group', { name: /^Part A\b/ })
				.getByRole('radio', { name: answer.partA, exact: true })
				.check();
			await form
				.getByRole('group', { name: /^Part B\b/ })
				.getByRole('radio', { name: `“${answer.partB}”`, exact: true })
				.check();
			break;
	}
}

async function saveAndGoOn(page: Page, n: number) {
	const name = n < TOTAL ? 'Save and next' : 'Save and review';
	await answerForm(page).getByRole('button', { name, exact: true }).click();
	if (n < TOTAL) await expectQuestion(page, n + 1);
	else
		await expect(page.getByRole('heading', { name: 'Review and submit', level: 3 })).toBeVisible();
}

/** The resume code a student is shown after joining ("ABCDE-23456"). */
async function resumeCodeShown(page: Page): Promise<string> {
	const text = await page.getByText(/^Resume code:/).innerText();
	return text.match(/[A-Z2-9]{5}-[A-Z2-9]{5}/)![0];
}

async function join(page: Page, typed: string, name: string): Promise<string> {
	await openPage(page, '/join');
	await page.getByLabel('Join code').fill(typed);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('Your name, as your teacher should see it').fill(name);
	await page.getByRole('button', { name: 'Join', exact: true }).click();
	// Straight to the assignment, with the resume code on screen.
	await expect(page.getByText(name, { exact: true })).toBeVisible();
	return resumeCodeShown(page);
}

/**
 * Every response a page receives, as text: what "reaches the browser". Strings that only the key
 * holds (explanations, the rationale of each wrong choice) must not be in any of them before the
 * student submits.
 */
function recordResponses(page: Page): Body[] {
	const bodies: Body[] = [];
	page.on('response', (response: Response) => {
		const type = response.headers()['content-type'] ?? '';
		if (!/html|json|javascript|text/.test(type)) return;
		const body: Body = { url: response.url(), script: /javascript/.test(type), text: '' };
		bodies.push(body);
		response
			.text()
			.then((text) => (body.text = text))
			.catch(() => {});
	});
	return bodies;
}

interface Body {
	url: string;
	/** A script: the app's own code, which names fields such as `correct` for practice. */
	script: boolean;
	text: string;
}

const ARTICLE = normalize(paragraphs.map((p) => p.text).join(' ')).toLowerCase();

/** What only the key holds: explanations, each wrong choice's rationale, and accepted answers not
 * in the article anyway (those a student could copy from it give nothing away). */
const KEY_ONLY: string[] = QUESTIONS.flatMap((q) => [
	q.explanation,
	...('choices' in q ? q.choices.flatMap((c) => (c.rationale ? [c.rationale] : [])) : []),
	...(q.type === 'short-answer'
		? q.accepted
				.map(acceptedInWords)
				.filter((a) => a.length >= 4 && !ARTICLE.includes(normalize(a).toLowerCase()))
		: [])
]);

/** Data fields that grade or explain: in page data, form replies and `__data.json`. */
const KEY_FIELD = /["']?\b(accepted|explanation|rationale|correct|credit|answers?)["']?\s*:/;

function keyStringsIn(bodies: Body[]): string[] {
	const found: string[] = [];
	for (const body of bodies) {
		// JSON escapes some characters; compare on a plain run of each key string.
		for (const s of KEY_ONLY) {
			const probe = s.length > 40 ? s.slice(0, 40) : s;
			if (body.text.includes(probe)) found.push(`${body.url}: “${probe}”`);
		}
		const field = body.script ? null : KEY_FIELD.exec(body.text);
		if (field) found.push(`${body.url}: field ${field[1]}`);
	}
	return found;
}

async function newContext(browser: Browser, javaScriptEnabled: boolean) {
	return browser.newContext({ javaScriptEnabled });
}

test('a teacher assigns an assessment; two students take it, one without JavaScript, one on two devices', async ({
	browser
}) => {
	test.setTimeout(240_000);

	// The teacher (JavaScript on) signs up, creates a class and assigns one lesson as an assessment.
	const teacherContext = await newContext(browser, true);
	const teacher = await teacherContext.newPage();
	await openPage(teacher, '/');
	await teacher.getByRole('link', { name: 'For teachers' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await teacher.getByRole('link', { name: 'Create a teacher account' }).click();
	await expect(
		teacher.getByRole('heading', { level: 1, name: 'Create a teacher account' })
	).toBeVisible();
	await expectNoAxeViolations(teacher, 'sign-up page');

	// A short password is refused, with the field named and nothing else lost.
	await teacher.getByLabel('Your name').fill('Ms Omarova');
	await teacher.getByLabel('Email address').fill(`omarova-${run}@school.example`);
	await teacher.getByLabel('Password').fill('short');
	await teacher.getByRole('button', { name: 'Create account' }).click();
	await expect(teacher.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
	await expect(teacher.getByLabel('Password')).toBeFocused();
	await expect(teacher.getByLabel('Your name')).toHaveValue('Ms Omarova');
	await teacher.getByLabel('Password').fill(PASSWORD);
	await teacher.getByRole('button', { name: 'Create account' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Hello, Ms Omarova' })).toBeVisible();
	await expect(teacher.getByText(/^Your account is ready/)).toBeVisible();

	await teacher.getByLabel('Class name').fill('Period 3 — World History');
	await teacher.getByRole('button', { name: 'Create class' }).click();
	await expect(
		teacher.getByRole('heading', { level: 1, name: 'Period 3 — World History' })
	).toBeVisible();
	await teacher.getByRole('link', { name: 'Assign a module' }).click();
	await expect(
		teacher.getByRole('heading', { level: 1, name: /^Assign a module to/ })
	).toBeVisible();
	await expectNoAxeViolations(teacher, 'assign page');
	const lessonsGroup = teacher.getByRole('group', { name: 'Lessons' });
	for (const lesson of lessons) {
		await lessonsGroup
			.getByRole('checkbox', { name: new RegExp(`^${escape(lesson.title)}`) })
			.setChecked(lesson.id === LESSON.id);
	}
	await teacher.getByRole('radio', { name: /^Assessment/ }).check();
	await teacher.getByRole('radio', { name: 'After they submit' }).check();
	await teacher.getByRole('button', { name: 'Assign', exact: true }).click();

	await expect(
		teacher.getByRole('heading', { level: 2, name: 'Share with your students' })
	).toBeVisible();
	const joinLink = await teacher.getByRole('textbox', { name: 'Join link' }).inputValue();
	const code = joinLink.split('/').at(-1)!;
	expect(code).toMatch(/^[A-HJKMNP-Z2-9]{7}$/);
	await expect(
		teacher.getByRole('img', { name: `QR code for the join link ${joinLink}` })
	).toBeVisible();
	const settings = teacher.getByRole('region', { name: 'Settings' });
	await expect(settings).toContainText(`${LESSON.title}`);
	await expect(settings).toContainText(/assessment/i);
	const assignmentUrl = teacher.url();
	await expectNoAxeViolations(teacher, 'assignment page');
	await teacher.getByRole('link', { name: 'Show the code and QR code on a projector' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: /^Join “/ })).toBeVisible();
	await expect(teacher.getByText(code.split('').join(' '))).toBeAttached();
	await expectNoAxeViolations(teacher, 'projector page');

	// Paper, for students without a device: a worksheet with no key, and its answer key, each
	// printing only their content.
	await openPage(teacher, new URL(assignmentUrl).pathname);
	await teacher.getByRole('link', { name: 'printable worksheet' }).click();
	await expect(
		teacher.getByRole('heading', { level: 1, name: 'Fleeing Kazakhs and Puff Pieces' })
	).toBeVisible();
	await expect(teacher.getByRole('heading', { level: 3 })).toHaveCount(TOTAL);
	const worksheetText = await teacher.locator('main').innerText();
	for (const q of QUESTIONS) expect(worksheetText).not.toContain(q.explanation.slice(0, 40));
	await expectNoAxeViolations(teacher, 'worksheet');
	await teacher.emulateMedia({ media: 'print' });
	await expect(teacher.getByRole('button', { name: 'Print' })).toBeHidden();
	await expect(teacher.getByRole('link', { name: 'For teachers' })).toBeHidden();
	await expect(teacher.getByText('¶1', { exact: true })).toBeVisible();
	const worksheetPdf = await teacher.pdf({ format: 'A4' });
	expect(worksheetPdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(worksheetPdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThan(1);
	await teacher.emulateMedia({ media: 'screen' });
	await teacher.getByRole('link', { name: '← Back to the assignment' }).click();
	await teacher.getByRole('link', { name: 'answer key' }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: /^Answer key/ })).toBeVisible();
	await expect(teacher.locator('main')).toContainText(
		normalize(QUESTIONS[0]!.explanation).slice(0, 60)
	);
	await expectNoAxeViolations(teacher, 'answer key');
	await teacher.emulateMedia({ media: 'print' });
	const keyPdf = await teacher.pdf({ format: 'A4' });
	expect(keyPdf.subarray(0, 5).toString()).toBe('%PDF-');
	await teacher.emulateMedia({ media: 'screen' });
	// The other new pages, as they first look: the edit form, the account page, the dashboard,
	// and what a student sees before joining.
	for (const [url, heading] of [
		[`${new URL(assignmentUrl).pathname}/edit`, 'Edit settings'],
		['/teacher/account', 'Your account'],
		['/teacher', 'Hello, Ms Omarova'],
		['/join', 'Join with a code'],
		[`/join/${code}`, 'Fleeing Kazakhs and Puff Pieces']
	] as const) {
		await openPage(teacher, url);
		await expect(teacher.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		await expectNoAxeViolations(teacher, url);
	}

	// Student A, JavaScript off: types the code in lower case with a space, joins, answers all.
	const aContext = await newContext(browser, false);
	const a = await aContext.newPage();
	await join(a, `${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`, 'Aigerim');
	await a.getByRole('button', { name: 'Start the assessment' }).click();
	await expectQuestion(a, 1);
	// Nothing is graded on screen while answering.
	for (const [i, q] of QUESTIONS.entries()) {
		// The first answer is wrong at first, and changed later.
		await fillAnswer(a, plannedAnswer(q, i !== 0));
		await saveAndGoOn(a, i + 1);
		await expect(questionsPanel(a).getByText(/^(Correct|Not quite|Partly right)$/)).toHaveCount(0);
	}
	const review = a.getByRole('region', { name: 'Review and submit' });
	await expect(review).toContainText(`You have answered ${TOTAL} of ${TOTAL} questions.`);
	// Back to question 1 from the question list, to change the answer.
	await questionsPanel(a)
		.getByRole('button', { name: /question 1, answered$/ })
		.click();
	await expectQuestion(a, 1);
	await fillAnswer(a, plannedAnswer(QUESTIONS[0]!, true));
	await answerForm(a).getByRole('button', { name: 'Save', exact: true }).click();
	await expectQuestion(a, 1);
	await questionsPanel(a).getByRole('button', { name: 'Review and submit' }).click();
	await a.getByRole('button', { name: 'Submit the assessment' }).click();
	const results = a.getByRole('region', { name: 'Submitted' });
	await expect(results).toContainText(`You answered ${TOTAL} of ${TOTAL} questions.`);
	await expect(
		results.getByText(`${MAX_POINTS} of ${MAX_POINTS} points`, { exact: true })
	).toBeVisible();
	// Revealed after submitting: each answer's cited explanation.
	await expect(results).toContainText(normalize(QUESTIONS[0]!.explanation).slice(0, 60));

	// Student B, JavaScript on, records everything that reaches the browser.
	const bContext = await newContext(browser, true);
	const b = await bContext.newPage();
	const bodies = recordResponses(b);
	const resume = await join(b, joinLink.replace(/^.*\/join\//, ''), 'Bolat');
	await b.getByRole('button', { name: 'Start the assessment' }).click();
	await expectQuestion(b, 1);
	await expectNoAxeViolations(b, 'assessment question');
	// A wrong answer to question 1 (a typed answer: the key's own words never come back as "yours").
	await fillAnswer(b, plannedAnswer(QUESTIONS[0]!, false));
	await saveAndGoOn(b, 1);
	await bContext.close();

	// On another device: the resume code continues where Bolat was.
	const b2Context = await newContext(browser, true);
	const b2 = await b2Context.newPage();
	const bodies2 = recordResponses(b2);
	await openPage(b2, `/join/${code}`);
	await b2.getByLabel('Resume code').fill(resume.toLowerCase());
	await b2.getByRole('button', { name: 'Continue where I was' }).click();
	await expect(b2.getByText('Bolat', { exact: true })).toBeVisible();
	await expectQuestion(b2, 2);
	await expect(questionsPanel(b2)).toContainText(`Answered 1 of ${TOTAL}`);

	// The keyboard alone: choose with arrow keys, Enter saves and moves on.
	const q2 = QUESTIONS[1]!;
	const right = plannedAnswer(q2, true);
	if (right.kind !== 'radio') throw new Error(`${q2.id} is not answered with a radio`);
	const radios = answerForm(b2).getByRole('radio');
	await radios.first().focus();
	const target = answerForm(b2).getByRole('radio', { name: right.labels[0]!, exact: true });
	for (let i = 0; i < 3 && !(await target.isChecked()); i++) await b2.keyboard.press('ArrowDown');
	await expect(target).toBeChecked();
	await b2.keyboard.press('Enter');
	await expectQuestion(b2, 3);
	const toReview = questionsPanel(b2).getByRole('button', { name: 'Review and submit' });
	await toReview.focus();
	await b2.keyboard.press('Enter');
	const reviewB = b2.getByRole('region', { name: 'Review and submit' });
	await expect(reviewB).toContainText(`You have answered 2 of ${TOTAL} questions.`);
	await expect(reviewB).toContainText('Not answered: questions 3, 4');
	await expectNoAxeViolations(b2, 'review');
	expect(keyStringsIn([...bodies, ...bodies2]), 'key strings before submitting').toEqual([]);

	await b2.getByRole('button', { name: 'Submit the assessment' }).focus();
	await b2.keyboard.press('Enter');
	const resultsB = b2.getByRole('region', { name: 'Submitted' });
	await expect(resultsB).toContainText(`You answered 2 of ${TOTAL} questions.`);
	const q2Points = q2.points;
	await expect(
		resultsB.getByText(`${q2Points} of ${MAX_POINTS} points`, { exact: true })
	).toBeVisible();
	await expectNoAxeViolations(b2, 'results');
	// The control: once revealed, the same check finds the key's words.
	expect(keyStringsIn([...bodies, ...bodies2]).length).toBeGreaterThan(0);

	// The teacher's class page shows both, alphabetically, with their scores.
	await teacher.goto(assignmentUrl);
	const roster = teacher.getByRole('table', { name: /2 students/ });
	await expect(roster.getByRole('row', { name: /Aigerim/ })).toContainText(
		`Submitted: ${MAX_POINTS} of ${MAX_POINTS} points`
	);
	await expect(roster.getByRole('row', { name: /Bolat/ })).toContainText(
		`Submitted: ${q2Points} of ${MAX_POINTS} points`
	);
	await teacher.getByRole('link', { name: '← Period 3 — World History' }).click();
	const classUrl = teacher.url();
	const classRoster = teacher.getByRole('table');
	await expect(classRoster.getByRole('row')).toHaveCount(3);
	await expect(classRoster.getByRole('row').nth(1)).toContainText('Aigerim');
	await expect(classRoster.getByRole('row').nth(2)).toContainText('Bolat');
	await expectNoAxeViolations(teacher, 'class page');

	// Results: who got what, each cell a link to the answer with its cited explanation.
	await teacher
		.getByRole('link', { name: `Results for “${'Fleeing Kazakhs and Puff Pieces'}”` })
		.click();
	await expect(teacher.getByRole('heading', { level: 1, name: 'Results' })).toBeVisible();
	await expect(teacher.getByText('2 of 2 students have submitted.')).toBeVisible();
	await expect(teacher.getByRole('note')).toContainText('too few to trust');
	const grid = teacher.getByRole('table', { name: /Each student’s mark on each question/ });
	const aigerimRow = grid.getByRole('row', { name: /Aigerim/ });
	const bolatRow = grid.getByRole('row', { name: /Bolat/ });
	for (let n = 1; n <= TOTAL; n++) {
		await expect(
			aigerimRow.getByRole('link', { name: `Question ${n}: right`, exact: true })
		).toBeVisible();
	}
	await expect(
		bolatRow.getByRole('link', { name: 'Question 1: wrong', exact: true })
	).toBeVisible();
	await expect(
		bolatRow.getByRole('link', { name: 'Question 2: right', exact: true })
	).toBeVisible();
	await expect(
		bolatRow.getByRole('link', { name: 'Question 3: not answered', exact: true })
	).toBeVisible();
	// Facility of question 1: one of two right.
	await expect(
		teacher.getByRole('table', { name: 'Statistics for each question' }).getByRole('row').nth(1)
	).toContainText('50%');
	// Charts are images with their figures as a table: Aigerim's full marks are in the top tenth.
	const distribution = teacher.getByRole('figure', { name: /^Score distribution/ });
	await expect(distribution.getByRole('img', { name: /^Score distribution/ })).toBeVisible();
	await distribution.getByText('The figures as a table').click();
	await expect(distribution.getByRole('row', { name: /^90–100%/ })).toContainText('1 student');
	await expect(teacher.getByRole('img', { name: /^Facility per question/ })).toBeVisible();
	await expect(teacher.getByRole('img', { name: 'Credit earned per skill' })).toBeVisible();
	// Paragraph view: every paragraph a question cites says how much credit was lost there.
	const cited = new Set(QUESTIONS.flatMap((q) => q.cites.map((c) => c.paragraph)));
	const paragraphView = teacher.getByRole('region', {
		name: 'Where in the article the class got lost'
	});
	for (const n of cited) {
		await expect(
			paragraphView.getByText(new RegExp(`^¶${n} — \\d+% of the credit lost`))
		).toBeVisible();
	}
	const paragraphTable = teacher.getByRole('table', { name: 'Credit lost per cited paragraph' });
	await expect(paragraphTable.getByRole('row')).toHaveCount(cited.size + 1);
	await paragraphTable.getByRole('link', { name: 'Credit lost' }).click();
	await expect(
		teacher
			.getByRole('table', { name: 'Credit lost per cited paragraph' })
			.getByRole('columnheader', { name: 'Credit lost' })
	).toHaveAttribute('aria-sort', 'descending');
	const lost = await teacher
		.getByRole('table', { name: 'Credit lost per cited paragraph' })
		.getByRole('row')
		.evaluateAll((rows) =>
			rows.slice(1).map((r) => Number(r.children[1]!.textContent!.replace('%', '')))
		);
	expect(lost).toEqual([...lost].sort((x, y) => y - x));
	await expectNoAxeViolations(teacher, 'results page');
	// Sorted by score, lowest first: Bolat, then Aigerim.
	await grid.getByRole('link', { name: 'Score' }).click();
	await expect(grid.getByRole('row').nth(1)).toContainText('Bolat');
	await expect(grid.getByRole('columnheader', { name: 'Score' })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	// The CSV of totals, as a gradebook reads it.
	const [download] = await Promise.all([
		teacher.waitForEvent('download'),
		teacher.getByRole('link', { name: 'totals' }).click()
	]);
	const csv = await readFile((await download.path())!, 'utf8');
	expect(csv.startsWith('\ufeffStudent,Status,')).toBe(true);
	expect(csv).toContain(`Aigerim,submitted,1,${MAX_POINTS},${MAX_POINTS},`);
	const downloaded = async (name: string) => {
		const [file] = await Promise.all([
			teacher.waitForEvent('download'),
			teacher.getByRole('link', { name }).click()
		]);
		return readFile((await file.path())!, 'utf8');
	};
	const marksCsv = (await downloaded('marks per question')).slice(1).split('\r\n');
	expect(marksCsv[0]).toBe(
		['Student', 'Status', ...QUESTIONS.map((q, i) => `Q${i + 1} (${q.points})`)].join(',')
	);
	expect(marksCsv[1]).toBe(['Aigerim', 'submitted', ...QUESTIONS.map((q) => q.points)].join(','));
	const itemsCsv = (await downloaded('item statistics')).slice(1).split('\r\n');
	expect(itemsCsv).toHaveLength(TOTAL + 1);
	// Question 2: both students right, so facility 1 and no discrimination.
	expect(itemsCsv[2]).toMatch(/^Q2,/);
	expect(itemsCsv[2]).toContain(',1,0,n/a,');
	const resultsUrl = teacher.url().replace(/[?#].*$/, '');
	await grid.getByRole('link', { name: 'Question 1: wrong', exact: true }).click();
	await expect(teacher.getByRole('heading', { level: 1, name: /^Bolat:/ })).toBeVisible();
	const q1 = teacher
		.getByRole('listitem')
		.filter({ has: teacher.getByRole('heading', { name: /^Question 1:/ }) });
	await expect(q1).toContainText('Their answer: I am not sure');
	await expect(q1).toContainText(normalize(QUESTIONS[0]!.explanation).slice(0, 60));
	const studentUrl = teacher.url().replace(/#.*$/, '');
	await expectNoAxeViolations(teacher, 'a student’s answers');

	// A made-up resume code in the cookie is nobody: back to the join page, nothing of Aigerim's.
	const forgedContext = await newContext(browser, true);
	await forgedContext.addCookies([
		{
			name: `cw_join_${code}`,
			value: 'ABCDEFGHJK',
			url: `${new URL(assignmentUrl).origin}/join/${code}`
		}
	]);
	const forged = await forgedContext.newPage();
	await forged.goto(`/join/${code}/quiz`);
	await expect(forged).toHaveURL(new RegExp(`/join/${code}$`));
	await expect(forged.getByRole('heading', { level: 2, name: 'Join' })).toBeVisible();
	await expect(forged.getByText('Aigerim')).toHaveCount(0);
	await forgedContext.close();

	// Another teacher cannot see any of it: the same addresses are "not found".
	const otherContext = await newContext(browser, true);
	const other = await otherContext.newPage();
	await signUp(other, 'Mr Second', 'second');
	for (const url of [
		assignmentUrl,
		`${assignmentUrl}/edit`,
		`${assignmentUrl}/project`,
		`${assignmentUrl}/worksheet`,
		`${assignmentUrl}/answer-key`,
		classUrl,
		resultsUrl,
		studentUrl
	]) {
		const response = await other.goto(url);
		expect(response?.status(), url).toBe(404);
		await expect(other.getByRole('heading', { level: 1 })).toContainText(/not found|no such/i);
	}
	for (const file of ['totals.csv', 'marks.csv', 'items.csv']) {
		const response = await other.request.get(`${resultsUrl}/${file}`);
		expect(response.status(), file).toBe(404);
		expect(await response.text()).not.toContain('Aigerim');
	}
	expect((await other.request.get(`${assignmentUrl}/progress`)).status()).toBe(404);
	await otherContext.close();
	await aContext.close();
	await b2Context.close();
	await teacherContext.close();
});

test('once students have started, an assignment’s lessons and mode cannot change, and the page says why', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const context = await newContext(browser, false);
	const page = await context.newPage();
	await signUp(page, 'Ms Editor', 'editor');
	await page.getByLabel('Class name').fill('Period 5');
	await page.getByRole('button', { name: 'Create class' }).click();
	await page.getByRole('link', { name: 'Assign a module' }).click();
	await page.getByRole('button', { name: 'Assign', exact: true }).click();
	const joinLink = await page.getByRole('textbox', { name: 'Join link' }).inputValue();
	await expect(page.getByRole('region', { name: 'Settings' })).toContainText(/practice/i);
	// Without JavaScript the roster is as of loading, with a way to the latest.
	await expect(page.getByRole('link', { name: 'Reload for the latest' })).toBeVisible();

	// Before anyone starts, every setting can change.
	await page.getByRole('link', { name: 'Edit settings' }).click();
	await expect(page.getByRole('radio', { name: /^Assessment/ })).toBeEnabled();
	await page.getByLabel('Attempts allowed').selectOption({ label: '2' });
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();

	// A student starts.
	const student = await context.browser()!.newContext({ javaScriptEnabled: false });
	const s = await student.newPage();
	await join(s, joinLink.split('/').at(-1)!, 'Dana');
	await s.getByRole('button', { name: 'Start practice' }).click();
	await expect(s.getByRole('heading', { level: 3, name: /^Question 1 of \d+$/ })).toBeVisible();
	await student.close();

	await page.getByRole('link', { name: 'Edit settings' }).click();
	await expect(
		page.getByText('Students have started: the lessons, mode and shuffles')
	).toBeVisible();
	for (const radio of await page.getByRole('group', { name: 'Mode' }).getByRole('radio').all()) {
		await expect(radio).toBeDisabled();
	}
	for (const box of await page
		.getByRole('group', { name: 'Lessons' })
		.getByRole('checkbox')
		.all()) {
		await expect(box).toBeDisabled();
	}
	// What can still change does.
	await page.getByLabel('Attempts allowed').selectOption({ label: '3' });
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Settings' })).toContainText(/3 attempts/);
	// A forged post that changes the mode anyway changes nothing locked.
	const response = await page.request.post(`${page.url()}/edit`, {
		form: { mode: 'assessment', maxAttempts: '1', reveal: 'after-submit' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(response.status()).toBeLessThan(500);
	await page.reload();
	await expect(page.getByRole('region', { name: 'Settings' })).toContainText(/practice/i);
	await context.close();
});

test('teacher pages need a session: signed out, a forged cookie and another site are all refused', async ({
	browser
}) => {
	const context = await newContext(browser, true);
	const page = await context.newPage();
	await page.goto('/teacher/classes/some-class');
	await expect(page).toHaveURL(/\/teacher\/signin\?next=%2Fteacher%2Fclasses%2Fsome-class$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

	await context.addCookies([
		{ name: 'cw_session', value: 'forged-token-value', url: new URL(page.url()).origin }
	]);
	await page.goto('/teacher');
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

	// A wrong password says so, keeps the email, and counts against the limit.
	await page.getByLabel('Email address').fill(`nobody-${run}@school.example`);
	await page.getByLabel('Password').fill('not the password at all');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText(/do not match/);
	await expect(page.getByLabel('Email address')).toHaveValue(`nobody-${run}@school.example`);
	await expectNoAxeViolations(page, 'sign-in page with its error');

	// A form posted from another site is refused before it reaches the action.
	const crossSite = await page.request.post('/teacher/signin', {
		form: { email: 'a@b.example', password: 'whatever whatever' },
		headers: { origin: 'https://elsewhere.example' }
	});
	expect(crossSite.status()).toBe(403);

	const headers = (await page.request.get('/teacher/signin')).headers();
	expect(headers['cache-control']).toContain('no-store');
	expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
	await context.close();
});

test('the assignment page updates live as two students join and answer, without a reload', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const context = await newContext(browser, true);
	const teacher = await context.newPage();
	await signUp(teacher, 'Ms Watcher', 'watcher');
	await teacher.getByLabel('Class name').fill('Period 6');
	await teacher.getByRole('button', { name: 'Create class' }).click();
	await teacher.getByRole('link', { name: 'Assign a module' }).click();
	await teacher.getByRole('radio', { name: /^Assessment/ }).check();
	await teacher.getByRole('button', { name: 'Assign', exact: true }).click();
	const joinLink = await teacher.getByRole('textbox', { name: 'Join link' }).inputValue();
	await expect(teacher.getByText(/Live: updates as students work/)).toBeVisible();
	await expect(teacher.getByText('No students have joined yet.')).toBeVisible();
	let reloads = 0;
	teacher.on('framenavigated', (frame) => {
		if (frame === teacher.mainFrame()) reloads++;
	});

	const studentContext = await newContext(browser, false);
	const student = await studentContext.newPage();
	await join(student, joinLink.split('/').at(-1)!, 'Chen');
	// A few seconds' polling: the row appears on the teacher's open page.
	const row = teacher.getByRole('row', { name: /Chen/ });
	await expect(row).toContainText('Not started', { timeout: 20_000 });
	await student.getByRole('button', { name: 'Start the assessment' }).click();
	await expect(row).toContainText('In progress: 0 of', { timeout: 20_000 });
	const first = questionById(lessons[0]!.questions[0]!);
	const answer = plannedAnswer(first, true);
	if (answer.kind !== 'radio') throw new Error(`${first.id} is not answered with a radio`);
	await answerForm(student).getByRole('radio', { name: answer.labels[0]!, exact: true }).check();
	await answerForm(student).getByRole('button', { name: 'Save and next' }).click();
	await expect(row).toContainText('In progress: 1 of', { timeout: 20_000 });
	// A second student, on another device with JavaScript: the first one's row stays as it was.
	const secondContext = await newContext(browser, true);
	const second = await secondContext.newPage();
	await join(second, joinLink.split('/').at(-1)!, 'Dara');
	await second.getByRole('button', { name: 'Start the assessment' }).click();
	await expect(second.getByRole('heading', { level: 3, name: /^Question 1 of/ })).toBeVisible();
	const secondRow = teacher.getByRole('row', { name: /Dara/ });
	await expect(secondRow).toContainText('In progress: 0 of', { timeout: 20_000 });
	await expect(row).toContainText('In progress: 1 of');
	expect(reloads, 'the page itself was never reloaded').toBe(0);
	await secondContext.close();
	await studentContext.close();
	await context.close();
});
