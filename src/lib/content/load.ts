/**
 * Loads one module folder (`questions/<slug>/`) from its files' text and checks every rule in
 * DESIGN.md ("Citations are verified, not trusted"). Nothing here touches the file system, so
 * the server (bundled content), the CLI and the tests all load modules the same way.
 */
import { parseArticle, type ParsedArticle } from './article.ts';
import { cueReport, type CueReport } from './cues.ts';
import { byPosition, type Problem, YamlSource } from './problems.ts';
import { checkClaimsOfQuestions, checkClaimsGoal, CLAIMS_FILE, readClaims } from './claims.ts';
import { findQuote, quoteMismatch } from './quote.ts';
import { matchShortAnswer } from '../quiz/types/shortAnswer/index.ts';
import { acceptedInWords, isEmptyPattern } from '../quiz/types/shortAnswer/match.ts';
import {
	moduleFileSchema,
	type Choice,
	type Cite,
	questionFileSchema,
	questionSchema,
	QUESTION_TYPES,
	SKILLS,
	type Module,
	type ModuleFile,
	type Paragraph,
	type Question,
	type QuestionType,
	type ShortAnswerQuestion,
	type Skill
} from './schema.ts';

export interface LoadResult {
	/** Present only when there are no problems. */
	module?: Module;
	problems: Problem[];
	/** Item-writing cues (warnings, never problems): present whenever `module` is. */
	cues?: CueReport;
}

/** Where a question came from, so later checks can point at it. */
interface Located {
	question: Question;
	source: YamlSource;
	index: number;
}

/**
 * @param dir the folder as authors see it, e.g. `questions/fleeing-kazakhs-and-puff-pieces`
 * @param files file name → text, for every file in the folder
 */
export function loadModule(dir: string, files: Record<string, string>): LoadResult {
	const slug = dir.split('/').filter(Boolean).at(-1) ?? dir;
	const problems: Problem[] = [];
	const path = (name: string) => `${dir}/${name}`;

	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
		problems.push({
			file: dir,
			line: 1,
			column: 1,
			message: `module folder "${slug}" must be kebab-case`
		});
	}

	// The article.
	const articleText = files['article.md'];
	if (articleText === undefined) {
		problems.push({
			file: path('article.md'),
			line: 1,
			column: 1,
			message: 'missing: every module has an article.md'
		});
	}
	const article = parseArticle(path('article.md'), articleText ?? '');
	if (articleText !== undefined) problems.push(...article.problems);
	const paragraphs = article.paragraphs;

	// module.yaml.
	let moduleFile: ModuleFile | undefined;
	let moduleSource: YamlSource | undefined;
	if (files['module.yaml'] === undefined) {
		problems.push({
			file: path('module.yaml'),
			line: 1,
			column: 1,
			message: 'missing: every module has a module.yaml'
		});
	} else {
		moduleSource = new YamlSource(path('module.yaml'), files['module.yaml']);
		problems.push(...moduleSource.problems);
		const data = moduleSource.data();
		if (data !== undefined) {
			const parsed = moduleFileSchema.safeParse(data);
			if (parsed.success) moduleFile = parsed.data;
			else problems.push(...moduleSource.schemaProblems(parsed.error));
		}
	}

	// claims.yaml (optional): the article's checkable statements, which questions may name.
	const claims =
		files[CLAIMS_FILE] === undefined
			? undefined
			: readClaims(new YamlSource(path(CLAIMS_FILE), files[CLAIMS_FILE]), paragraphs);
	if (claims) problems.push(...claims.problems);

	// Question files: every other .yaml file in the folder.
	const located: Located[] = [];
	// Questions that exist but did not validate (or sit in a file that could not be read): their
	// own problems are reported, so a lesson naming them is not also told they are unknown.
	const invalidIds = new Set<string>();
	let unreadableFile = false;
	const questionFiles = Object.keys(files)
		.filter((name) => /\.ya?ml$/.test(name) && name !== 'module.yaml' && name !== CLAIMS_FILE)
		.sort();
	if (!questionFiles.length) {
		problems.push({
			file: dir,
			line: 1,
			column: 1,
			message: 'no question files: add at least one .yaml file with a questions: list'
		});
	}
	for (const name of questionFiles) {
		const source = new YamlSource(path(name), files[name]!);
		problems.push(...source.problems);
		const data = source.data();
		if (data === undefined) {
			unreadableFile = true;
			continue;
		}
		const file = questionFileSchema.safeParse(data);
		if (!file.success) {
			problems.push(...source.schemaProblems(file.error));
			unreadableFile = true;
			continue;
		}
		file.data.questions.forEach((raw, index) => {
			const parsed = questionSchema.safeParse(raw);
			if (parsed.success) located.push({ question: parsed.data, source, index });
			else {
				problems.push(...source.schemaProblems(parsed.error, ['questions', index]));
				const id = raw !== null && typeof raw === 'object' && 'id' in raw ? raw.id : undefined;
				if (typeof id === 'string') invalidIds.add(id);
			}
		});
	}

	problems.push(...checkQuestions(located, paragraphs));
	problems.push(...checkClaimsOfQuestions(located, claims, article.frontMatter?.author));
	if (moduleFile && moduleSource) {
		const invalid = (id: string) => unreadableFile || invalidIds.has(id);
		problems.push(
			...checkModuleFile(moduleFile, moduleSource, located, invalid, paragraphs.length)
		);
	}

	// Coverage is judged only on a bank that loaded whole; otherwise its counts would mislead.
	if (moduleFile && moduleSource && !problems.length) {
		problems.push(...checkCoverage(moduleFile, moduleSource, located, article));
		problems.push(...checkClaimsGoal(moduleFile, moduleSource, located, claims));
	}

	problems.sort(byPosition);
	if (problems.length || !moduleFile || !article.frontMatter) return { problems };

	const byId = new Map(located.map((l) => [l.question.id, l.question]));
	return withCues(moduleFile, moduleSource!, located, {
		problems,
		module: {
			slug,
			article: { ...article.frontMatter, paragraphs },
			title: moduleFile.title,
			summary: moduleFile.summary,
			readingMinutes: moduleFile.readingMinutes,
			objectives: moduleFile.objectives,
			glossary: moduleFile.glossary,
			lessons: moduleFile.lessons,
			// An evidence question without its own range chooses from its lesson's paragraphs.
			questions: moduleFile.lessons.flatMap((l) =>
				l.questions.map((id) => {
					const q = byId.get(id)!;
					return q.type === 'evidence' && !q.within ? { ...q, within: l.paragraphs } : q;
				})
			),
			...(claims && { claims: { items: claims.claims, goal: moduleFile.coverage.claims } })
		}
	});
}

/** Adds the item-writing cue report (cues.ts), each warning pointing into the module's files. */
function withCues(
	file: ModuleFile,
	source: YamlSource,
	located: Located[],
	result: LoadResult & { module: Module }
): LoadResult {
	const where = new Map(located.map((l) => [l.question.id, l]));
	const cues = cueReport(result.module, file.cues, {
		question: (id, path, message) => {
			const l = where.get(id)!;
			return l.source.at(['questions', l.index, ...path], message);
		},
		rule: (key, message) => source.at(['cues', key], message)
	});
	return { ...result, cues };
}

function checkQuestions(located: Located[], paragraphs: Paragraph[]): Problem[] {
	const problems: Problem[] = [];
	const seen = new Map<string, Located>();
	for (const entry of located) {
		const { question: q, source, index } = entry;
		const at = (path: PropertyKey[], message: string) =>
			problems.push(source.at(['questions', index, ...path], message));

		const first = seen.get(q.id);
		if (first) {
			const where = first.source.at(['questions', first.index, 'id'], '');
			at(
				['id'],
				`duplicate id "${q.id}": already used at ${where.file}:${where.line}:${where.column}`
			);
		} else {
			seen.set(q.id, entry);
		}

		checkCites(at, ['cites'], q.cites, paragraphs);

		if (q.type === 'single-choice') checkChoices(at, [], q.choices, [q.answer], 'answer');
		if (q.type === 'multiple-choice') {
			const answers = new Set<string>();
			const ids = new Set(q.choices.map((c) => c.id));
			q.answers.forEach((a, i) => {
				if (answers.has(a)) at(['answers', i], `answer "${a}" is listed twice`);
				answers.add(a);
			});
			checkChoices(at, [], q.choices, q.answers, 'answers');
			if (answers.size >= ids.size) {
				at(
					['answers'],
					'every choice is correct: a multiple-choice question needs at least one wrong choice'
				);
			}
		}
		if (q.type === 'two-part') {
			checkChoices(at, [], q.choices, [q.answer], 'answer');
			checkChoices(at, ['partB'], q.partB.choices, [q.partB.answer], 'answer');
			// Part B offers quotes: each must be the article's words, and the right one must be cited.
			q.partB.choices.forEach((choice, c) => {
				const where = paragraphs.filter((p) => findQuote(p.text, choice.text));
				if (paragraphs.length && !where.length) {
					at(
						['partB', 'choices', c, 'text'],
						'a Part B choice must be a quote from the article, word for word'
					);
				} else if (
					choice.id === q.partB.answer &&
					paragraphs.length &&
					!where.some((p) => q.cites.some((cite) => cite.paragraph === p.n))
				) {
					at(
						['partB', 'choices', c, 'text'],
						'the correct Part B quote must come from a cited paragraph'
					);
				}
			});
		}
		if (q.type === 'ordering') {
			uniqueIds(at, ['items'], q.items);
			uniqueTexts(at, ['items'], q.items);
		}
		if (q.type === 'matching') {
			uniqueIds(at, ['items'], q.items);
			uniqueTexts(at, ['items'], q.items);
			uniqueIds(at, ['options'], q.options);
			uniqueTexts(at, ['options'], q.options);
			const options = new Set(q.options.map((o) => o.id));
			q.items.forEach((item, i) => {
				if (!options.has(item.match)) {
					at(
						['items', i, 'match'],
						`match "${item.match}" is not one of the options (${[...options].join(', ')})`
					);
				}
			});
		}
		if (q.type === 'evidence' && q.within) {
			const [first, last] = q.within;
			if (paragraphs.length && last > paragraphs.length) {
				at(
					['within'],
					`within ends at ¶${last}, but the article has ${paragraphs.length} paragraphs`
				);
			}
			q.cites.forEach((cite, c) => {
				if (cite.paragraph < first || cite.paragraph > last) {
					at(
						['cites', c, 'paragraph'],
						`the evidence in ¶${cite.paragraph} is outside the range to choose from (¶${first}–¶${last})`
					);
				}
			});
		}
		if (q.type === 'short-answer') checkShortAnswer(at, q, paragraphs);
	}
	return problems;
}

/** Every citation names a paragraph the article has, and quotes it word for word. */
function checkCites(at: At, path: PropertyKey[], cites: Cite[], paragraphs: Paragraph[]): void {
	cites.forEach((cite, c) => {
		const paragraph = paragraphs[cite.paragraph - 1];
		if (!paragraph) {
			// No paragraphs at all: article.md's own problem says why; don't repeat it per cite.
			if (!paragraphs.length) return;
			at(
				[...path, c, 'paragraph'],
				`cites ¶${cite.paragraph}, but the article has ${paragraphs.length} paragraphs (¶1–¶${paragraphs.length})`
			);
			return;
		}
		const mismatch = quoteMismatch(paragraph.text, cite.paragraph, cite.quote);
		if (mismatch) at([...path, c, 'quote'], mismatch);
	});
}

/**
 * Accepted answers mean something, tolerances are not negative, patterns are more than `*`, and
 * no listed wrong answer is one the matcher would accept as right (its feedback would never show,
 * and the learner would be told they are right).
 */
function checkShortAnswer(at: At, q: ShortAnswerQuestion, paragraphs: Paragraph[]): void {
	q.accepted.forEach((a, i) => {
		if (typeof a === 'string') {
			if (!/[\p{L}\p{N}]/u.test(a)) {
				at(['accepted', i], 'an accepted answer needs at least one letter or digit');
			}
		} else if ('number' in a) {
			if (!Number.isFinite(a.number)) at(['accepted', i, 'number'], 'must be a finite number');
			if (a.tolerance !== undefined && !(a.tolerance >= 0)) {
				at(['accepted', i, 'tolerance'], 'a tolerance cannot be negative');
			}
		} else if (isEmptyPattern(a.pattern)) {
			at(
				['accepted', i, 'pattern'],
				'a pattern needs a letter or digit besides “*”: one that is only “*” accepts any answer'
			);
		}
	});
	(q.wrong ?? []).forEach((w, i) => {
		if (!/[\p{L}\p{N}]/u.test(w.answer)) {
			at(['wrong', i, 'answer'], 'a wrong answer needs at least one letter or digit');
			return;
		}
		const match = matchShortAnswer(q, w.answer);
		if (match.kind === 'accepted') {
			const accepted = acceptedInWords(q.accepted[match.index]!);
			at(
				['wrong', i, 'answer'],
				`wrong answer "${w.answer}" would be marked right: it matches accepted answer "${accepted}"${
					match.spelling === undefined
						? ''
						: ' with one spelling slip (set typos: false to refuse it)'
				}`
			);
		}
		checkCites(at, ['wrong', i, 'cites'], w.cites ?? [], paragraphs);
	});
}

type At = (path: PropertyKey[], message: string) => void;

/** Choice ids and texts are unique, answers name choices, and only wrong choices have rationales. */
function checkChoices(
	at: At,
	prefix: PropertyKey[],
	choices: Choice[],
	correct: string[],
	answerField: 'answer' | 'answers'
): void {
	uniqueIds(at, [...prefix, 'choices'], choices);
	uniqueTexts(at, [...prefix, 'choices'], choices);
	choices.forEach((choice, c) => {
		// Such choices test how a question is built, not whether the text was understood.
		if (/^\s*(all|none|both|neither) of the (above|others|choices)\b/i.test(choice.text)) {
			at(
				[...prefix, 'choices', c, 'text'],
				`"${choice.text}" is not allowed: every choice must stand on its own`
			);
		}
	});
	const ids = choices.map((c) => c.id);
	correct.forEach((a, i) => {
		if (!ids.includes(a)) {
			const path = answerField === 'answer' ? [...prefix, 'answer'] : [...prefix, 'answers', i];
			at(path, `answer "${a}" is not one of the choices (${ids.join(', ')})`);
		}
	});
	choices.forEach((choice, c) => {
		if (correct.includes(choice.id) && choice.rationale) {
			at(
				[...prefix, 'choices', c, 'rationale'],
				'a correct choice has no rationale: rationales explain wrong choices'
			);
		}
	});
}

function uniqueIds(at: At, path: PropertyKey[], items: { id: string }[]): void {
	const seen = new Set<string>();
	items.forEach((item, i) => {
		if (seen.has(item.id))
			at(
				[...path, i, 'id'],
				`${path.at(-1) === 'choices' ? 'choice' : 'item'} id "${item.id}" repeats`
			);
		seen.add(item.id);
	});
}

function uniqueTexts(at: At, path: PropertyKey[], items: { text: string }[]): void {
	const seen = new Set<string>();
	items.forEach((item, i) => {
		const key = item.text.trim().toLowerCase();
		if (seen.has(key))
			at(
				[...path, i, 'text'],
				`${path.at(-1) === 'choices' ? 'choice' : 'item'} text repeats: "${item.text}"`
			);
		seen.add(key);
	});
}

function checkModuleFile(
	file: ModuleFile,
	source: YamlSource,
	located: Located[],
	invalid: (id: string) => boolean,
	paragraphCount: number
): Problem[] {
	const problems: Problem[] = [];
	const known = new Map(located.map((l) => [l.question.id, l]));
	const lessonOf = new Map<string, string>();
	const lessonIds = new Set<string>();
	let previousLast = 0;

	file.lessons.forEach((lesson, l) => {
		const at = (path: PropertyKey[], message: string) =>
			problems.push(source.at(['lessons', l, ...path], message));
		if (lessonIds.has(lesson.id)) at(['id'], `duplicate lesson id "${lesson.id}"`);
		lessonIds.add(lesson.id);

		const [first, last] = lesson.paragraphs;
		if (paragraphCount && last > paragraphCount) {
			at(
				['paragraphs'],
				`lesson "${lesson.id}" ends at ¶${last}, but the article has ${paragraphCount} paragraphs`
			);
		}
		if (first <= previousLast) {
			at(
				['paragraphs'],
				`lesson "${lesson.id}" starts at ¶${first}, inside the lesson before it (which ends at ¶${previousLast})`
			);
		}
		previousLast = Math.max(previousLast, last);

		lesson.questions.forEach((id, i) => {
			if (!known.has(id)) {
				if (invalid(id)) return;
				at(['questions', i], `lesson "${lesson.id}" names unknown question "${id}"`);
				return;
			}
			const other = lessonOf.get(id);
			if (other) at(['questions', i], `question "${id}" is already in lesson "${other}"`);
			else lessonOf.set(id, lesson.id);
		});
	});

	file.glossary.forEach((entry, g) => {
		entry.paragraphs.forEach((n, i) => {
			if (paragraphCount && n > paragraphCount) {
				problems.push(
					source.at(
						['glossary', g, 'paragraphs', i],
						`glossary term "${entry.term}" points to ¶${n}, but the article has ${paragraphCount} paragraphs`
					)
				);
			}
		});
	});

	for (const { question, source: qs, index } of located) {
		if (!lessonOf.has(question.id)) {
			problems.push(
				qs.at(
					['questions', index, 'id'],
					`question "${question.id}" belongs to no lesson: add it to a lesson in module.yaml`
				)
			);
		}
	}
	return problems;
}

/**
 * The module's own coverage rules (module.yaml `coverage`): every paragraph cited, enough
 * questions per skill, a rationale on every wrong choice. Also checks that an evidence question
 * without its own range has its evidence inside its lesson.
 */
function checkCoverage(
	file: ModuleFile,
	source: YamlSource,
	located: Located[],
	article: ParsedArticle
): Problem[] {
	const problems: Problem[] = [];
	const rules = file.coverage;

	if (rules.everyParagraphCited) {
		const cited = new Set(located.flatMap((l) => l.question.cites.map((c) => c.paragraph)));
		for (const p of article.paragraphs) {
			if (!cited.has(p.n)) {
				problems.push({
					file: article.file,
					line: article.lines[p.n - 1] ?? 1,
					column: 1,
					message: `¶${p.n} is cited by no question (module.yaml coverage.everyParagraphCited)`
				});
			}
		}
	}

	if (rules.minQuestionsPerSkill > 0) {
		for (const skill of SKILLS) {
			const count = located.filter((l) => l.question.skill === skill).length;
			if (count < rules.minQuestionsPerSkill) {
				problems.push(
					source.at(
						['coverage', 'minQuestionsPerSkill'],
						`skill "${skill}" has ${count} question${count === 1 ? '' : 's'}; coverage.minQuestionsPerSkill asks for at least ${rules.minQuestionsPerSkill}`
					)
				);
			}
		}
	}

	for (const { question: q, source: qs, index } of located) {
		const at = (path: PropertyKey[], message: string) =>
			problems.push(qs.at(['questions', index, ...path], message));
		if (rules.rationales) {
			const sets: [PropertyKey[], Choice[], string[]][] =
				q.type === 'single-choice'
					? [[[], q.choices, [q.answer]]]
					: q.type === 'multiple-choice'
						? [[[], q.choices, q.answers]]
						: q.type === 'two-part'
							? [
									[[], q.choices, [q.answer]],
									[['partB'], q.partB.choices, [q.partB.answer]]
								]
							: [];
			for (const [prefix, choices, correct] of sets) {
				choices.forEach((choice, c) => {
					if (!correct.includes(choice.id) && !choice.rationale) {
						at(
							[...prefix, 'choices', c],
							`wrong choice "${choice.id}" has no rationale (module.yaml coverage.rationales)`
						);
					}
				});
			}
		}
		if (q.type === 'evidence' && !q.within) {
			const lesson = file.lessons.find((l) => l.questions.includes(q.id));
			const [first, last] = lesson?.paragraphs ?? [1, article.paragraphs.length];
			q.cites.forEach((cite, c) => {
				if (cite.paragraph < first || cite.paragraph > last) {
					at(
						['cites', c, 'paragraph'],
						`the evidence in ¶${cite.paragraph} is outside its lesson (¶${first}–¶${last}); give the question a within range or move it`
					);
				}
			});
		}
	}
	return problems;
}

/** What the module covers: paragraphs no question cites, and the mix of types and skills. */
export interface Coverage {
	paragraphs: number;
	uncited: number[];
	byType: Record<QuestionType, number>;
	bySkill: Record<Skill, number>;
}

export function coverage(module: Module): Coverage {
	const cited = new Set(module.questions.flatMap((q) => q.cites.map((c) => c.paragraph)));
	const byType = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<
		QuestionType,
		number
	>;
	const bySkill = Object.fromEntries(SKILLS.map((s) => [s, 0])) as Record<Skill, number>;
	for (const q of module.questions) {
		byType[q.type]++;
		bySkill[q.skill]++;
	}
	const count = module.article.paragraphs.length;
	return {
		paragraphs: count,
		uncited: module.article.paragraphs.map((p) => p.n).filter((n) => !cited.has(n)),
		byType,
		bySkill
	};
}
