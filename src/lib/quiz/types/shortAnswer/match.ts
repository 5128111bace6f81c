/**
 * How a short answer is matched: rules a teacher can predict, written out in the README ("How
 * short answers are matched") and held to by `tests/quiz/shortAnswerMatch.test.ts`.
 *
 * An answer is read as a list of tokens, not as a string:
 *
 * - words: lower case, apostrophes and dots inside a word dropped ("Astana’s" = "astanas",
 *   "p.m." = "pm"); every other punctuation mark or symbol separates words, as spaces do;
 * - numbers, read as numbers: digits with or without thousands separators ("1,460,000",
 *   "1 460 000"), decimals kept ("1.46" is never "146"), number words ("twenty-nine", "a hundred",
 *   "two thousand five hundred"), scales ("1.46 million", "1.46m", "2.5 thousand", "2.5k") and
 *   ordinals ("10th", "tenth" are 10);
 * - dates: a month with a day ("January 10", "Jan. 10th", "10 January", "the 10th of January",
 *   "January tenth"), with or without a year; a year is compared only when both sides give one.
 *
 * Then leading words that carry nothing ("the", "a", "on", "about"…) are dropped, and trailing
 * words of the learner's answer that only repeat the prompt ("29 Kazakh citizens" to "How many
 * Kazakh citizens…") may be dropped. Two answers match when their tokens are equal one for one.
 */
import type { Cite } from '../../../content/schema.ts';

/** One accepted answer: a text, a number with a tolerance, or a pattern with `*` wildcards. */
export type AcceptedAnswer = string | { number: number; tolerance?: number } | { pattern: string };

/** A wrong answer the author expects, with its own feedback. */
export interface WrongAnswer {
	answer: string;
	feedback: string;
	cites?: Cite[];
}

export interface MatchKey {
	/** The question's prompt: trailing answer words it already holds may be dropped. */
	prompt?: string;
	accepted: readonly AcceptedAnswer[];
	wrong?: readonly WrongAnswer[];
	/** One slip in a word of six letters or more is forgiven, unless this is false. */
	typos?: boolean;
}

export type MatchResult =
	| {
			kind: 'accepted';
			/** Which accepted answer matched. */
			index: number;
			/** Present when a spelling slip was forgiven: the accepted answer as written. */
			spelling?: string;
	  }
	| { kind: 'listed-wrong'; index: number; wrong: WrongAnswer }
	| { kind: 'refused' };

type Token =
	| { t: 'w'; s: string }
	| { t: 'n'; v: number; ordinal: boolean }
	| { t: 'd'; month: number; day: number; year?: number };

/** Words of six letters or more may have one slip (Damerau-Levenshtein distance 1). */
export const TYPO_MIN_LETTERS = 6;

/** Leading words that never change an answer. */
const LEADING = new Set([
	'a',
	'an',
	'the',
	'on',
	'in',
	'at',
	'by',
	'of',
	'from',
	'to',
	'about',
	'around',
	'approximately',
	'approx',
	'roughly',
	'some',
	'circa',
	'ca'
]);

const UNITS: Record<string, number> = {
	zero: 0,
	one: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9
};
const TEENS: Record<string, number> = {
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19
};
const TENS: Record<string, number> = {
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90
};
const ORDINAL_UNITS: Record<string, number> = {
	first: 1,
	second: 2,
	third: 3,
	fourth: 4,
	fifth: 5,
	sixth: 6,
	seventh: 7,
	eighth: 8,
	ninth: 9
};
const ORDINAL_TEENS: Record<string, number> = {
	tenth: 10,
	eleventh: 11,
	twelfth: 12,
	thirteenth: 13,
	fourteenth: 14,
	fifteenth: 15,
	sixteenth: 16,
	seventeenth: 17,
	eighteenth: 18,
	nineteenth: 19
};
const ORDINAL_TENS: Record<string, number> = {
	twentieth: 20,
	thirtieth: 30,
	fortieth: 40,
	fiftieth: 50,
	sixtieth: 60,
	seventieth: 70,
	eightieth: 80,
	ninetieth: 90
};
const SCALES: Record<string, number> = {
	thousand: 1e3,
	million: 1e6,
	mn: 1e6,
	mln: 1e6,
	billion: 1e9,
	bn: 1e9,
	trillion: 1e12
};
const ORDINAL_SCALES: Record<string, number> = {
	thousandth: 1e3,
	millionth: 1e6,
	billionth: 1e9
};
/** Letters written right after digits that scale them: "1.46m", "2.5k", "3bn". */
const SUFFIX_SCALES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);

const MONTHS: Record<string, number> = {
	january: 1,
	jan: 1,
	february: 2,
	feb: 2,
	march: 3,
	mar: 3,
	april: 4,
	apr: 4,
	may: 5,
	june: 6,
	jun: 6,
	july: 7,
	jul: 7,
	august: 8,
	aug: 8,
	september: 9,
	sep: 9,
	sept: 9,
	october: 10,
	oct: 10,
	november: 11,
	nov: 11,
	december: 12,
	dec: 12
};
const MONTH_NAMES = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];

/**
 * A number as written with digits: thousands grouped by commas or by single spaces (groups of
 * exactly three digits), an optional decimal part.
 */
const NUMERAL =
	/\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+/uy;
const LETTERS = /\p{L}[\p{L}\p{M}]*/uy;

/** A table lookup that never finds `constructor` and friends on the prototype. */
function get(table: Record<string, number>, key: string | undefined): number | undefined {
	return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

type Raw = { t: 'w'; s: string } | { t: 'n'; v: number; ordinal: boolean; scaled: boolean };

/** Case, compatibility forms, apostrophes and dots inside words. */
function clean(text: string): string {
	return (
		text
			.replace(/\p{Cc}/gu, ' ')
			.normalize('NFKC')
			.toLocaleLowerCase('en')
			// Apostrophes inside a word: "astana’s" = "astanas", "don't" = "dont".
			.replace(/(?<=\p{L})['’ʼ‘`´](?=\p{L})/gu, '')
			// Dots between letters: "p.m." = "pm", "u.s." = "us".
			.replace(/(?<=\p{L})\.(?=\p{L})/gu, '')
			.replace(/%/g, ' percent ')
	);
}

/** Words and digit numbers, everything else being a separator. */
function scan(text: string): Raw[] {
	const s = clean(text);
	const raw: Raw[] = [];
	let i = 0;
	while (i < s.length) {
		NUMERAL.lastIndex = i;
		const number = NUMERAL.exec(s);
		if (number) {
			i = NUMERAL.lastIndex;
			let v = Number(number[0].replace(/[^\d.]/g, ''));
			LETTERS.lastIndex = i;
			const suffix = LETTERS.exec(s);
			let ordinal = false;
			let scaled = false;
			if (suffix && ORDINAL_SUFFIXES.has(suffix[0]) && Number.isInteger(v)) {
				ordinal = true;
				i = LETTERS.lastIndex;
			} else if (suffix && get(SUFFIX_SCALES, suffix[0]) !== undefined) {
				v = scale(v, get(SUFFIX_SCALES, suffix[0])!);
				scaled = true;
				i = LETTERS.lastIndex;
			}
			raw.push({ t: 'n', v, ordinal, scaled });
			continue;
		}
		LETTERS.lastIndex = i;
		const word = LETTERS.exec(s);
		if (word) {
			raw.push({ t: 'w', s: word[0] });
			i = LETTERS.lastIndex;
			continue;
		}
		i++;
	}
	return raw;
}

/** Multiplies without the float noise of e.g. 1.46 × 10⁶. */
function scale(v: number, by: number): number {
	return Number((v * by).toPrecision(15));
}

const word = (raw: Raw | undefined): string | undefined => (raw?.t === 'w' ? raw.s : undefined);

interface Parsed {
	v: number;
	end: number;
	ordinal: boolean;
}

/** Below a thousand: "seven", "twenty-nine", "a hundred and five", "5 hundred", "2.5", "tenth". */
function group(raw: Raw[], i: number): Parsed | null {
	const first = raw[i];
	if (!first) return null;
	let v: number;
	let j = i + 1;
	if (first.t === 'n') {
		if (first.ordinal || first.scaled) return { v: first.v, end: j, ordinal: first.ordinal };
		v = first.v;
		if (!(Number.isInteger(v) && v >= 1 && v <= 9 && word(raw[j])?.startsWith('hundred'))) {
			return { v, end: j, ordinal: false };
		}
	} else {
		const w = first.s;
		const ordinalWord = get(ORDINAL_UNITS, w) ?? get(ORDINAL_TEENS, w) ?? get(ORDINAL_TENS, w);
		if (ordinalWord !== undefined) return { v: ordinalWord, end: j, ordinal: true };
		const tens = get(TENS, w);
		const next = word(raw[j]);
		if (tens !== undefined) {
			const unit = get(UNITS, next);
			if (unit !== undefined && unit > 0) return { v: tens + unit, end: j + 1, ordinal: false };
			const nth = get(ORDINAL_UNITS, next);
			if (nth !== undefined) return { v: tens + nth, end: j + 1, ordinal: true };
			return { v: tens, end: j, ordinal: false };
		}
		const teen = get(TEENS, w);
		if (teen !== undefined) return { v: teen, end: j, ordinal: false };
		const scaleNext =
			next !== undefined && (next.startsWith('hundred') || get(SCALES, next) !== undefined);
		const unit = get(UNITS, w);
		if (unit !== undefined) v = unit;
		else if ((w === 'a' || w === 'an') && scaleNext) v = 1;
		else return null;
		if (!word(raw[j])?.startsWith('hundred')) return { v, end: j, ordinal: false };
	}
	// "hundred" or "hundredth" follows.
	const h = word(raw[j])!;
	if (h === 'hundredth') return { v: v * 100, end: j + 1, ordinal: true };
	if (h !== 'hundred') return { v, end: j, ordinal: false };
	v *= 100;
	j++;
	const and = word(raw[j]) === 'and' ? 1 : 0;
	const rest = raw[j + and]?.t === 'w' ? group(raw, j + and) : null;
	if (rest && rest.v < 100 && Number.isInteger(rest.v)) {
		return { v: v + rest.v, end: rest.end, ordinal: rest.ordinal };
	}
	return { v, end: j, ordinal: false };
}

/** A whole number phrase: groups joined by falling scales ("two thousand five hundred"). */
function numberPhrase(raw: Raw[], i: number): Parsed | null {
	const g = group(raw, i);
	if (!g) return null;
	let total = 0;
	let current = g.v;
	let end = g.end;
	let ordinal = g.ordinal;
	let last = Infinity;
	while (!ordinal) {
		const w = word(raw[end]);
		const by = get(SCALES, w) ?? get(ORDINAL_SCALES, w);
		if (by === undefined || by >= last) break;
		const first = raw[i];
		if (first?.t === 'n' && first.scaled) break;
		total += scale(current, by);
		current = 0;
		last = by;
		end++;
		if (get(ORDINAL_SCALES, w) !== undefined) {
			ordinal = true;
			break;
		}
		const and = word(raw[end]) === 'and' ? 1 : 0;
		const next = group(raw, end + and);
		if (!next || next.v >= by) break;
		current = next.v;
		end = next.end;
		ordinal = next.ordinal;
	}
	return { v: scale(total + current, 1), end, ordinal };
}

function numbers(raw: Raw[]): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < raw.length) {
		const parsed = numberPhrase(raw, i);
		if (parsed) {
			out.push({ t: 'n', v: parsed.v, ordinal: parsed.ordinal });
			i = parsed.end;
		} else {
			const r = raw[i]!;
			out.push(r.t === 'w' ? r : { t: 'n', v: r.v, ordinal: r.ordinal });
			i++;
		}
	}
	return out;
}

const isDay = (t: Token | undefined): t is { t: 'n'; v: number; ordinal: boolean } =>
	t?.t === 'n' && Number.isInteger(t.v) && t.v >= 1 && t.v <= 31;
const isYear = (t: Token | undefined): t is { t: 'n'; v: number; ordinal: boolean } =>
	t?.t === 'n' && !t.ordinal && Number.isInteger(t.v) && t.v >= 1000 && t.v <= 2999;
const monthOf = (t: Token | undefined): number | undefined =>
	t?.t === 'w' ? get(MONTHS, t.s) : undefined;

function dates(tokens: Token[]): Token[] {
	const out: Token[] = [];
	let i = 0;
	while (i < tokens.length) {
		const t = tokens[i]!;
		let month: number | undefined;
		let day: number | undefined;
		let end = i;
		// January 10 · Jan 10th · January tenth
		if (monthOf(t) !== undefined && isDay(tokens[i + 1])) {
			month = monthOf(t);
			day = (tokens[i + 1] as { v: number }).v;
			end = i + 2;
		} else if (isDay(t)) {
			// 10 January · 10th of January
			const of = tokens[i + 1]?.t === 'w' && (tokens[i + 1] as { s: string }).s === 'of' ? 1 : 0;
			const m = monthOf(tokens[i + 1 + of]);
			if (m !== undefined) {
				month = m;
				day = t.v;
				end = i + 2 + of;
			}
		}
		if (month === undefined || day === undefined) {
			out.push(t);
			i++;
			continue;
		}
		const year = tokens[end];
		if (isYear(year)) {
			out.push({ t: 'd', month, day, year: year.v });
			end++;
		} else {
			out.push({ t: 'd', month, day });
		}
		i = end;
	}
	return out;
}

/** An answer as tokens: words, numbers and dates. */
function tokenize(text: string): Token[] {
	return dates(numbers(scan(text)));
}

function render(token: Token): string {
	if (token.t === 'w') return token.s;
	if (token.t === 'n') return String(token.v);
	const date = `${MONTH_NAMES[token.month - 1]} ${token.day}`;
	return token.year === undefined ? date : `${date} ${token.year}`;
}

/**
 * An answer in the form the matcher compares: words in lower case, numbers in digits without
 * grouping, dates as "january 10". "" when the text holds no letter or digit.
 */
export function normalizeAnswer(text: string): string {
	return tokenize(text).map(render).join(' ');
}

/** Drops leading words that carry nothing ("the", "a", "on", "about"…), keeping at least one. */
function withoutLeading(tokens: Token[]): Token[] {
	let i = 0;
	while (i < tokens.length - 1) {
		const t = tokens[i]!;
		if (t.t !== 'w' || !LEADING.has(t.s)) break;
		i++;
	}
	return tokens.slice(i);
}

/**
 * The answer, then the answer without one, two… of its trailing words that appear in the prompt
 * ("29 Kazakh citizens" → "29 Kazakh" → "29"), never dropping a number, a date or its first token.
 */
function readings(tokens: Token[], prompt: Set<string>): Token[][] {
	const out = [tokens];
	let end = tokens.length;
	while (end > 1) {
		const t = tokens[end - 1]!;
		if (t.t !== 'w' || !(prompt.has(t.s) || (t.s.endsWith('s') && prompt.has(t.s.slice(0, -1))))) {
			break;
		}
		end--;
		out.push(tokens.slice(0, end));
	}
	return out;
}

function promptWords(prompt: string | undefined): Set<string> {
	if (!prompt) return new Set();
	const words = tokenize(prompt).flatMap((t) => (t.t === 'w' ? [t.s] : []));
	// "citizens" in the prompt also covers "citizen" in the answer.
	return new Set(words.flatMap((w) => (w.endsWith('s') ? [w, w.slice(0, -1)] : [w])));
}

function sameNumber(a: number, b: number): boolean {
	return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function sameToken(a: Token, b: Token): boolean {
	if (a.t === 'w' && b.t === 'w') return a.s === b.s;
	if (a.t === 'n' && b.t === 'n') return sameNumber(a.v, b.v);
	if (a.t === 'd' && b.t === 'd') {
		return (
			a.month === b.month &&
			a.day === b.day &&
			(a.year === undefined || b.year === undefined || a.year === b.year)
		);
	}
	return false;
}

/** True when two words differ by exactly one insertion, deletion, substitution or swap. */
export function oneSlipApart(a: string, b: string): boolean {
	if (a === b || Math.abs(a.length - b.length) > 1) return false;
	const x = [...a];
	const y = [...b];
	if (x.length === y.length) {
		const diff: number[] = [];
		for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
		if (diff.length === 1) return true;
		const [i, j] = diff;
		return diff.length === 2 && j === i! + 1 && x[i!] === y[j] && x[j] === y[i!];
	}
	const [long, short] = x.length > y.length ? [x, y] : [y, x];
	let i = 0;
	while (i < short.length && long[i] === short[i]) i++;
	return long.slice(i + 1).join('') === short.slice(i).join('');
}

/**
 * Whether the given tokens equal the accepted ones: exactly, or (with typos) but for one slip in
 * one word of the accepted answer that has six letters or more.
 */
function compare(given: Token[], accepted: Token[], typos: boolean): 'exact' | 'slip' | false {
	if (given.length !== accepted.length) return false;
	let slips = 0;
	for (let i = 0; i < given.length; i++) {
		const g = given[i]!;
		const a = accepted[i]!;
		if (sameToken(g, a)) continue;
		if (
			typos &&
			g.t === 'w' &&
			a.t === 'w' &&
			[...a.s].length >= TYPO_MIN_LETTERS &&
			oneSlipApart(g.s, a.s)
		) {
			slips++;
			if (slips > 1) return false;
			continue;
		}
		return false;
	}
	return slips ? 'slip' : 'exact';
}

/**
 * A pattern as a regular expression over normalised text: `*` matches any run of characters
 * (none included); the pieces between the stars are normalised like any answer.
 */
function patternRegExp(pattern: string): RegExp {
	const pieces = pattern.split('*').map((piece, i) => {
		const tokens = tokenize(piece);
		const kept = i === 0 ? withoutLeading(tokens) : tokens;
		return kept.map(render).join(' ');
	});
	const escaped = pieces.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${escaped.join('.*')}$`, 'u');
}

/** True when a pattern is nothing but stars (and what normalisation removes). */
export function isEmptyPattern(pattern: string): boolean {
	return pattern.split('*').every((piece) => normalizeAnswer(piece) === '');
}

/** One accepted answer against the learner's readings. */
function acceptedMatch(
	entry: AcceptedAnswer,
	given: Token[][],
	typos: boolean
): 'exact' | 'slip' | false {
	if (typeof entry === 'string') {
		const accepted = withoutLeading(tokenize(entry));
		let slip = false;
		for (const reading of given) {
			const result = compare(reading, accepted, typos);
			if (result === 'exact') return 'exact';
			if (result === 'slip') slip = true;
		}
		return slip ? 'slip' : false;
	}
	if ('number' in entry) {
		const tolerance = Math.max(0, entry.tolerance ?? 0);
		return given.some((reading) => {
			const [only] = reading;
			return (
				reading.length === 1 &&
				only!.t === 'n' &&
				(Math.abs(only!.v - entry.number) <= tolerance || sameNumber(only!.v, entry.number))
			);
		})
			? 'exact'
			: false;
	}
	const re = patternRegExp(entry.pattern);
	return given.some((reading) => re.test(reading.map(render).join(' '))) ? 'exact' : false;
}

/**
 * Matches a learner's answer against a question's key. An exact match to any accepted answer
 * wins; then a match with one spelling slip (unless `typos` is false); then a listed wrong answer
 * (compared exactly, after the same normalisation); otherwise the answer is refused.
 */
export function matchAnswer(text: string, key: MatchKey): MatchResult {
	const typos = key.typos ?? true;
	const tokens = withoutLeading(tokenize(text));
	if (!tokens.length) return { kind: 'refused' };
	const given = readings(tokens, promptWords(key.prompt));
	let slip: number | undefined;
	for (let index = 0; index < key.accepted.length; index++) {
		const result = acceptedMatch(key.accepted[index]!, given, typos);
		if (result === 'exact') return { kind: 'accepted', index };
		if (result === 'slip' && slip === undefined) slip = index;
	}
	if (slip !== undefined) {
		return { kind: 'accepted', index: slip, spelling: String(key.accepted[slip]) };
	}
	for (let index = 0; index < (key.wrong ?? []).length; index++) {
		const wrong = key.wrong![index]!;
		if (acceptedMatch(wrong.answer, given, false) === 'exact') {
			return { kind: 'listed-wrong', index, wrong };
		}
	}
	return { kind: 'refused' };
}

/** An accepted answer in words, for "show answer" and the exports. */
export function acceptedInWords(entry: AcceptedAnswer): string {
	if (typeof entry === 'string') return entry;
	if ('number' in entry) {
		return entry.tolerance ? `${entry.number} (± ${entry.tolerance})` : String(entry.number);
	}
	return entry.pattern;
}

/** A text that an accepted answer accepts: the text, the number, or the pattern without its stars. */
export function exampleAnswer(entry: AcceptedAnswer): string {
	if (typeof entry === 'string') return entry;
	if ('number' in entry) return String(entry.number);
	return entry.pattern.replace(/\*/g, ' ').replace(/\s+/g, ' ').trim();
}
