/**
 * A QTI 3.0 package: the article as one `qti-assessment-stimulus` whose paragraphs keep the ids
 * the citations use (`p1`, `p2`…), one `qti-assessment-item` per question referring to it, and a
 * `qti-assessment-test` with a section per lesson. Mirrors 1EdTech's shared-stimulus packaging
 * example (qti-examples, `qtiv3-examples/packaging/sharedStimulus`).
 *
 * Response processing is written out rather than taken from the standard templates, because the
 * templates give all-or-nothing scores and Citewise gives partial credit: each item scores what
 * `score()` in `quiz/questions.ts` gives, in the question's points.
 */
import { zipSync, strToU8 } from 'fflate';
import type { Module, Question } from '../content/schema.ts';
import {
	citationLine,
	evidenceCandidates,
	exportFileName,
	lessonOf,
	shortAnswerKeys,
	TRUTH_CHOICES,
	type ExportFile,
	summarize
} from './common.ts';
import { el, raw, xmlDocument, type Element, type Node } from './xml.ts';

const ASI = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
const ASI_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd';
const CP = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
const CP_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export const STIMULUS_ID = 'article';
export const STIMULUS_PATH = 'passages/article.xml';
export const TEST_PATH = 'assessment.xml';

/** QTI identifiers are NCNames; Citewise ids may start with a digit, so every one gets a prefix. */
export const itemId = (id: string) => `q-${id}`;
export const itemPath = (id: string) => `items/${id}.xml`;
const choiceId = (id: string) => `c-${id}`;
const partBChoiceId = (id: string) => `b-${id}`;
const matchItemId = (id: string) => `i-${id}`;
const matchOptionId = (id: string) => `o-${id}`;
/** Evidence candidates: "12" → h-12, "12.3" → h-12-3. */
export const hottextId = (candidate: string) => `h-${candidate.replace('.', '-')}`;
/** The id of a paragraph in the passage, as citations point to it. */
export const paragraphId = (n: number) => `p${n}`;

/** Every file of the package, by path. Strings, so tests can validate them one by one. */
export function qti3Files(module: Module): Map<string, string> {
	const files = new Map<string, string>();
	files.set(STIMULUS_PATH, xmlDocument(stimulus(module)));
	for (const q of module.questions) files.set(itemPath(q.id), xmlDocument(item(module, q)));
	files.set(TEST_PATH, xmlDocument(test(module)));
	files.set('imsmanifest.xml', xmlDocument(manifest(module)));
	return files;
}

/** The package as a zip, the same bytes every time for the same module. */
export function qti3(module: Module): ExportFile {
	const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
	// A fixed date keeps the zip reproducible (zip dates start in 1980).
	const mtime = new Date('1980-01-01T00:00:00Z');
	// The manifest first, as packagers expect.
	const files = [...qti3Files(module)].sort(([a], [b]) =>
		a === 'imsmanifest.xml' ? -1 : b === 'imsmanifest.xml' ? 1 : 0
	);
	for (const [path, body] of files) entries[path] = [strToU8(body), { mtime }];
	return {
		fileName: exportFileName(module, 'qti3'),
		mediaType: 'application/zip',
		body: zipSync(entries, { level: 6 }),
		summary: summarize('qti3', module)
	};
}

function rootAttrs(identifier: string, title: string) {
	return {
		xmlns: ASI,
		'xmlns:xsi': XSI,
		'xsi:schemaLocation': `${ASI} ${ASI_XSD}`,
		identifier,
		title,
		'xml:lang': 'en'
	};
}

function stimulus(module: Module): Element {
	const a = module.article;
	const paragraphs = a.paragraphs.map((p) => {
		const para = el('p', { id: paragraphId(p.n) }, el('b', {}, `¶${p.n}`), ` ${p.text}`);
		return p.blockquote ? el('blockquote', {}, para) : para;
	});
	return el(
		'qti-assessment-stimulus',
		rootAttrs(STIMULUS_ID, a.title),
		el(
			'qti-stimulus-body',
			{},
			el('h2', {}, a.title),
			el('p', {}, `${a.author}, ${a.publication}`),
			el('p', {}, a.attribution),
			paragraphs
		)
	);
}

function float(name: string, value: number): Element {
	return el(
		'qti-outcome-declaration',
		{ identifier: name, cardinality: 'single', 'base-type': 'float' },
		el('qti-default-value', {}, el('qti-value', {}, num(value)))
	);
}

/** Numbers as QTI floats: plain decimals, seven places at most. */
function num(n: number): string {
	return String(Math.round(n * 1e7) / 1e7);
}

const v = (id: string) => el('qti-variable', { identifier: id });
const base = (type: string, value: string | number) =>
	el('qti-base-value', { 'base-type': type }, typeof value === 'number' ? num(value) : value);
const set = (id: string, expr: Element) => el('qti-set-outcome-value', { identifier: id }, expr);
const setScore = (points: number) => set('SCORE', base('float', points));
const addScore = (points: number) =>
	set('SCORE', el('qti-sum', {}, v('SCORE'), base('float', points)));
const matchCorrect = (id: string) =>
	el('qti-match', {}, v(id), el('qti-correct', { identifier: id }));

/** Text inside an XML comment, which may not hold `--`. */
function xmlComment(text: string): string {
	return text.replace(/-(?=-)/g, '- ').replace(/-$/, '- ');
}

/**
 * A Citewise pattern as an XML Schema regular expression (what qti-pattern-match reads, matched
 * against the whole response): `*` is any run of characters, every letter matches either case,
 * and the regex's own special characters are escaped.
 */
export function patternRegex(pattern: string): string {
	return [...pattern]
		.map((c) => {
			if (c === '*') return '.*';
			if (/[\\|.?+(){}\-[\]^]/.test(c)) return `\\${c}`;
			const lower = c.toLocaleLowerCase('en');
			const upper = c.toLocaleUpperCase('en');
			return lower !== upper && lower.length === 1 && upper.length === 1 ? `[${lower}${upper}]` : c;
		})
		.join('');
}

/** SCORE = the response's mapped value, or 0 when there is no response. */
function mappedScore(response = 'RESPONSE'): Element {
	return el(
		'qti-response-condition',
		{},
		el('qti-response-if', {}, el('qti-is-null', {}, v(response)), setScore(0)),
		el('qti-response-else', {}, set('SCORE', el('qti-map-response', { identifier: response })))
	);
}

function mapping(points: number, entries: [key: string, value: number][], extra = {}): Element {
	return el(
		'qti-mapping',
		{ 'lower-bound': 0, 'upper-bound': num(points), 'default-value': 0, ...extra },
		entries.map(([key, value]) =>
			el('qti-map-entry', { 'map-key': key, 'mapped-value': num(value) })
		)
	);
}

function response(
	cardinality: string,
	baseType: string,
	correct: string[],
	extra: Node[] = [],
	identifier = 'RESPONSE'
): Element {
	return el(
		'qti-response-declaration',
		{ identifier, cardinality, 'base-type': baseType },
		el(
			'qti-correct-response',
			{},
			correct.map((c) => el('qti-value', {}, c))
		),
		extra
	);
}

function feedbackOutcome(identifier: string, cardinality: 'single' | 'multiple'): Element {
	return el('qti-outcome-declaration', { identifier, cardinality, 'base-type': 'identifier' });
}

/** A choice, with its rationale shown inline when a learner picks it. */
function simpleChoice(id: string, text: string, rationale?: string, outcome = 'FEEDBACK'): Element {
	return el(
		'qti-simple-choice',
		{ identifier: id },
		text,
		rationale
			? [
					' ',
					el(
						'qti-feedback-inline',
						{ 'outcome-identifier': outcome, identifier: id, 'show-hide': 'show' },
						rationale
					)
				]
			: []
	);
}

/** A choice interaction: its prompt, then each choice with its rationale as inline feedback. */
function choiceInteraction(
	response: string,
	maxChoices: number,
	prompt: Element,
	choices: readonly { id: string; text: string; rationale?: string }[],
	{ shuffle = true, feedback = 'FEEDBACK' } = {}
): Element {
	return el(
		'qti-choice-interaction',
		{ 'response-identifier': response, 'max-choices': maxChoices, shuffle: String(shuffle) },
		prompt,
		choices.map((c) => simpleChoice(c.id, c.text, c.rationale, feedback))
	);
}

/** Choices with their QTI identifiers. */
function withIds<C extends { id: string }>(choices: readonly C[], id: (id: string) => string): C[] {
	return choices.map((c) => ({ ...c, id: id(c.id) }));
}

interface ItemParts {
	declarations: Element[];
	body: Node[];
	processing: Node[];
}

function item(module: Module, q: Question): Element {
	const lesson = lessonOf(module, q.id);
	const parts = itemParts(module, q);
	const reading = lesson
		? el('p', {}, `Read ¶${lesson.paragraphs[0]}–¶${lesson.paragraphs[1]} of the article.`)
		: [];
	return el(
		'qti-assessment-item',
		{
			...rootAttrs(itemId(q.id), q.prompt),
			adaptive: 'false',
			'time-dependent': 'false'
		},
		parts.declarations.filter((d) => d.name === 'qti-response-declaration'),
		float('SCORE', 0),
		float('MAXSCORE', q.points),
		parts.declarations.filter((d) => d.name !== 'qti-response-declaration'),
		el('qti-outcome-declaration', {
			identifier: 'EXPLANATION',
			cardinality: 'single',
			'base-type': 'identifier'
		}),
		el('qti-assessment-stimulus-ref', {
			identifier: STIMULUS_ID,
			href: `../${STIMULUS_PATH}`,
			title: module.article.title
		}),
		el('qti-item-body', {}, reading, parts.body),
		el(
			'qti-response-processing',
			{},
			parts.processing,
			set('EXPLANATION', base('identifier', 'shown'))
		),
		el(
			'qti-modal-feedback',
			{
				'outcome-identifier': 'EXPLANATION',
				identifier: 'shown',
				'show-hide': 'show',
				title: 'Explanation'
			},
			el('qti-content-body', {}, explanation(q))
		)
	);
}

/** The explanation, then each citation with the passage paragraph it points to. */
function explanation(q: Question): Node[] {
	return [
		el('p', {}, q.explanation),
		el('p', {}, 'Evidence in the article:'),
		el(
			'ul',
			{},
			q.cites.map((c) =>
				el(
					'li',
					{ 'data-paragraph': paragraphId(c.paragraph), 'data-quote': c.quote },
					citationLine(c)
				)
			)
		)
	];
}

function itemParts(module: Module, q: Question): ItemParts {
	const prompt = el('qti-prompt', {}, q.prompt);
	switch (q.type) {
		case 'single-choice':
			return {
				declarations: [
					response('single', 'identifier', [choiceId(q.answer)]),
					feedbackOutcome('FEEDBACK', 'single')
				],
				body: [choiceInteraction('RESPONSE', 1, prompt, withIds(q.choices, choiceId))],
				processing: [
					el(
						'qti-response-condition',
						{},
						el('qti-response-if', {}, matchCorrect('RESPONSE'), setScore(q.points))
					),
					set('FEEDBACK', v('RESPONSE'))
				]
			};
		case 'multiple-choice': {
			const share = q.points / q.answers.length;
			return {
				declarations: [
					response('multiple', 'identifier', q.answers.map(choiceId), [
						mapping(
							q.points,
							q.choices.map((c) => [choiceId(c.id), q.answers.includes(c.id) ? share : -share])
						)
					]),
					feedbackOutcome('FEEDBACK', 'multiple')
				],
				body: [choiceInteraction('RESPONSE', 0, prompt, withIds(q.choices, choiceId))],
				processing: [mappedScore(), set('FEEDBACK', v('RESPONSE'))]
			};
		}
		case 'true-false-not-stated':
			return {
				declarations: [response('single', 'identifier', [choiceId(q.answer)])],
				body: [
					choiceInteraction('RESPONSE', 1, prompt, withIds(TRUTH_CHOICES, choiceId), {
						shuffle: false
					})
				],
				processing: [
					el(
						'qti-response-condition',
						{},
						el('qti-response-if', {}, matchCorrect('RESPONSE'), setScore(q.points))
					)
				]
			};
		case 'short-answer': {
			const keys = shortAnswerKeys(q);
			const patterns = keys.filter((k) => k.wildcard).map((k) => k.text);
			// Accepted answers that differ only in case are one entry to a case-insensitive map. A
			// number is its exact number (the tolerance is a stated loss).
			const texts = keys.filter((k) => !k.wildcard).map((k) => k.text);
			const accepted = [...new Map(texts.map((a) => [a.toLocaleLowerCase('en'), a])).values()];
			const longest = Math.max(...keys.map((a) => a.text.length));
			// QTI has no per-answer feedback for text entry: the listed wrong answers are named in a
			// comment, so a teacher importing the item can add them.
			const wrong = (q.wrong ?? []).map((w) =>
				raw(
					`<!-- Citewise lists a wrong answer: “${xmlComment(w.answer)}”, with the feedback “${xmlComment(w.feedback)}” -->`
				)
			);
			return {
				declarations: [
					response(
						'single',
						'string',
						[accepted[0] ?? patterns[0]!.replace(/\*/g, '')],
						// Only patterns: nothing to map, the pattern conditions give the score.
						accepted.length === 0
							? []
							: [
									el(
										'qti-mapping',
										{ 'lower-bound': 0, 'upper-bound': num(q.points), 'default-value': 0 },
										accepted.map((a) =>
											el('qti-map-entry', {
												'map-key': a,
												'mapped-value': num(q.points),
												'case-sensitive': 'false'
											})
										)
									)
								]
					)
				],
				body: [
					...wrong,
					el('p', {}, q.prompt),
					el(
						'p',
						{},
						el('qti-text-entry-interaction', {
							'response-identifier': 'RESPONSE',
							'expected-length': Math.max(longest, 10)
						})
					)
				],
				processing: [
					accepted.length ? mappedScore() : setScore(0),
					// A pattern: `*` is any run of characters, the rest compared ignoring case.
					patterns.map((p) =>
						el(
							'qti-response-condition',
							{},
							el(
								'qti-response-if',
								{},
								el('qti-pattern-match', { pattern: patternRegex(p) }, v('RESPONSE')),
								setScore(q.points)
							)
						)
					)
				]
			};
		}
		case 'ordering': {
			const ids = q.items.map((i) => choiceId(i.id));
			const pair = q.points / (ids.length - 1);
			const at = (n: number, id: string) =>
				el('qti-match', {}, el('qti-index', { n }, v('RESPONSE')), base('identifier', id));
			// One condition per neighbouring pair of the key: somewhere in the answer, the first is
			// directly followed by the second.
			const pairs = ids.slice(0, -1).map((first, i) =>
				el(
					'qti-response-condition',
					{},
					el(
						'qti-response-if',
						{},
						el(
							'qti-or',
							{},
							ids
								.slice(0, -1)
								.map((_, p) => el('qti-and', {}, at(p + 1, first), at(p + 2, ids[i + 1]!)))
						),
						addScore(pair)
					)
				)
			);
			return {
				declarations: [response('ordered', 'identifier', ids)],
				body: [
					el(
						'qti-order-interaction',
						{ 'response-identifier': 'RESPONSE', shuffle: 'true', orientation: 'vertical' },
						prompt,
						q.items.map((i) => simpleChoice(choiceId(i.id), i.text))
					)
				],
				processing: [
					setScore(0),
					el(
						'qti-response-condition',
						{},
						el(
							'qti-response-if',
							{},
							el('qti-not', {}, el('qti-is-null', {}, v('RESPONSE'))),
							pairs
						)
					)
				]
			};
		}
		case 'matching': {
			const share = q.points / q.items.length;
			const pairs = q.items.map((i) => `${matchItemId(i.id)} ${matchOptionId(i.match)}`);
			return {
				declarations: [
					response('multiple', 'directedPair', pairs, [
						mapping(
							q.points,
							pairs.map((p) => [p, share])
						)
					])
				],
				body: [
					el(
						'qti-match-interaction',
						{
							'response-identifier': 'RESPONSE',
							'max-associations': q.items.length,
							shuffle: 'true'
						},
						prompt,
						el(
							'qti-simple-match-set',
							{},
							q.items.map((i) =>
								el(
									'qti-simple-associable-choice',
									{ identifier: matchItemId(i.id), 'match-max': 1 },
									i.text
								)
							)
						),
						el(
							'qti-simple-match-set',
							{},
							q.options.map((o) =>
								el(
									'qti-simple-associable-choice',
									{ identifier: matchOptionId(o.id), 'match-max': q.items.length },
									o.text
								)
							)
						)
					)
				],
				processing: [mappedScore()]
			};
		}
		case 'evidence': {
			const candidates = evidenceCandidates(q, module.article.paragraphs);
			const correct = candidates.filter((c) => c.correct).map((c) => hottextId(c.id));
			const byParagraph = new Map<number, typeof candidates>();
			for (const c of candidates)
				byParagraph.set(c.paragraph, [...(byParagraph.get(c.paragraph) ?? []), c]);
			return {
				declarations: [
					response('single', 'identifier', correct.slice(0, 1), [
						mapping(
							q.points,
							correct.map((id) => [id, q.points])
						)
					])
				],
				body: [
					el(
						'qti-hottext-interaction',
						{ 'response-identifier': 'RESPONSE', 'max-choices': 1 },
						prompt,
						[...byParagraph].map(([n, list]) =>
							el(
								'p',
								{ 'data-paragraph': paragraphId(n) },
								el('b', {}, `¶${n}`),
								list.flatMap((c) => [
									' ',
									el('qti-hottext', { identifier: hottextId(c.id) }, c.text)
								])
							)
						)
					)
				],
				processing: [mappedScore()]
			};
		}
		case 'two-part':
			return {
				declarations: [
					response('single', 'identifier', [choiceId(q.answer)], [], 'RESPONSE_A'),
					response('single', 'identifier', [partBChoiceId(q.partB.answer)], [], 'RESPONSE_B'),
					feedbackOutcome('FEEDBACK_A', 'single'),
					feedbackOutcome('FEEDBACK_B', 'single')
				],
				body: [
					choiceInteraction('RESPONSE_A', 1, prompt, withIds(q.choices, choiceId), {
						feedback: 'FEEDBACK_A'
					}),
					choiceInteraction(
						'RESPONSE_B',
						1,
						el('qti-prompt', {}, q.partB.prompt),
						withIds(q.partB.choices, partBChoiceId),
						{ feedback: 'FEEDBACK_B' }
					)
				],
				processing: [
					// Part B earns credit only with Part A right: the evidence must support the answer.
					el(
						'qti-response-condition',
						{},
						el(
							'qti-response-if',
							{},
							el('qti-and', {}, matchCorrect('RESPONSE_A'), matchCorrect('RESPONSE_B')),
							setScore(q.points)
						),
						el('qti-response-else-if', {}, matchCorrect('RESPONSE_A'), setScore(q.points / 2))
					),
					set('FEEDBACK_A', v('RESPONSE_A')),
					set('FEEDBACK_B', v('RESPONSE_B'))
				]
			};
	}
}

function test(module: Module): Element {
	const total = module.questions.reduce((sum, q) => sum + q.points, 0);
	return el(
		'qti-assessment-test',
		{
			xmlns: ASI,
			'xmlns:xsi': XSI,
			'xsi:schemaLocation': `${ASI} ${ASI_XSD}`,
			identifier: `t-${module.slug}`,
			title: module.title
		},
		float('SCORE', 0),
		float('MAXSCORE', total),
		el(
			'qti-test-part',
			{ identifier: 'lessons', 'navigation-mode': 'nonlinear', 'submission-mode': 'individual' },
			module.lessons.map((lesson, i) =>
				el(
					'qti-assessment-section',
					{
						identifier: `s-${lesson.id}`,
						title: `${i + 1}. ${lesson.title} (¶${lesson.paragraphs[0]}–¶${lesson.paragraphs[1]})`,
						visible: 'true'
					},
					lesson.questions.map((id) =>
						el('qti-assessment-item-ref', { identifier: itemId(id), href: itemPath(id) })
					)
				)
			)
		),
		el(
			'qti-outcome-processing',
			{},
			set('SCORE', el('qti-sum', {}, el('qti-test-variables', { 'variable-identifier': 'SCORE' })))
		)
	);
}

function manifest(module: Module): Element {
	const resource = (identifier: string, type: string, href: string, deps: string[] = []) =>
		el(
			'resource',
			{ identifier, type, href },
			el('file', { href }),
			deps.map((d) => el('dependency', { identifierref: d }))
		);
	return el(
		'manifest',
		{
			xmlns: CP,
			'xmlns:xsi': XSI,
			'xsi:schemaLocation': `${CP} ${CP_XSD}`,
			identifier: `m-${module.slug}`
		},
		el('metadata', {}, el('schema', {}, 'QTI Package'), el('schemaversion', {}, '3.0.0')),
		el('organizations', {}),
		el(
			'resources',
			{},
			resource(
				'r-test',
				'imsqti_test_xmlv3p0',
				TEST_PATH,
				module.questions.map((q) => `r-${itemId(q.id)}`)
			),
			resource('r-article', 'imsqti_stimulus_xmlv3p0', STIMULUS_PATH),
			module.questions.map((q) =>
				resource(`r-${itemId(q.id)}`, 'imsqti_item_xmlv3p0', itemPath(q.id), ['r-article'])
			)
		)
	);
}
