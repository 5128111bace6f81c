import { error } from '@sveltejs/kit';
import { assignmentsOfClass, classOf } from '$lib/server/assignments.ts';
import { database } from '$lib/server/db.ts';
import { findModule } from '$lib/server/modules.ts';
import { requireTeacher } from '$lib/server/teacherSession.ts';
import { takeFlash } from '../../forms.server.ts';
import { modeWords, rosterRows, type RosterRow } from '../../roster.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const teacher = await requireTeacher(event);
	const db = await database();
	const found = await classOf(db, teacher.id, event.params.classId);
	if (!found) error(404, 'There is no such class among yours.');
	const now = new Date();
	const assignments = await assignmentsOfClass(db, teacher.id, found.id);
	return {
		class: { id: found.id, name: found.name },
		assignments: await Promise.all(
			assignments.map(async (a) => {
				const module = findModule(a.moduleSlug);
				return {
					id: a.id,
					moduleTitle: module?.title ?? `${a.moduleSlug} (no longer on this server)`,
					mode: modeWords(a.mode),
					code: a.code,
					roster: module ? await rosterRows(db, a, module, now) : ([] as RosterRow[])
				};
			})
		),
		flash: takeFlash(event)
	};
};
