/**
 * Claim coverage: `claims.yaml` lists the article's checkable statements (numbers, dates, who said
 * what, the author's judgments, key events), each with its exact words; questions name the claims
 * they examine (`claims: [ids]`). The validator checks the quotes like citations, the ids a
 * question names, that a question about someone else's claim (or the author's judgment) says whose
 * it is, and, when module.yaml sets `coverage.claims`, that enough of the claims are examined.
 */
import { quoteMismatch, normalizeWhitespace } from './quote.ts';
import { type Problem, YamlSource } from './problems.ts';
import {
	claimSchema,
	claimsFileSchema,
	type Claim,
	type Module,
	type ModuleFile,
	type Paragraph,
	type Question
} from './schema.ts';

/** The file name of a module's claims inventory; it is not a question file. */
export const CLAIMS_FILE = 'claims.yaml';

/**
 * Words that tell a reader a statement is the author's own judgment. The article's author (full
 * name and surname, from article.md) counts too; see `judgmentMarkers`.
 */
export const JUDGMENT_MARKERS = ['the author', "the article's author", 'the writer', 'argues'];

/** The judgment markers for an article by `author`: the fixed words, the name and the surname. */
export function judgmentMarkers(author?: string): string[] {
	const name = author?.trim();
	const surname = name?.split(/\s+/).at(-1);
	return [...new Set([...JUDGMENT_MARKERS, ...(name ? [name, surname!] : [])])];
}

/** claims.yaml, read and checked against the article. */
export interface ClaimsFile {
	claims: Claim[];
	byId: Map<string, Claim>;
	/** Claims that exist but did not validate: a question naming them is not told they are unknown. */
	invalidIds: Set<string>;
	/** The file (or its `claims:` list) could not be read at all. */
	unreadable: boolean;
	problems: Problem[];
}

export function readClaims(source: YamlSource, paragraphs: Paragraph[]): ClaimsFile {
	const result: ClaimsFile = {
		claims: [],
		byId: new Map(),
		invalidIds: new Set(),
		unreadable: false,
		problems: [...source.problems]
	};
	const data = source.data();
	const file = data === undefined ? undefined : claimsFileSchema.safeParse(data);
	if (!file?.success) {
		if (file) result.problems.push(...source.schemaProblems(file.error));
		result.unreadable = true;
		return result;
	}
	const firstAt = new Map<string, number>();
	file.data.claims.forEach((raw, index) => {
		const at = (path: PropertyKey[], message: string) =>
			result.problems.push(source.at(['claims', index, ...path], message));
		const parsed = claimSchema.safeParse(raw);
		if (!parsed.success) {
			result.problems.push(...source.schemaProblems(parsed.error, ['claims', index]));
			const id = raw !== null && typeof raw === 'object' && 'id' in raw ? raw.id : undefined;
			if (typeof id === 'string') result.invalidIds.add(id);
			return;
		}
		const claim = parsed.data;
		const first = firstAt.get(claim.id);
		if (first !== undefined) {
			const where = source.at(['claims', first, 'id'], '');
			at(
				['id'],
				`duplicate claim id "${claim.id}": already used at ${where.file}:${where.line}:${where.column}`
			);
			return;
		}
		firstAt.set(claim.id, index);
		result.claims.push(claim);
		result.byId.set(claim.id, claim);

		const paragraph = paragraphs[claim.paragraph - 1];
		if (!paragraph) {
			// No paragraphs at all: article.md's own problem says why.
			if (paragraphs.length) {
				at(
					['paragraph'],
					`claim is in ¶${claim.paragraph}, but the article has ${paragraphs.length} paragraphs (¶1–¶${paragraphs.length})`
				);
			}
			return;
		}
		const mismatch = quoteMismatch(paragraph.text, claim.paragraph, claim.quote);
		if (mismatch) at(['quote'], mismatch);
	});
	return result;
}

/** Where a question came from (as in load.ts), so problems can point at it. */
interface LocatedQuestion {
	question: Question;
	source: YamlSource;
	index: number;
}

/**
 * The claims each question names: known ids, each once, and for a claim that is someone else's
 * (`attributed`) or the author's (`judgment`), an explanation that says whose it is.
 */
export function checkClaimsOfQuestions(
	located: LocatedQuestion[],
	claims: ClaimsFile | undefined,
	author: string | undefined
): Problem[] {
	const problems: Problem[] = [];
	for (const { question: q, source, index } of located) {
		const at = (path: PropertyKey[], message: string) =>
			problems.push(source.at(['questions', index, ...path], message));
		const seen = new Set<string>();
		(q.claims ?? []).forEach((id, i) => {
			if (seen.has(id)) {
				at(['claims', i], `claim "${id}" is listed twice`);
				return;
			}
			seen.add(id);
			if (!claims) {
				at(['claims', i], `names claim "${id}", but the module has no ${CLAIMS_FILE}`);
				return;
			}
			const claim = claims.byId.get(id);
			if (!claim) {
				if (claims.unreadable || claims.invalidIds.has(id)) return;
				at(['claims', i], `names unknown claim "${id}": ${CLAIMS_FILE} has no claim with that id`);
				return;
			}
			const missing = missingAttribution(q.explanation, claim, author);
			if (missing) at(['explanation'], missing);
		});
	}
	return problems;
}

/**
 * Why an explanation of a question about `claim` does not say whose claim it is, or undefined when
 * it does (or when the claim is the author's plain report). Only the explanation is read: it is
 * what every type has, and what the learner sees with the key.
 */
export function missingAttribution(
	explanation: string,
	claim: Claim,
	author?: string
): string | undefined {
	if (claim.by === 'reported') return undefined;
	const named = [claim.source, ...claim.aliases].filter((s): s is string => !!s);
	const words = claim.by === 'judgment' ? [...named, ...judgmentMarkers(author)] : named;
	if (words.some((w) => mentions(explanation, w))) return undefined;
	const list = words.map((w) => `"${w}"`).join(', ');
	return claim.by === 'attributed'
		? `claim "${claim.id}" is attributed to ${claim.source}: the explanation must say so (name one of ${list})`
		: `claim "${claim.id}" is the author's judgment: the explanation must say so (use one of ${list})`;
}

/** `text` contains `words` as whole words, ignoring case, spacing and the kind of apostrophe. */
export function mentions(text: string, words: string): boolean {
	const fold = (s: string) => normalizeWhitespace(s).replace(/[’‘]/g, "'").toLowerCase();
	const needle = fold(words).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	if (!needle) return false;
	return new RegExp(`(?<![\\p{L}\\p{N}])${needle}(?![\\p{L}\\p{N}])`, 'u').test(fold(text));
}

/** How many of the claims the questions examine, and against which goal. */
export interface ClaimCoverage {
	total: number;
	examined: number;
	/** Examined share in whole percent, rounded down, so it never shows a goal met that is not. */
	percent: number;
	/** coverage.claims, a share from 0 to 1, when module.yaml sets it. */
	goal?: number;
	/** Whether the goal is met; true when there is no goal. */
	met: boolean;
	/** In claims.yaml order. */
	unexamined: Claim[];
}

export function claimCoverage(
	claims: Claim[],
	questions: Pick<Question, 'claims'>[],
	goal?: number
): ClaimCoverage {
	const named = new Set(questions.flatMap((q) => q.claims ?? []));
	const unexamined = claims.filter((c) => !named.has(c.id));
	const total = claims.length;
	const examined = total - unexamined.length;
	return {
		total,
		examined,
		percent: total ? Math.floor((100 * examined) / total) : 100,
		goal,
		met: goal === undefined || (total ? examined / total : 1) >= goal,
		unexamined
	};
}

const percentOf = (share: number) => `${Number((share * 100).toFixed(2))}%`;

/** A module whose claims fall short of module.yaml's coverage.claims, as a problem there. */
export function checkClaimsGoal(
	file: ModuleFile,
	source: YamlSource,
	located: LocatedQuestion[],
	claims: ClaimsFile | undefined
): Problem[] {
	const goal = file.coverage.claims;
	if (goal === undefined) return [];
	const at = (message: string) => [source.at(['coverage', 'claims'], message)];
	if (!claims) return at(`coverage.claims sets a goal, but the module has no ${CLAIMS_FILE}`);
	const c = claimCoverage(
		claims.claims,
		located.map((l) => l.question),
		goal
	);
	if (c.met) return [];
	return at(
		`claims: ${c.examined} of ${c.total} examined (${c.percent}%); coverage.claims asks for at least ${percentOf(goal)}. Not examined: ${c.unexamined.map((u) => u.id).join(', ')}`
	);
}

/** The claims part of the coverage report (`npm run check:questions`), line by line. */
export function claimReport(module: Module): string[] {
	if (!module.claims) return [`  claims: no ${CLAIMS_FILE}`];
	const c = claimCoverage(module.claims.items, module.questions, module.claims.goal);
	const goal =
		c.goal === undefined ? 'no goal set' : `goal ${percentOf(c.goal)} ${c.met ? '✓' : '✗'}`;
	const lines = [`  claims: ${c.examined} of ${c.total} examined (${c.percent}%), ${goal}`];
	if (!c.unexamined.length) return [...lines, '  claims no question examines: none'];
	const width = Math.max(...c.unexamined.map((u) => u.id.length));
	const byWidth = Math.max(...c.unexamined.map((u) => u.by.length));
	return [
		...lines,
		`  claims no question examines (${c.unexamined.length}):`,
		...c.unexamined.map(
			(u) =>
				`    ${u.id.padEnd(width)}  ${`¶${u.paragraph}`.padEnd(4)} ${u.by.padEnd(byWidth)}  "${shorten(u.quote, 60)}"`
		)
	];
}

/** The start of a quote, cut at a word and marked with an ellipsis when it is longer than `max`. */
export function shorten(quote: string, max: number): string {
	const text = normalizeWhitespace(quote);
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
