/**
 * Problems found in content files, each pinned to `file:line:column` so an author can jump to it.
 * YAML is parsed with `yaml`, which keeps every node's source range; a schema issue's path is
 * looked up in the document to find where it points.
 */
import {
	isMap,
	isPair,
	isScalar,
	LineCounter,
	parseDocument,
	type Document,
	type Node
} from 'yaml';
import type { z } from 'zod';
import { QUESTION_TYPES } from './terms.ts';

/** One thing wrong with a content file. Lines and columns count from 1. */
export interface Problem {
	file: string;
	line: number;
	column: number;
	message: string;
}

export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line}:${p.column} ${p.message}`;
}

export function byPosition(a: Problem, b: Problem): number {
	return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** A parsed YAML file that can say where any path in it is. */
export class YamlSource {
	readonly file: string;
	readonly doc: Document;
	readonly problems: Problem[] = [];
	private readonly lines = new LineCounter();
	/** Lines before `text` within the file (front matter starts after its `---`). */
	private readonly lineOffset: number;

	constructor(file: string, text: string, lineOffset = 0) {
		this.file = file;
		this.lineOffset = lineOffset;
		this.doc = parseDocument(text, {
			lineCounter: this.lines,
			uniqueKeys: true,
			prettyErrors: false
		});
		for (const error of [...this.doc.errors, ...this.doc.warnings]) {
			const [line, column] = this.position(error.pos[0]);
			this.problems.push({ file, line, column, message: firstLine(error.message) });
		}
	}

	/** Plain data, or undefined when the YAML could not be parsed. */
	data(): unknown {
		return this.doc.errors.length ? undefined : this.doc.toJS();
	}

	/** Where a path points: the value's node, or the nearest ancestor that exists. */
	at(path: readonly PropertyKey[], message: string): Problem {
		const [line, column] = this.position(this.offsetOf(path));
		return { file: this.file, line, column, message };
	}

	/** Where a key (not its value) of the map at `path` is, for unknown-key problems. */
	keyAt(path: readonly PropertyKey[], key: string, message: string): Problem {
		const node = this.doc.getIn(path as unknown[], true);
		if (isMap(node)) {
			const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
			const keyNode = pair?.key as Node | undefined;
			if (keyNode?.range) {
				const [line, column] = this.position(keyNode.range[0]);
				return { file: this.file, line, column, message };
			}
		}
		return this.at(path, message);
	}

	/** Turns every issue of a failed schema parse into a located problem. */
	schemaProblems(error: z.ZodError, prefix: readonly PropertyKey[] = []): Problem[] {
		return error.issues.map((issue) => {
			const path = [...prefix, ...issue.path];
			if (issue.code === 'unrecognized_keys') {
				const key = issue.keys[0]!;
				return this.keyAt(path, key, `${describe(path)}: unknown field "${key}"`);
			}
			return this.at(path, `${describe(path)}: ${issueMessage(issue)}`);
		});
	}

	private offsetOf(path: readonly PropertyKey[]): number {
		for (let n = path.length; n >= 0; n--) {
			const node =
				n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n) as unknown[], true);
			const range = (node as Node | null | undefined)?.range;
			if (range) return range[0];
		}
		return 0;
	}

	private position(offset: number): [number, number] {
		const { line, col } = this.lines.linePos(offset);
		return [line + this.lineOffset, col];
	}
}

/** A path as an author reads it: `questions[3].cites[0].quote`. */
export function describe(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
	}
	return out || 'file';
}

function issueMessage(issue: z.core.$ZodIssue): string {
	if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
	if (
		issue.code === 'invalid_union' &&
		'note' in issue &&
		issue.note === 'No matching discriminator'
	) {
		return `type must be one of ${QUESTION_TYPES.join(', ')}`;
	}
	if (issue.code === 'invalid_value') {
		return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
	}
	return issue.message;
}

function firstLine(message: string): string {
	return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
