/**
 * Reading module folders from disk, for the CLI and the tests. (The server bundles content at
 * build time instead; see `src/lib/server/modules.ts`.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadModule, type LoadResult } from './load.ts';

/** Loads the module folder at `dir`; problems name files relative to `root`. */
export function loadModuleDir(dir: string, root = process.cwd()): LoadResult {
	const files: Record<string, string> = {};
	for (const name of readdirSync(dir)) {
		if (/\.(md|ya?ml)$/.test(name) && statSync(join(dir, name)).isFile()) {
			files[name] = readFileSync(join(dir, name), 'utf8');
		}
	}
	return loadModule(relative(root, dir) || dir, files);
}

/** Every module folder under a content root such as `questions/`. */
export function moduleDirs(root: string): string[] {
	return readdirSync(root)
		.filter((name) => statSync(join(root, name)).isDirectory())
		.sort()
		.map((name) => join(root, name));
}
