/**
 * The real module in questions/ loads cleanly and is what the app expects to serve, plus the
 * loader's behaviour on inputs the on-disk corpus cannot hold (CRLF line endings, folder names).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { coverage, loadModule } from '../../src/lib/content/load.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { findQuote, normalizeWhitespace } from '../../src/lib/content/quote.ts';
import { QUESTION_TYPES, SKILLS, type Module } from '../../src/lib/content/schema.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const slug = 'fleeing-kazakhs-and-puff-pieces';
const dir = join(repo, 'questions', slug);

function loadReal(): Module {
	const { module, problems } = loadModuleDir(dir, repo);
	expect(problems.map(formatProblem)).toEqual([]);
	if (!module) throw new Error('the real module did not load');
	return module;
}

describe(`questions/${slug}`, () => {
	it('loads with zero problems', () => {
		const { module, problems } = loadModuleDir(dir, repo);
		expect(problems.map(formatProblem)).toEqual([]);
		expect(module?.slug).toBe(slug);
	});

	it('has 22 paragraphs, numbered from 1 in order', () => {
		const { paragraphs } = loadReal().article;
		expect(paragraphs).toHaveLength(22);
		expect(paragraphs.map((p) => p.n)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
		expect(paragraphs[0]!.text).toMatch(/^On January 9, the Kazakh Foreign Ministry confirmed/);
		expect(paragraphs[21]!.text).toMatch(
			/^When read alongside contemporaneous propaganda puff pieces/
		);
	});

	it('keeps ¶11 as the only block quote, without its > marker', () => {
		const { paragraphs } = loadReal().article;
		const p11 = paragraphs[10]!;
		expect(p11.blockquote).toBe(true);
		expect(p11.text.startsWith('We hope that we will be provided')).toBe(true);
		expect(paragraphs.filter((p) => p.blockquote).map((p) => p.n)).toEqual([11]);
	});

	it('keeps the non-breaking space in ¶7 as written', () => {
		const { paragraphs } = loadReal().article;
		expect(paragraphs[6]!.text).toContain('minority groups\u00a0 –');
		// The loader does not normalise the text it serves; only quote matching does.
		expect(readFileSync(join(dir, 'article.md'), 'utf8')).toContain('minority groups\u00a0 –');
	});

	it('has title, author, publication and attribution in its front matter, and no date', () => {
		const { article } = loadReal();
		expect(article.title).toBe('Fleeing Kazakhs and Puff Pieces');
		expect(article.author).toBe('Catherine Putz');
		expect(article.publication).toBe('The Diplomat');
		expect(article.attribution).toMatch(/Catherine Putz/);
		expect(article.published).toBeUndefined();
		expect(Object.keys(article).filter((k) => /date|published/i.test(k))).toEqual([]);
	});

	it('finds every cited quote in its paragraph', () => {
		const module = loadReal();
		const paragraphs = module.article.paragraphs;
		for (const q of module.questions) {
			for (const cite of q.cites) {
				const paragraph = paragraphs[cite.paragraph - 1];
				expect(paragraph, `${q.id} cites ¶${cite.paragraph}`).toBeDefined();
				const span = findQuote(paragraph!.text, cite.quote);
				expect(span, `${q.id}: ${cite.quote}`).not.toBeNull();
				expect(normalizeWhitespace(paragraph!.text.slice(span!.start, span!.end))).toBe(
					normalizeWhitespace(cite.quote)
				);
			}
		}
	});

	it('cites every paragraph, and its type and skill counts add up to its questions', () => {
		const module = loadReal();
		const c = coverage(module);
		expect(c.paragraphs).toBe(22);
		expect(c.uncited).toEqual([]);
		expect(Object.keys(c.byType).sort()).toEqual([...QUESTION_TYPES].sort());
		expect(Object.keys(c.bySkill).sort()).toEqual([...SKILLS].sort());
		const sum = (counts: Record<string, number>) =>
			Object.values(counts).reduce((a, b) => a + b, 0);
		expect(sum(c.byType)).toBe(module.questions.length);
		expect(sum(c.bySkill)).toBe(module.questions.length);
	});

	it('has at least 12 questions, each of a known type and skill', () => {
		const module = loadReal();
		expect(module.questions.length).toBeGreaterThanOrEqual(12);
		for (const q of module.questions) {
			expect(QUESTION_TYPES, q.id).toContain(q.type);
			expect(SKILLS, q.id).toContain(q.skill);
		}
	});

	it('gives each evidence question a range to choose from that holds its evidence', () => {
		const module = loadReal();
		for (const q of module.questions) {
			if (q.type !== 'evidence') continue;
			const lesson = module.lessons.find((l) => l.questions.includes(q.id))!;
			const [first, last] = q.within ?? lesson.paragraphs;
			expect(q.within, q.id).toBeDefined();
			for (const cite of q.cites) {
				expect(
					cite.paragraph >= first && cite.paragraph <= last,
					`${q.id} ¶${cite.paragraph}`
				).toBe(true);
			}
		}
	});

	it('lists its questions in lesson order, each once', () => {
		const module = loadReal();
		const ids = module.questions.map((q) => q.id);
		expect(ids).toEqual(module.lessons.flatMap((l) => l.questions));
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('loadModule', () => {
	const article = [
		'---',
		'title: A Small Test',
		'author: Test Author',
		'publication: Test Press',
		'attribution: Invented for a test.',
		'---',
		'',
		'The first paragraph says the hall opened in\u00a0May.',
		'',
		'The second paragraph',
		'runs over two lines.',
		''
	];
	const moduleYaml = [
		'title: A Small Test',
		'summary: Two paragraphs and one question.',
		'readingMinutes: 1',
		'objectives: ["Read it."]',
		'lessons:',
		'  - id: all',
		'    title: All of it',
		'    paragraphs: [1, 2]',
		'    questions: [when-it-opened]',
		// One question cannot cover six skills; the other rules keep their defaults.
		'coverage:',
		'  minQuestionsPerSkill: 0',
		''
	].join('\n');
	const questionsYaml = [
		'questions:',
		'  - id: when-it-opened',
		'    type: true-false-not-stated',
		'    skill: recall',
		'    prompt: The hall opened in May.',
		'    answer: true',
		'    explanation: Paragraph 1 says so.',
		'    cites:',
		'      - paragraph: 1',
		'        quote: opened in May',
		'      - paragraph: 2',
		'        quote: paragraph runs over',
		''
	].join('\n');

	it('reads an article with CRLF line endings the same as one with LF', () => {
		const lf = loadModule('questions/small-test', {
			'article.md': article.join('\n'),
			'module.yaml': moduleYaml,
			'questions.yaml': questionsYaml
		});
		const crlf = loadModule('questions/small-test', {
			'article.md': article.join('\r\n'),
			'module.yaml': moduleYaml.replace(/\n/g, '\r\n'),
			'questions.yaml': questionsYaml.replace(/\n/g, '\r\n')
		});
		expect(lf.problems.map(formatProblem)).toEqual([]);
		expect(crlf.problems.map(formatProblem)).toEqual([]);
		expect(crlf.module?.article.paragraphs).toEqual(lf.module?.article.paragraphs);
		expect(lf.module?.article.paragraphs.map((p) => p.text)).toEqual([
			'The first paragraph says the hall opened in\u00a0May.',
			'The second paragraph runs over two lines.'
		]);
	});

	it('stores a bare YAML boolean answer as the word', () => {
		const { module } = loadModule('questions/small-test', {
			'article.md': article.join('\n'),
			'module.yaml': moduleYaml,
			'questions.yaml': questionsYaml
		});
		expect(module?.questions[0]).toMatchObject({ type: 'true-false-not-stated', answer: 'true' });
	});

	it('rejects a module folder whose name is not kebab-case', () => {
		const { module, problems } = loadModule('questions/Small_Test', {
			'article.md': article.join('\n'),
			'module.yaml': moduleYaml,
			'questions.yaml': questionsYaml
		});
		expect(module).toBeUndefined();
		expect(problems.map(formatProblem)).toEqual([
			'questions/Small_Test:1:1 module folder "Small_Test" must be kebab-case'
		]);
	});

	it('asks for a question file when the folder has none', () => {
		const { module, problems } = loadModule('questions/small-test', {
			'article.md': article.join('\n'),
			'module.yaml': moduleYaml
		});
		expect(module).toBeUndefined();
		expect(problems.map(formatProblem)).toContain(
			'questions/small-test:1:1 no question files: add at least one .yaml file with a questions: list'
		);
	});

	it('does not report cites against an article whose body is empty, only the empty body', () => {
		const { problems } = loadModule('questions/small-test', {
			'article.md': article.slice(0, 7).join('\n'),
			'module.yaml': moduleYaml,
			'questions.yaml': questionsYaml
		});
		expect(problems.map(formatProblem)).toEqual([
			'questions/small-test/article.md:7:1 the article has no paragraphs'
		]);
	});
});

describe('coverage rules (module.yaml coverage)', () => {
	const article = [
		'---',
		'title: A Small Test',
		'author: Test Author',
		'publication: Test Press',
		'attribution: Invented for a test.',
		'---',
		'',
		'The hall opened in May. It has a red door.',
		'',
		'The second paragraph',
		'runs over two lines.',
		'',
		'The third paragraph is short.',
		''
	].join('\n');
	const lessons = [
		'lessons:',
		'  - id: opening',
		'    title: The opening',
		'    paragraphs: [1, 2]',
		'    questions: [door-colour]',
		'  - id: the-rest',
		'    title: The rest',
		'    paragraphs: [3, 3]',
		'    questions: [short-one]'
	];
	const moduleYaml = (...coverageLines: string[]) =>
		[
			'title: A Small Test',
			'summary: Three paragraphs and two questions.',
			'readingMinutes: 1',
			'objectives: ["Read it."]',
			...lessons,
			...coverageLines,
			''
		].join('\n');
	/** A single-choice question citing ¶1 and ¶2, and an evidence question on ¶3. */
	const questionsYaml = ({ rationale = true, cites = [1, 2], evidenceWithin = '' } = {}) =>
		[
			'questions:',
			'  - id: door-colour',
			'    type: single-choice',
			'    skill: recall',
			'    prompt: What colour is the door?',
			'    choices:',
			'      - id: red',
			'        text: Red',
			'      - id: blue',
			'        text: Blue',
			...(rationale ? ['        rationale: Paragraph 1 says red.'] : []),
			'    answer: red',
			'    explanation: Paragraph 1 says so.',
			'    cites:',
			...cites.flatMap((n) => [
				`      - paragraph: ${n}`,
				`        quote: ${n === 1 ? 'It has a red door.' : 'The second paragraph runs'}`
			]),
			'  - id: short-one',
			'    type: evidence',
			'    skill: recall',
			'    prompt: One paragraph is short.',
			'    select: sentence',
			...(evidenceWithin ? [`    within: ${evidenceWithin}`] : []),
			'    explanation: Paragraph 3 says so.',
			'    cites:',
			'      - paragraph: 3',
			'        quote: is short',
			''
		].join('\n');
	const load = (module: string, questions = questionsYaml()) =>
		loadModule('questions/small-test', {
			'article.md': article,
			'module.yaml': module,
			'questions.yaml': questions
		});
	const problemsOf = (module: string, questions?: string) =>
		load(module, questions).problems.map(formatProblem);
	const noSkillCount = ['coverage:', '  minQuestionsPerSkill: 0'];

	it('asks for five questions per skill by default, at the top of module.yaml when unset', () => {
		expect(problemsOf(moduleYaml())).toEqual([
			'questions/small-test/module.yaml:1:1 skill "recall" has 2 questions; coverage.minQuestionsPerSkill asks for at least 5',
			...['vocabulary', 'sequence', 'inference', 'purpose', 'sourcing'].map(
				(skill) =>
					`questions/small-test/module.yaml:1:1 skill "${skill}" has 0 questions; coverage.minQuestionsPerSkill asks for at least 5`
			)
		]);
	});

	it('points at the minQuestionsPerSkill value when module.yaml sets it', () => {
		const problems = problemsOf(moduleYaml('coverage:', '  minQuestionsPerSkill: 2'));
		expect(problems).toHaveLength(5);
		expect(problems[0]).toBe(
			'questions/small-test/module.yaml:15:25 skill "vocabulary" has 0 questions; coverage.minQuestionsPerSkill asks for at least 2'
		);
		expect(problemsOf(moduleYaml('coverage:', '  minQuestionsPerSkill: 1'))).toHaveLength(5);
	});

	it('loads a module that meets every rule, and fills in an evidence question’s lesson range', () => {
		const { module, problems } = load(moduleYaml(...noSkillCount));
		expect(problems.map(formatProblem)).toEqual([]);
		expect(module!.questions.find((q) => q.id === 'short-one')).toMatchObject({
			type: 'evidence',
			within: [3, 3]
		});
		const own = load(moduleYaml(...noSkillCount), questionsYaml({ evidenceWithin: '[2, 3]' }));
		expect(own.module!.questions.find((q) => q.id === 'short-one')).toMatchObject({
			within: [2, 3]
		});
	});

	it('reports an uncited paragraph at its first line in article.md, by default', () => {
		expect(problemsOf(moduleYaml(...noSkillCount), questionsYaml({ cites: [1] }))).toEqual([
			'questions/small-test/article.md:10:1 ¶2 is cited by no question (module.yaml coverage.everyParagraphCited)'
		]);
	});

	it('lets module.yaml switch the cited-paragraph rule off', () => {
		expect(
			problemsOf(
				moduleYaml(...noSkillCount, '  everyParagraphCited: false'),
				questionsYaml({ cites: [1] })
			)
		).toEqual([]);
	});

	it('reports a wrong choice without a rationale at the choice, by default', () => {
		expect(problemsOf(moduleYaml(...noSkillCount), questionsYaml({ rationale: false }))).toEqual([
			'questions/small-test/questions.yaml:9:9 wrong choice "blue" has no rationale (module.yaml coverage.rationales)'
		]);
		expect(
			problemsOf(
				moduleYaml(...noSkillCount, '  rationales: false'),
				questionsYaml({ rationale: false })
			)
		).toEqual([]);
	});

	it('judges coverage only when nothing else is wrong', () => {
		const badQuote = questionsYaml({ rationale: false }).replace(
			'quote: is short',
			'quote: is long'
		);
		expect(problemsOf(moduleYaml(), badQuote)).toEqual([
			'questions/small-test/questions.yaml:26:16 quote is not in ¶3: it matches up to "is" and then differs'
		]);
	});

	it('refuses an unknown coverage rule and a negative count', () => {
		expect(problemsOf(moduleYaml('coverage:', '  everyParagraphsCited: false'))).toEqual([
			'questions/small-test/module.yaml:15:3 coverage: unknown field "everyParagraphsCited"'
		]);
		expect(problemsOf(moduleYaml('coverage:', '  minQuestionsPerSkill: -1'))).toEqual([
			expect.stringMatching(
				/^questions\/small-test\/module\.yaml:15:25 coverage\.minQuestionsPerSkill: /
			)
		]);
	});

	it('counts every question type in the coverage report, absent ones as zero', () => {
		const { byType, bySkill, uncited } = coverage(load(moduleYaml(...noSkillCount)).module!);
		expect(byType).toEqual({
			'single-choice': 1,
			'multiple-choice': 0,
			'true-false-not-stated': 0,
			'short-answer': 0,
			ordering: 0,
			matching: 0,
			evidence: 1,
			'two-part': 0
		});
		expect(bySkill.recall).toBe(2);
		expect(uncited).toEqual([]);
	});
});
