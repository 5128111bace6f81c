/**
 * Item-writing cues: ways a question can be answered without reading the article (the key is the
 * longest choice, only the distractors say "always", Part B repeats Part A's words…). They are
 * warnings, never problems: they do not fail `npm run check:questions` or the loader. Thresholds
 * come from module.yaml `cues` (`moduleFileSchema` in schema.ts; README "Adding a module").
 *
 * Pure functions over a loaded module; the loader passes in where each question and each
 * module.yaml threshold is, so every warning points at `file:line:column` like a problem does.
 *
 * Everything here is a heuristic over words, not an understanding of them: a warning asks an
 * author to look, and an author may decide the item is fine.
 */
import { byPosition, type Problem } from './problems.ts';
import { findQuote } from './quote.ts';
import type { Choice, CueRules, Module, Paragraph, Question, Truth } from './schema.ts';
import { sentenceSpans } from './sentences.ts';
import { TRUTH_VALUES } from './terms.ts';

/** Bank rates (longest key, true/false/not stated, key positions) need this many items to mean anything. */
export const BANK_MIN_ITEMS = 5;
/** With no `cues.longestKeyRate`, the longest-key rate may exceed chance by this much. */
export const LONGEST_KEY_MARGIN = 0.1;

export const ABSOLUTE_WORDS = [
	'all',
	'every',
	'never',
	'only',
	'whatever',
	'always',
	'none',
	'entirely',
	'completely'
] as const;
/** "about" counts only before a number ("about 2,000"), not as a preposition ("a story about"). */
export const HEDGE_WORDS = [
	'may',
	'might',
	'some',
	'often',
	'about',
	'approximately',
	'suggests',
	'appears',
	'likely',
	'can'
] as const;

/** Rules judged per question, in report order. */
export const QUESTION_RULES = [
	'longer-key',
	'absolute-words',
	'hedge-words',
	'part-b-repeats',
	'claim-repeats',
	'stem-contradicts'
] as const;
export type QuestionRule = (typeof QUESTION_RULES)[number];
/** Rules judged over the whole bank. */
export type CueRule = QuestionRule | 'longest-key-rate' | 'truth-balance' | 'key-position';

export interface Warning extends Problem {
	rule: CueRule;
	/** The question concerned; absent for a bank-wide warning. */
	question?: string;
}

export function formatWarning(w: Problem): string {
	return `${w.file}:${w.line}:${w.column} warning: ${w.message}`;
}

/** Where things are, supplied by the loader. */
export interface CueLocations {
	/** A path inside a question, e.g. `['choices', 2, 'text']`. */
	question(id: string, path: readonly PropertyKey[], message: string): Problem;
	/** A threshold in module.yaml (or the nearest thing that exists: the cues block, the file). */
	rule(key: keyof CueRules, message: string): Problem;
}

export interface CueReport {
	/** The thresholds judged against (module.yaml `cues`, with defaults). */
	rules: CueRules;
	/** Per question and bank-wide, in file order. */
	warnings: Warning[];
	longestKey: {
		/** Choice lists whose strictly longest choice is a key (Part A and Part B count apart). */
		count: number;
		total: number;
		rate: number;
		/** What guessing "the longest" would get by luck: the mean of keys / choices. */
		chance: number;
		threshold: number;
		/** Judged only with at least BANK_MIN_ITEMS choice lists. */
		over: boolean;
	};
	/** Question ids flagged by each per-question rule. */
	flagged: Record<QuestionRule, string[]>;
	truth: {
		counts: Record<Truth, number>;
		points: Record<Truth, number>;
		total: number;
		totalPoints: number;
		over: boolean;
	};
	/** Where the key of each single-choice question sits (A = first). */
	keyPositions: { counts: number[]; total: number; over: boolean };
}

interface ChoiceList {
	question: Question;
	/** Path of the list inside the question: `[]` or `['partB']`. */
	prefix: PropertyKey[];
	stem: string;
	choices: Choice[];
	keys: string[];
}

function choiceLists(q: Question): ChoiceList[] {
	if (q.type === 'single-choice')
		return [{ question: q, prefix: [], stem: q.prompt, choices: q.choices, keys: [q.answer] }];
	if (q.type === 'multiple-choice')
		return [{ question: q, prefix: [], stem: q.prompt, choices: q.choices, keys: q.answers }];
	if (q.type === 'two-part')
		return [
			{ question: q, prefix: [], stem: q.prompt, choices: q.choices, keys: [q.answer] },
			{
				question: q,
				prefix: ['partB'],
				stem: q.partB.prompt,
				choices: q.partB.choices,
				keys: [q.partB.answer]
			}
		];
	return [];
}

export function cueReport(module: Module, rules: CueRules, at: CueLocations): CueReport {
	const warnings: Warning[] = [];
	const flagged = Object.fromEntries(QUESTION_RULES.map((rule) => [rule, []])) as unknown as Record<
		QuestionRule,
		string[]
	>;
	const warn = (rule: QuestionRule, q: Question, path: PropertyKey[], message: string) => {
		warnings.push({ ...at.question(q.id, path, message), rule, question: q.id });
		if (!flagged[rule].includes(q.id)) flagged[rule].push(q.id);
	};
	const names = properNounTest(module.article.paragraphs);

	// Rule 1: the key is the longest choice.
	let longest = 0;
	let chanceSum = 0;
	const lists = module.questions.flatMap(choiceLists);
	for (const list of lists) {
		const { keys, choices } = list;
		chanceSum += keys.length / choices.length;
		const length = (c: Choice) => squash(c.text).length;
		const max = Math.max(...choices.map(length));
		const atMax = choices.filter((c) => length(c) === max);
		if (atMax.length !== 1 || !keys.includes(atMax[0]!.id)) continue;
		longest++;
		const key = atMax[0]!;
		const distractorMax = Math.max(...choices.filter((c) => !keys.includes(c.id)).map(length), 0);
		const by = distractorMax ? max / distractorMax - 1 : Infinity;
		if (by >= rules.longerBy) {
			warn(
				'longer-key',
				list.question,
				[...list.prefix, 'choices', choices.indexOf(key), 'text'],
				`${part(list)}the key "${key.id}" is the longest choice, ${percent(by)} longer than any distractor (cues.longerBy ${percent(rules.longerBy)})`
			);
		}
	}
	const chance = lists.length ? chanceSum / lists.length : 0;
	const threshold = rules.longestKeyRate ?? chance + LONGEST_KEY_MARGIN;
	const rate = lists.length ? longest / lists.length : 0;
	const longestKey = {
		count: longest,
		total: lists.length,
		rate,
		chance,
		threshold,
		over: lists.length >= BANK_MIN_ITEMS && rate > threshold
	};
	if (longestKey.over) {
		warnings.push({
			...at.rule(
				'longestKeyRate',
				`the key is the longest choice in ${longest} of ${lists.length} choice lists (${percent(rate)}; cues.longestKeyRate ${percent(threshold)}${rules.longestKeyRate === undefined ? `, chance ${percent(chance)} + ${percent(LONGEST_KEY_MARGIN)}` : ''})`
			),
			rule: 'longest-key-rate'
		});
	}

	for (const list of lists) {
		const q = list.question;
		const keyChoices = list.choices.filter((c) => list.keys.includes(c.id));
		const distractors = list.choices.filter((c) => !list.keys.includes(c.id));
		const path = (c: Choice) => [...list.prefix, 'choices', list.choices.indexOf(c), 'text'];

		// Rule 2: absolutes only in distractors, hedges only in keys.
		const absolutes = (c: Choice) => cueWords(c.text, ABSOLUTE_WORDS);
		const hedges = (c: Choice) => cueWords(c.text, HEDGE_WORDS);
		if (!keyChoices.some((c) => absolutes(c).length)) {
			const found = distractors.filter((c) => absolutes(c).length);
			if (found.length) {
				warn(
					'absolute-words',
					q,
					path(found[0]!),
					`${part(list)}absolute words only in distractors: ${wordsIn(found, absolutes)}; no key has one`
				);
			}
		}
		if (!distractors.some((c) => hedges(c).length)) {
			const found = keyChoices.filter((c) => hedges(c).length);
			if (found.length) {
				warn(
					'hedge-words',
					q,
					path(found[0]!),
					`${part(list)}hedges only in keys: ${wordsIn(found, hedges)}; no distractor has one`
				);
			}
		}

		// Rule 5: a distractor the stem itself rules out.
		for (const d of distractors) {
			const conflict = stemConflict(list.stem, d.text, names);
			// A key that "conflicts" the same way means the test misread the item: say nothing.
			if (!conflict || keyChoices.some((k) => stemConflict(list.stem, k.text, names))) continue;
			warn(
				'stem-contradicts',
				q,
				path(d),
				`${part(list)}the stem rules out distractor "${d.id}": ${conflict}`
			);
		}
	}

	for (const q of module.questions) {
		// Rule 3: Part B answerable by matching Part A's words.
		if (q.type === 'two-part') {
			const key = q.choices.find((c) => c.id === q.answer);
			const keyB = q.partB.choices.find((c) => c.id === q.partB.answer);
			if (key && keyB) {
				const elsewhere = new Set(
					q.choices.filter((c) => c !== key).flatMap((c) => contentWords(c.text))
				);
				const distinctive = [...new Set(contentWords(key.text))].filter((w) => !elsewhere.has(w));
				const shared = (text: string) => {
					const words = new Set(contentWords(text));
					return distinctive.filter((w) => words.has(w));
				};
				const inKey = shared(keyB.text);
				const best = Math.max(
					0,
					...q.partB.choices.filter((c) => c !== keyB).map((c) => shared(c.text).length)
				);
				if (
					distinctive.length &&
					inKey.length / distinctive.length >= rules.partBRepeats &&
					inKey.length > best
				) {
					warn(
						'part-b-repeats',
						q,
						['partB', 'choices', q.partB.choices.indexOf(keyB), 'text'],
						`Part B's key repeats ${inKey.length} of the ${distinctive.length} distinctive words of Part A's key (${inKey.map((w) => spelling(key.text).get(w) ?? w).join(', ')}), more than any other quote: solvable by matching words (cues.partBRepeats ${percent(rules.partBRepeats)})`
					);
				}
			}
		}

		// Rule 4: an evidence claim that copies its target sentence.
		if (q.type === 'evidence') {
			const claim = [...new Set(contentWords(q.prompt))];
			let best: { share: number; sentence: string } | undefined;
			for (const cite of q.cites) {
				const sentence = targetSentence(module.article.paragraphs, cite.paragraph, cite.quote);
				if (!sentence || !claim.length) continue;
				const words = new Set(contentWords(sentence.text));
				const share = claim.filter((w) => words.has(w)).length / claim.length;
				if (!best || share > best.share) best = { share, sentence: sentence.id };
			}
			if (best && best.share >= rules.claimRepeats) {
				warn(
					'claim-repeats',
					q,
					['prompt'],
					`the claim repeats ${percent(best.share)} of its content words from the sentence it cites (${best.sentence}): finding it tests word search, not reading (cues.claimRepeats ${percent(rules.claimRepeats)})`
				);
			}
		}
	}

	// Rule 6: true / false / not stated in balance.
	const tfns = module.questions.filter((q) => q.type === 'true-false-not-stated');
	const counts = Object.fromEntries(TRUTH_VALUES.map((t) => [t, 0])) as Record<Truth, number>;
	const points = Object.fromEntries(TRUTH_VALUES.map((t) => [t, 0])) as Record<Truth, number>;
	for (const q of tfns) {
		counts[q.answer]++;
		points[q.answer] += q.points;
	}
	const totalPoints = tfns.reduce((sum, q) => sum + q.points, 0);
	const truth = { counts, points, total: tfns.length, totalPoints, over: false };
	if (tfns.length >= BANK_MIN_ITEMS) {
		for (const t of TRUTH_VALUES) {
			const share = counts[t] / tfns.length;
			const pointShare = points[t] / totalPoints;
			if (share > rules.truthShare) {
				truth.over = true;
				warnings.push({
					...at.rule(
						'truthShare',
						`${counts[t]} of ${tfns.length} true / false / not stated answers are "${t}" (${percent(share)}; cues.truthShare ${percent(rules.truthShare)})`
					),
					rule: 'truth-balance'
				});
			} else if (pointShare >= rules.truthPoints) {
				truth.over = true;
				warnings.push({
					...at.rule(
						'truthPoints',
						`answering "${t}" to every true / false / not stated question scores ${percent(pointShare)} of their points (cues.truthPoints ${percent(rules.truthPoints)})`
					),
					rule: 'truth-balance'
				});
			}
		}
	}

	// Optional: single-choice keys piling up in one position.
	const single = module.questions.filter((q) => q.type === 'single-choice');
	const positionCounts: number[] = [];
	for (const q of single) {
		const i = q.choices.findIndex((c) => c.id === q.answer);
		positionCounts[i] = (positionCounts[i] ?? 0) + 1;
	}
	const width = Math.max(0, ...single.map((q) => q.choices.length));
	const positions = Array.from({ length: width }, (_, i) => positionCounts[i] ?? 0);
	const top = Math.max(0, ...positions);
	const keyPositions = {
		counts: positions,
		total: single.length,
		over: single.length >= BANK_MIN_ITEMS && top / single.length > rules.keyPosition
	};
	if (keyPositions.over) {
		warnings.push({
			...at.rule(
				'keyPosition',
				`the key of ${top} of ${single.length} single-choice questions is choice ${letter(positions.indexOf(top))} (${percent(top / single.length)}; cues.keyPosition ${percent(rules.keyPosition)})`
			),
			rule: 'key-position'
		});
	}

	warnings.sort(byPosition);
	return { rules, warnings, longestKey, flagged, truth, keyPositions };
}

/** The bank summary `npm run check:questions` prints after the coverage report. */
export function cueSummary(report: CueReport): string[] {
	const { rules, longestKey: k, truth: t, keyPositions: p } = report;
	const flag = (over: boolean) => (over ? ' ⚠' : '');
	const few = (n: number) => (n < BANK_MIN_ITEMS ? ` (under ${BANK_MIN_ITEMS}: not judged)` : '');
	const labels: Record<QuestionRule, string> = {
		'longer-key': `key ${percent(rules.longerBy)}+ longer than every distractor`,
		'absolute-words': 'absolute words only in distractors',
		'hedge-words': 'hedges only in keys',
		'part-b-repeats': `Part B key repeats Part A key (${percent(rules.partBRepeats)}+)`,
		'claim-repeats': `evidence claim repeats its sentence (${percent(rules.claimRepeats)}+)`,
		'stem-contradicts': 'distractor contradicted by the stem'
	};
	const row = (label: string, value: string) => `    ${`${label}:`.padEnd(44)} ${value}`;
	return [
		`  cues: key is the longest choice in ${k.count} of ${k.total} choice lists (${percent(k.rate)}, threshold ${percent(k.threshold)}, chance ${percent(k.chance)})${flag(k.over)}${few(k.total)}`,
		...QUESTION_RULES.map((rule) => {
			const ids = report.flagged[rule];
			return row(labels[rule], `${ids.length}${ids.length ? ` (${ids.join(', ')})` : ''}`);
		}),
		row(
			'true / false / not stated',
			`${TRUTH_VALUES.map((v) => t.counts[v]).join(' / ')} of ${t.total}${t.total ? ` (${TRUTH_VALUES.map((v) => percent(t.counts[v] / t.total)).join(' / ')})` : ''}${flag(t.over)}${few(t.total)}`
		),
		row(
			'single-choice key positions',
			`${p.counts.map((n, i) => `${letter(i)} ${n}`).join(', ') || 'none'}${flag(p.over)}${few(p.total)}`
		)
	];
}

// ── Words ────────────────────────────────────────────────────────────────────────────────────────

const STOP_WORDS = new Set(
	`a an the and or but nor of in on at to for from by with without as into onto over under about
	after before than then so if is are was were be been being am it its it's this that these those
	he she they them his her hers their theirs him we us our you your i me my which who whom whose
	what when where why how do does did done doing has have had having not no never will would can
	could should shall may might must there here also very just more most much many some any all
	each every only such other own same too both either neither one ones s t`.split(/\s+/)
);

/** Words as written: letters and digits, inner apostrophes, dots, commas, hyphens ("it’s", "12,000", "part-time"). */
function tokens(text: string): string[] {
	return text.match(/[\p{L}\p{N}]+(?:[’'.,-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** A crude stemmer: enough to match "voted" with "vote" and "libraries" with "library". */
export function stem(word: string): string {
	let w = word.toLowerCase().replace(/[’']s$/, '');
	if (/^\p{N}/u.test(w)) return w;
	if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
	for (const suffix of ['ing', 'ed', 'es', 's']) {
		if (w.length > suffix.length + 2 && w.endsWith(suffix) && !w.endsWith('ss')) {
			w = w.slice(0, -suffix.length);
			if (suffix !== 's' && /([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
			break;
		}
	}
	return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** Content words, stemmed: stop words removed. */
export function contentWords(text: string): string[] {
	return tokens(text)
		.map((t) => t.toLowerCase())
		.filter((t) => !STOP_WORDS.has(t.replace(/[’']s$/, '')))
		.map(stem);
}

/** The word as written in `text` for each stem, for messages. */
function spelling(text: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const t of tokens(text)) if (!out.has(stem(t))) out.set(stem(t), t.replace(/[’']s$/, ''));
	return out;
}

/** Which of `list` occur in `text` as whole words ("about" only before a number). */
function cueWords(text: string, list: readonly string[]): string[] {
	const words = tokens(text.toLowerCase());
	const found = words.filter(
		(w, i) => list.includes(w) && (w !== 'about' || /^\p{N}/u.test(words[i + 1] ?? ''))
	);
	return [...new Set(found)];
}

function squash(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

// ── Evidence ─────────────────────────────────────────────────────────────────────────────────────

/** The sentence(s) of ¶`n` holding `quote`, with its id ("¶4.2"). */
function targetSentence(
	paragraphs: Paragraph[],
	n: number,
	quote: string
): { text: string; id: string } | undefined {
	const paragraph = paragraphs[n - 1];
	const span = paragraph && findQuote(paragraph.text, quote);
	if (!paragraph || !span) return undefined;
	const spans = sentenceSpans(paragraph.text);
	const hit = spans
		.map((s, i) => ({ ...s, i }))
		.filter((s) => s.start < span.end && span.start < s.end);
	if (!hit.length) return undefined;
	const first = hit[0]!;
	const last = hit.at(-1)!;
	return {
		text: paragraph.text.slice(first.start, last.end),
		id: `¶${n}.${first.i + 1}${last !== first ? `–${last.i + 1}` : ''}`
	};
}

// ── The stem against a distractor ────────────────────────────────────────────────────────────────

/**
 * Why the stem rules a distractor out, or undefined. Two tests, both shallow on purpose:
 *
 * - A swapped fact: the stem states a number, year, amount, percentage or name, and the distractor
 *   states a different one of the same kind next to the same content word (the nearest content
 *   word before it, or after it, within three words): stem "opened in 1911", choice "opened in
 *   1920". Names are capitalised words that are not sentence-initial, or never lowercase in the
 *   article.
 * - A denied statement: a declarative sentence of the stem negates a word ("not", "never", "no",
 *   "-n't": the first content word within three words after it), and the distractor uses that word
 *   without a negation of its own: stem "Not everyone was pleased", choice "Everyone was pleased".
 *
 * Limits: it knows nothing of meaning. Spelled-out numbers ("two", "twice"), paraphrase ("did not
 * agree" vs "objected"), a name's role, and negations in the question sentence itself ("Which is
 * NOT…?", skipped) are out of its reach; a year the stem gives for one thing and a distractor for
 * another is a false alarm when both sit next to the same word. The caller drops a finding when a
 * key would be flagged the same way, which removes most false alarms.
 */
export function stemConflict(
	stemText: string,
	choice: string,
	isName: (word: string, initial: boolean) => boolean
): string | undefined {
	const s = facts(stemText, isName);
	for (const fact of facts(choice, isName)) {
		if (s.some((f) => f.value === fact.value)) continue;
		for (const f of s) {
			if (f.kind !== fact.kind) continue;
			const anchor =
				f.before && f.before === fact.before
					? f.beforeWord
					: f.after && f.after === fact.after
						? f.afterWord
						: undefined;
			if (anchor) {
				return `it gives the ${fact.kind} ${fact.text} where the stem gives ${f.text} (both next to "${anchor}")`;
			}
		}
	}

	const denied = new Set<string>();
	for (const sentence of stemText.split(/(?<=[.!?])\s+/)) {
		if (sentence.trim().endsWith('?')) continue;
		const words = tokens(sentence);
		words.forEach((w, i) => {
			if (!isNegation(w)) return;
			const next = words.slice(i + 1, i + 4).find((n) => !STOP_WORDS.has(n.toLowerCase()));
			if (next) denied.add(stem(next));
		});
	}
	// A word the stem also uses without a negation is not simply denied.
	const asserted = new Set(affirmed(stemText).map((a) => a.stem));
	const hit = affirmed(choice).find((a) => denied.has(a.stem) && !asserted.has(a.stem));
	return hit && `it says "${hit.word}" where the stem negates it`;
}

function isNegation(word: string): boolean {
	const w = word.toLowerCase();
	return w === 'not' || w === 'never' || w === 'no' || /n[’']t$/.test(w);
}

/** Content words not negated within the three words before them. */
function affirmed(text: string): { word: string; stem: string }[] {
	const words = tokens(text);
	return words
		.filter(
			(w, i) =>
				!STOP_WORDS.has(w.toLowerCase()) && !words.slice(Math.max(0, i - 3), i).some(isNegation)
		)
		.map((word) => ({ word, stem: stem(word) }));
}

interface Fact {
	kind: 'year' | 'amount' | 'percentage' | 'number' | 'name';
	value: string;
	text: string;
	before?: string;
	beforeWord?: string;
	after?: string;
	afterWord?: string;
}

function facts(text: string, isName: (word: string, initial: boolean) => boolean): Fact[] {
	const out: Fact[] = [];
	const re = /[\p{L}\p{N}]+(?:[’'.,-][\p{L}\p{N}]+)*/gu;
	const words = [...text.matchAll(re)].map((m) => ({ w: m[0], at: m.index }));
	words.forEach(({ w, at }, i) => {
		const prev = text.slice(0, at).trimEnd();
		const initial = i === 0 || /[.!?:“"‘(]$/.test(prev);
		let kind: Fact['kind'] | undefined;
		if (/^\p{N}/u.test(w)) {
			const next = words[i + 1]?.w.toLowerCase();
			if (prev.endsWith('$') || prev.endsWith('€') || prev.endsWith('£')) kind = 'amount';
			else if (text[at + w.length] === '%' || next === 'percent') kind = 'percentage';
			else if (/^(1[5-9]|20)\d\d$/.test(w)) kind = 'year';
			else kind = 'number';
		} else if (/^\p{Lu}/u.test(w) && !STOP_WORDS.has(w.toLowerCase()) && isName(w, initial)) {
			kind = 'name';
		}
		if (!kind) return;
		const near = (from: number, step: number) => {
			for (let j = from, n = 0; j >= 0 && j < words.length && n < 3; j += step, n++) {
				const word = words[j]!.w;
				if (!STOP_WORDS.has(word.toLowerCase()) && !/^\p{N}/u.test(word)) return word;
			}
			return undefined;
		};
		const beforeWord = near(i - 1, -1);
		const afterWord = near(i + 1, 1);
		out.push({
			kind,
			value: w.toLowerCase(),
			text: kind === 'amount' ? `${text.slice(0, at).trimEnd().slice(-1)}${w}` : w,
			before: beforeWord && stem(beforeWord),
			beforeWord,
			after: afterWord && stem(afterWord),
			afterWord
		});
	});
	return out;
}

/** A capitalised word is a name when it is not sentence-initial, or the article never lowercases it. */
function properNounTest(paragraphs: Paragraph[]): (word: string, initial: boolean) => boolean {
	const lower = new Set<string>();
	for (const p of paragraphs) for (const t of tokens(p.text)) if (/^\p{Ll}/u.test(t)) lower.add(t);
	return (word, initial) => !initial || !lower.has(word.toLowerCase());
}

// ── Formatting ───────────────────────────────────────────────────────────────────────────────────

function percent(x: number): string {
	return Number.isFinite(x) ? `${Math.round(x * 100)}%` : '∞%';
}

function letter(i: number): string {
	return String.fromCharCode(65 + i);
}

/** `"all" (b), "never", "only" (c)` */
function wordsIn(choices: Choice[], find: (c: Choice) => string[]): string {
	return choices
		.map(
			(c) =>
				`${find(c)
					.map((w) => `"${w}"`)
					.join(', ')} (${c.id})`
		)
		.join(', ');
}

function part(list: ChoiceList): string {
	return list.question.type === 'two-part' ? (list.prefix.length ? 'Part B: ' : 'Part A: ') : '';
}
