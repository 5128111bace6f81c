/**
 * `npm run export -- <module> --format qti3|moodle-xml|gift [--out DIR]`: writes a module as a file
 * a learning platform imports, and prints what the format kept and lost. <module> is a folder, or
 * the name of one under questions/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadModuleDir } from '../src/lib/content/files.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { TYPE_LABELS } from '../src/lib/content/terms.ts';
import {
	EXPORT_FORMATS,
	exportModule,
	FORMAT_INFO,
	isExportFormat
} from '../src/lib/export/index.ts';

const usage = `usage: npm run export -- <module folder or name> --format ${EXPORT_FORMATS.join('|')} [--out DIR]`;

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' } }
	});
} catch (error) {
	fail(`${(error as Error).message}\n${usage}`);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) fail(usage);
if (!values.format || !isExportFormat(values.format)) {
	fail(
		`--format must be one of ${EXPORT_FORMATS.join(', ')}${values.format ? ` (got “${values.format}”)` : ''}\n${usage}`
	);
}

const name = positionals[0]!;
const dir = existsSync(name) ? resolve(name) : resolve('questions', name);
if (!existsSync(dir)) fail(`no module folder “${name}” (looked for ${dir})`);
const { module, problems } = loadModuleDir(dir);
if (!module) {
	for (const problem of problems) console.error(formatProblem(problem));
	fail(
		`✗ ${name} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing exported`
	);
}

const file = exportModule(module, values.format);
const outDir = resolve(values.out ?? '.');
mkdirSync(outDir, { recursive: true });
const path = join(outDir, file.fileName);
writeFileSync(path, file.body);

const s = file.summary;
console.log(`✓ ${path}`);
console.log(
	`  ${FORMAT_INFO[s.format].label}: ${s.exported} of ${s.questions} questions. ${FORMAT_INFO[s.format].platforms}`
);
for (const { type, count, fidelity } of s.byType) {
	console.log(`  ${TYPE_LABELS[type]} (${count}) → ${fidelity.becomes}`);
	if (fidelity.kept.length) console.log(`      kept: ${fidelity.kept.join('; ')}`);
	if (fidelity.lost.length) console.log(`      lost: ${fidelity.lost.join('; ')}`);
}
if (s.omitted.length) {
	console.log(`  not exported (${s.omitted.length}), listed at the top of the file:`);
	for (const o of s.omitted) console.log(`    ${o.id} (${TYPE_LABELS[o.type]})`);
}
