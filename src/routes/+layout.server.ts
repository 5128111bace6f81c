import type { LayoutServerLoad } from './$types';

/** The reading settings, for the settings form to show the ones in use. */
export const load: LayoutServerLoad = ({ locals }) => ({ comfort: locals.comfort });
