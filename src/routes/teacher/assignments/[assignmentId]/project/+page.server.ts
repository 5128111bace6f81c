import { findModule } from '$lib/server/modules.ts';
import { qrSvg } from '../../../qr.server.ts';
import { assignmentOr404 } from '../../../scope.server.ts';
import type { PageServerLoad } from './$types';

/** What a class sees on the projector: the address, the code and the QR code, large. */
export const load: PageServerLoad = async (event) => {
	const { assignment: a } = await assignmentOr404(event);
	const joinPage = `${event.url.origin}/join`;
	const joinLink = `${joinPage}/${a.code}`;
	return {
		assignment: {
			id: a.id,
			code: a.code,
			className: a.className,
			moduleTitle: findModule(a.moduleSlug)?.title ?? a.moduleSlug
		},
		joinPage,
		joinLink,
		qr: qrSvg(joinLink)
	};
};
