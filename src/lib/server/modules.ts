/**
 * The modules this server offers, bundled from questions/ at build time and validated on load.
 * `npm run build` runs the validator first, so a broken module never reaches a server; if one
 * somehow does, start-up fails loudly with every problem rather than serving half a module.
 */
import { loadModule } from '$lib/content/load.ts';
import { formatProblem } from '$lib/content/problems.ts';
import type { Module } from '$lib/content/schema.ts';

const files = import.meta.glob('/questions/*/*.{md,yaml,yml}', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

function loadAll(): Map<string, Module> {
	const folders = new Map<string, Record<string, string>>();
	for (const [path, text] of Object.entries(files)) {
		const [, , slug, name] = path.split('/');
		const folder = folders.get(slug!) ?? {};
		folder[name!] = text;
		folders.set(slug!, folder);
	}
	const modules = new Map<string, Module>();
	for (const [slug, folder] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
		const { module, problems } = loadModule(`questions/${slug}`, folder);
		if (!module)
			throw new Error(`module ${slug} is invalid:\n${problems.map(formatProblem).join('\n')}`);
		modules.set(slug, module);
	}
	return modules;
}

const modules = loadAll();

export function allModules(): Module[] {
	return [...modules.values()];
}

export function findModule(slug: string): Module | undefined {
	return modules.get(slug);
}
