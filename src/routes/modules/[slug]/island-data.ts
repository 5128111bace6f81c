/** Where the module page's island (island.ts) finds its props and the element it hydrates. */
export const ISLAND_DATA = 'module-page-data';
export const ISLAND_TARGET = 'module-page';

/**
 * The page's props as an inert JSON script element for the island. Every `<` in the JSON is
 * written `\u003c`, so nothing in it (a learner's answer echoed back, say) can close the element
 * or open a comment: JSON.parse reads it back unchanged.
 */
export function islandDataScript(props: unknown): string {
	const json = JSON.stringify(props).replace(/</g, '\\u003c');
	return `<script type="application/json" id="${ISLAND_DATA}">${json}${END}`;
}

/** The island's entry, `file` as the build named it in static/island/ (never user text). */
export function islandEntryScript(file: string): string {
	return `<script type="module" src="/island/${file}">${END}`;
}

/** Written whole in a component, this would end the component's own script element. */
const END = `</${'script'}>`;
