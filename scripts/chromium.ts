/**
 * The one Chromium the browser tests and the benchmarks drive: Debian's package (Playwright's
 * own download cannot be reached from our machines), started headless with the flags that keep
 * it from calling out to a network it does not have.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update'
];
