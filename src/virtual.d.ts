/** Written by vite.config.ts's island plugin: the module page's island, its entry and what it imports. */
declare module 'virtual:module-island' {
	const island: { entry: string; preloads: string[] };
	export default island;
}
