/**
 * `article.md`: YAML front matter, then the body, one paragraph per block separated by blank
 * lines. A block whose lines start with `>` is a passage the author sets off as a quotation.
 * The text is kept exactly as written; only the `> ` marker is removed.
 */
import { articleFrontMatterSchema, type ArticleFrontMatter, type Paragraph } from './schema.ts';
import { YamlSource, type Problem } from './problems.ts';

export interface ParsedArticle {
	file: string;
	frontMatter?: ArticleFrontMatter;
	paragraphs: Paragraph[];
	/** Line (from 1) where each paragraph starts, by ¶ number − 1. */
	lines: number[];
	problems: Problem[];
}

export function parseArticle(file: string, source: string): ParsedArticle {
	const problems: Problem[] = [];
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	let bodyStart = 0;
	let frontMatter: ArticleFrontMatter | undefined;

	if (lines[0]?.trim() === '---') {
		const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
		if (close < 0) {
			problems.push({
				file,
				line: 1,
				column: 1,
				message: 'front matter opened with --- is never closed'
			});
			return { file, paragraphs: [], lines: [], problems };
		}
		const yaml = new YamlSource(file, lines.slice(1, close).join('\n'), 1);
		problems.push(...yaml.problems);
		const parsed = articleFrontMatterSchema.safeParse(yaml.data() ?? {});
		if (parsed.success) frontMatter = parsed.data;
		else if (!yaml.problems.length) problems.push(...yaml.schemaProblems(parsed.error));
		bodyStart = close + 1;
	} else {
		problems.push({
			file,
			line: 1,
			column: 1,
			message:
				'article.md must start with front matter (title, author, publication, attribution) between --- lines'
		});
	}

	const paragraphs: Paragraph[] = [];
	const starts: number[] = [];
	let block: string[] = [];
	let blockLine = 0;
	const flush = () => {
		if (!block.length) return;
		const quoted = block.every((l) => l.startsWith('>'));
		if (!quoted && block.some((l) => l.startsWith('>'))) {
			problems.push({
				file,
				line: blockLine,
				column: 1,
				message: 'a paragraph is either all block quote (every line starts with ">") or none of it'
			});
		}
		const text = block
			.map((l) => (quoted ? l.replace(/^> ?/, '') : l))
			.join(' ')
			.trim();
		paragraphs.push({ n: paragraphs.length + 1, text, blockquote: quoted });
		starts.push(blockLine);
		block = [];
	};
	for (let i = bodyStart; i < lines.length; i++) {
		const line = lines[i]!;
		if (line.trim() === '') {
			flush();
			continue;
		}
		if (!block.length) blockLine = i + 1;
		block.push(line);
	}
	flush();

	if (!paragraphs.length) {
		problems.push({
			file,
			line: bodyStart + 1,
			column: 1,
			message: 'the article has no paragraphs'
		});
	}
	return { file, frontMatter, paragraphs, lines: starts, problems };
}
