/**
 * `npm run check:questions [folder…]`: validates every module under questions/ (or the folders
 * given), prints one `file:line:column message` line per problem and a coverage report, and exits
 * non-zero when any module has a problem. Item-writing cues (cues.ts) are printed on stdout as
 * `file:line:column warning: …` lines and a summary; they never change the exit code.
 */
import { resolve } from 'node:path';
import { claimReport } from '../src/lib/content/claims.ts';
import { cueSummary, formatWarning } from '../src/lib/content/cues.ts';
import { loadModuleDir, moduleDirs } from '../src/lib/content/files.ts';
import { coverage } from '../src/lib/content/load.ts';
import { formatProblem } from '../src/lib/content/problems.ts';
import { SKILL_LABELS } from '../src/lib/content/schema.ts';

const args = process.argv.slice(2);
const dirs = args.length ? args.map((a) => resolve(a)) : moduleDirs(resolve('questions'));
let failed = 0;

for (const dir of dirs) {
	const { module, problems, cues } = loadModuleDir(dir);
	for (const problem of problems) console.error(formatProblem(problem));
	if (!module) {
		failed++;
		console.error(`✗ ${dir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
		continue;
	}
	for (const warning of cues?.warnings ?? []) console.log(formatWarning(warning));
	const c = coverage(module);
	console.log(
		`✓ ${module.slug}: ${module.questions.length} questions, ${c.paragraphs} paragraphs, ${module.lessons.length} lessons`
	);
	console.log(
		`  paragraphs no question cites: ${c.uncited.length ? c.uncited.map((n) => `¶${n}`).join(', ') : 'none'}`
	);
	console.log(
		`  by type:  ${Object.entries(c.byType)
			.map(([t, n]) => `${t} ${n}`)
			.join(', ')}`
	);
	console.log(
		`  by skill: ${Object.entries(c.bySkill)
			.map(([s, n]) => `${SKILL_LABELS[s as keyof typeof SKILL_LABELS].toLowerCase()} ${n}`)
			.join(', ')}`
	);
	console.log(
		`  by lesson: ${module.lessons.map((l) => `${l.id} (¶${l.paragraphs[0]}–¶${l.paragraphs[1]}) ${l.questions.length}`).join(', ')}`
	);
	for (const line of claimReport(module)) console.log(line);
	for (const line of cues ? cueSummary(cues) : []) console.log(line);
}

if (!dirs.length) {
	console.error('no module folders found under questions/');
	failed++;
}
process.exit(failed ? 1 : 0);
