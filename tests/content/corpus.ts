/**
 * Reading a test corpus on disk: case folders, and the `expected.txt` in each that lists, one per
 * line, `<case>/<file>:<line>:<column> <part of the message>` (`#` lines describe the case).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ExpectedProblem {
	/** `<case>/<file>:<line>:<column>` */
	location: string;
	/** Text the message must contain. */
	message: string;
}

/** The case folders under `root`, found with readdir: adding a folder adds a test. */
export function caseNames(root: string): string[] {
	return readdirSync(root)
		.filter((name) => statSync(join(root, name)).isDirectory())
		.sort();
}

export function readExpected(dir: string): ExpectedProblem[] {
	return readFileSync(join(dir, 'expected.txt'), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'))
		.map((line) => {
			const match = /^(\S+:\d+:\d+) (.+)$/.exec(line);
			if (!match) throw new Error(`${dir}/expected.txt: cannot read "${line}"`);
			return { location: match[1]!, message: match[2]! };
		});
}

/** Text as a regular expression that matches it literally. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
