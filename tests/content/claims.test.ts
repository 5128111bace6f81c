/**
 * Claims (claims.yaml): the coverage computation, the attribution rule's matching, and loader
 * behaviour the on-disk corpus (`broken/claim-*`, `accepted/claims-all-pass`) does not hold; plus
 * the real module's inventory, read from disk and as the server bundles it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findModule } from '$lib/server/modules.ts';
import {
	claimCoverage,
	claimReport,
	judgmentMarkers,
	mentions,
	missingAttribution,
	shorten
} from '../../src/lib/content/claims.ts';
import { loadModuleDir } from '../../src/lib/content/files.ts';
import { loadModule } from '../../src/lib/content/load.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { claimSchema, type Claim } from '../../src/lib/content/schema.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../..');
const accepted = join(here, 'accepted', 'claims-all-pass');

const claim = (id: string, over: Partial<Claim> = {}): Claim =>
	claimSchema.parse({ id, paragraph: 1, quote: 'words', by: 'reported', ...over });
const claims = (n: number) => Array.from({ length: n }, (_, i) => claim(`c${i + 1}`));
const naming = (...ids: string[]) => ({ claims: ids });

describe('claimCoverage', () => {
	it('counts the claims some question names, once each, and lists the rest in file order', () => {
		const c = claimCoverage(claims(4), [naming('c3', 'c1'), naming('c1'), {}]);
		expect(c).toMatchObject({ total: 4, examined: 2, percent: 50, met: true, goal: undefined });
		expect(c.unexamined.map((u) => u.id)).toEqual(['c2', 'c4']);
	});

	it('ignores ids that are not claims', () => {
		expect(claimCoverage(claims(2), [naming('c1', 'nope')]).examined).toBe(1);
	});

	it('meets a goal exactly at the goal, and misses it just below', () => {
		const ten = claims(10);
		const named = (n: number) => [naming(...ten.slice(0, n).map((c) => c.id))];
		// 7/10 and 0.7 are the same double; 0.7 * 10 is not 7, so the share is compared, not a product.
		expect(claimCoverage(ten, named(7), 0.7).met).toBe(true);
		expect(claimCoverage(ten, named(6), 0.7).met).toBe(false);
		expect(claimCoverage(ten, named(9), 0.9).met).toBe(true);
		expect(claimCoverage(ten, named(10), 1).met).toBe(true);
		expect(claimCoverage(ten, named(0), 0).met).toBe(true);
	});

	it('rounds the percentage down, so a missed goal never prints as met', () => {
		const c = claimCoverage(claims(58), [naming(...claims(52).map((c) => c.id))], 0.9);
		expect(c.percent).toBe(89); // 52/58 = 89.7%
		expect(c.met).toBe(false);
		expect(claimCoverage(claims(100), [naming(...claims(29).map((c) => c.id))]).percent).toBe(29);
	});
});

describe('the attribution rule', () => {
	it('matches whole words, ignoring case, spacing and the kind of apostrophe', () => {
		expect(mentions('Kazinform’s report says', 'kazinform')).toBe(true);
		expect(mentions('As the  Associated\nPress noted', 'the Associated Press')).toBe(true);
		expect(mentions('The article’s author argues', "the article's author")).toBe(true);
		expect(mentions('It happened in Astana', 'AP')).toBe(false);
		expect(mentions('the AP reported', 'AP')).toBe(true);
		expect(mentions('The authority said', 'the author')).toBe(false);
	});

	it('asks nothing of a reported claim', () => {
		expect(missingAttribution('Paragraph 1 says so.', claim('x'))).toBeUndefined();
	});

	it('accepts the source or an alias for an attributed claim', () => {
		const c = claim('x', { by: 'attributed', source: 'Radio Free Asia', aliases: ['RFA'] });
		expect(missingAttribution('A 2015 RFA report gives the figure.', c)).toBeUndefined();
		expect(missingAttribution('Radio Free Asia reported it.', c)).toBeUndefined();
		expect(missingAttribution('A report gives the figure.', c)).toMatch(
			/^claim "x" is attributed to Radio Free Asia: .*"Radio Free Asia", "RFA"/
		);
	});

	it('accepts the fixed judgment words and the article’s author for a judgment', () => {
		const c = claim('x', { by: 'judgment' });
		expect(judgmentMarkers('Catherine Putz')).toEqual(
			expect.arrayContaining(['the author', 'the writer', 'argues', 'Catherine Putz', 'Putz'])
		);
		for (const text of [
			'The author calls it propaganda.',
			'Putz calls it propaganda.',
			'Putz’s view is that it is propaganda.',
			'She argues that it is propaganda.',
			'In the article’s author’s view, it is propaganda.'
		]) {
			expect(missingAttribution(text, c, 'Catherine Putz'), text).toBeUndefined();
		}
		expect(missingAttribution('It is propaganda.', c, 'Catherine Putz')).toMatch(
			/^claim "x" is the author's judgment: .*"Putz"/
		);
	});
});

describe('claims in the loader', () => {
	const files = () =>
		Object.fromEntries(
			readdirSync(accepted).map((name) => [name, readFileSync(join(accepted, name), 'utf8')])
		) as Record<string, string>;
	const problemsOf = (edit: (f: Record<string, string>) => void) => {
		const f = files();
		edit(f);
		return loadModule('questions/claims-test', f).problems.map(formatProblem);
	};

	it('gives the module its claims and goal', () => {
		const { module } = loadModule('questions/claims-test', files());
		expect(module?.claims?.items).toHaveLength(7);
		expect(module?.claims?.goal).toBe(0.8);
		expect(claimReport(module!)).toEqual([
			'  claims: 6 of 7 examined (85%), goal 80% ✓',
			'  claims no question examines (1):',
			'    council-voted-on-tuesday  ¶1   reported  "The town council of Millbrook voted on Tuesday"'
		]);
	});

	it('does not read claims.yaml as a question file', () => {
		expect(
			problemsOf((f) => {
				delete f['questions.yaml'];
			})
		).toContain(
			'questions/claims-test:1:1 no question files: add at least one .yaml file with a questions: list'
		);
	});

	it('reports a claim named without a claims.yaml, and a goal without one', () => {
		expect(
			problemsOf((f) => {
				delete f['claims.yaml'];
			})
		).toEqual([
			expect.stringMatching(
				/^questions\/claims-test\/questions\.yaml:13:14 names claim "open-until-9pm", but the module has no claims\.yaml$/
			),
			...Array(5).fill(expect.stringContaining('but the module has no claims.yaml'))
		]);
		const noClaims = files();
		delete noClaims['claims.yaml'];
		noClaims['questions.yaml'] = noClaims['questions.yaml']!.replace(/^ {4}claims: .*\n/gm, '');
		expect(loadModule('questions/claims-test', noClaims).problems.map(formatProblem)).toEqual([
			'questions/claims-test/module.yaml:28:11 coverage.claims sets a goal, but the module has no claims.yaml'
		]);
	});

	it('reports a claim a question lists twice', () => {
		expect(
			problemsOf((f) => {
				f['questions.yaml'] = f['questions.yaml']!.replace(
					'claims: [opened-in-1911]',
					'claims: [opened-in-1911, opened-in-1911]'
				);
			})
		).toEqual([
			'questions/claims-test/questions.yaml:65:30 claim "opened-in-1911" is listed twice'
		]);
	});

	it('does not call a claim that failed to validate unknown', () => {
		expect(
			problemsOf((f) => {
				f['claims.yaml'] = f['claims.yaml']!.replace('by: reported\n    kind: event', 'by: told');
			})
		).toEqual([
			expect.stringMatching(
				/^questions\/claims-test\/claims\.yaml:11:9 claims\[1\]\.by: must be one of "reported", "attributed", "judgment"$/
			)
		]);
	});

	it('refuses an unknown field and an unknown kind', () => {
		expect(
			problemsOf((f) => {
				f['claims.yaml'] = f['claims.yaml']!.replace('kind: event', 'kind: rumour\n    who: x');
			})
		).toEqual([
			expect.stringMatching(/claims\.yaml:12:11 claims\[1\]\.kind: must be one of "number"/),
			'questions/claims-test/claims.yaml:13:5 claims[1]: unknown field "who"'
		]);
	});
});

describe('the real module’s claims', () => {
	const dir = join(repo, 'questions', 'fleeing-kazakhs-and-puff-pieces');

	it('loads, with every claim’s quote in its paragraph and every attributed claim sourced', () => {
		const { module, problems } = loadModuleDir(dir, repo);
		expect(problems.map(formatProblem)).toEqual([]);
		const items = module!.claims!.items;
		expect(items.length).toBeGreaterThanOrEqual(50);
		expect(items.filter((c) => c.by === 'attributed').every((c) => c.source)).toBe(true);
		// Every paragraph has at least one claim.
		expect(new Set(items.map((c) => c.paragraph)).size).toBe(22);
	});

	it('is bundled by the server like the other files', () => {
		const disk = loadModuleDir(dir, repo).module!;
		const served = findModule('fleeing-kazakhs-and-puff-pieces');
		expect(served?.claims?.items.map((c) => c.id)).toEqual(disk.claims!.items.map((c) => c.id));
		expect(served?.questions).toHaveLength(disk.questions.length);
	});
});

describe('shorten', () => {
	it('keeps a short quote, and cuts a long one at a word with an ellipsis', () => {
		expect(shorten('A short quote', 60)).toBe('A short quote');
		expect(shorten('one two three four five six', 15)).toBe('one two three…');
	});
});
