/**
 * Loads one module folder (`questions/<slug>/`) from its files' text and checks every rule in
 * DESIGN.md ("Citations are verified, not trusted"). Nothing here touches the file system, so
 * the server (bundled content), the CLI and the tests all load modules the same way.
 */
import { parseArticle } from './article.ts';
import { byPosition, type Problem, YamlSource } from './problems.ts';
import { findQuote, longestMatchingPrefix } from './quote.ts';
import {
	moduleFileSchema,
	questionFileSchema,
	questionSchema,
	QUESTION_TYPES,
	SKILLS,
	type Module,
	type ModuleFile,
	type Paragraph,
	type Question,
	type QuestionType,
	type Skill
} from './schema.ts';

export interface LoadResult {
	/** Present only when there are no problems. */
	module?: Module;
	problems: Problem[];
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

	// Question files: every other .yaml file in the folder.
	const located: Located[] = [];
	// Questions that exist but did not validate (or sit in a file that could not be read): their
	// own problems are reported, so a lesson naming them is not also told they are unknown.
	const invalidIds = new Set<string>();
	let unreadableFile = false;
	const questionFiles = Object.keys(files)
		.filter((name) => /\.ya?ml$/.test(name) && name !== 'module.yaml')
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
	if (moduleFile && moduleSource) {
		const invalid = (id: string) => unreadableFile || invalidIds.has(id);
		problems.push(
			...checkModuleFile(moduleFile, moduleSource, located, invalid, paragraphs.length)
		);
	}

	problems.sort(byPosition);
	if (problems.length || !moduleFile || !article.frontMatter) return { problems };

	const byId = new Map(located.map((l) => [l.question.id, l.question]));
	return {
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
			questions: moduleFile.lessons.flatMap((l) => l.questions.map((id) => byId.get(id)!))
		}
	};
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

		q.cites.forEach((cite, c) => {
			const paragraph = paragraphs[cite.paragraph - 1];
			if (!paragraph) {
				// No paragraphs at all: article.md's own problem says why; don't repeat it per cite.
				if (!paragraphs.length) return;
				at(
					['cites', c, 'paragraph'],
					`cites ¶${cite.paragraph}, but the article has ${paragraphs.length} paragraphs (¶1–¶${paragraphs.length})`
				);
				return;
			}
			if (!findQuote(paragraph.text, cite.quote)) {
				const prefix = longestMatchingPrefix(paragraph.text, cite.quote);
				at(
					['cites', c, 'quote'],
					prefix
						? `quote is not in ¶${cite.paragraph}: it matches up to "${prefix}" and then differs`
						: `quote is not in ¶${cite.paragraph}: not even its first word matches`
				);
			}
		});

		if (q.type === 'single-choice' || q.type === 'multiple-choice') {
			const ids = new Set<string>();
			const texts = new Set<string>();
			q.choices.forEach((choice, c) => {
				if (ids.has(choice.id)) at(['choices', c, 'id'], `choice id "${choice.id}" repeats`);
				ids.add(choice.id);
				const key = choice.text.trim().toLowerCase();
				if (texts.has(key)) at(['choices', c, 'text'], `choice text repeats: "${choice.text}"`);
				texts.add(key);
			});
			if (q.type === 'single-choice' && !ids.has(q.answer)) {
				at(['answer'], `answer "${q.answer}" is not one of the choices (${[...ids].join(', ')})`);
			}
			if (q.type === 'multiple-choice') {
				const answers = new Set<string>();
				q.answers.forEach((a, i) => {
					if (!ids.has(a))
						at(['answers', i], `answer "${a}" is not one of the choices (${[...ids].join(', ')})`);
					if (answers.has(a)) at(['answers', i], `answer "${a}" is listed twice`);
					answers.add(a);
				});
				if (answers.size >= ids.size) {
					at(
						['answers'],
						'every choice is correct: a multiple-choice question needs at least one wrong choice'
					);
				}
			}
			q.choices.forEach((choice, c) => {
				const correct =
					q.type === 'single-choice' ? q.answer === choice.id : q.answers.includes(choice.id);
				if (correct && choice.rationale) {
					at(
						['choices', c, 'rationale'],
						'a correct choice has no rationale: rationales explain wrong choices'
					);
				}
			});
		}
		if (q.type === 'short-answer') {
			q.accepted.forEach((a, i) => {
				if (!/[\p{L}\p{N}]/u.test(a)) {
					at(['accepted', i], 'an accepted answer needs at least one letter or digit');
				}
			});
		}
	}
	return problems;
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
