import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';

/**
 * Browser tests drive the built app (`npm run build` first; `npm test` does it) in Debian's
 * Chromium. Playwright's own browser download is never used: this project's machines cannot
 * reach it, and Debian's package is the same engine.
 */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: 0,
	reporter: process.env.PW_REPORTER ?? 'list',
	// Every test finishes in under a third of its limit on a quiet two-core machine, so a machine
	// busy with other work slows it without failing it. The walkthroughs (one test per lesson) set
	// their own limits. A wait on what the page shows gets 10 s: a form post and its page under load.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: chromiumPath,
			args: chromiumArgs
		},
		// A failed test keeps its trace: every action, its timing and error, console and network.
		// Not DOM snapshots or a screencast: taken at every action on this long page, they made
		// the whole suite two to three times slower. The failure's screenshot and the page's
		// accessibility tree (error-context.md) show the page as it was.
		trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false },
		screenshot: 'only-on-failure',
		// The app's service worker (offline practice) answers the page's GET requests, where
		// `page.route` cannot see them. Tests run without it, except the offline spec, which
		// allows it for itself.
		serviceWorkers: 'block'
	},
	webServer: {
		command: 'node scripts/start.ts',
		port,
		reuseExistingServer: false,
		env: {
			PORT: String(port),
			// No ORIGIN: the tests use the server as it is started by default, which answers at the
			// address it is opened by (tests/e2e/hardening.spec.ts opens it by IP too).
			DATABASE_PATH: `test-results/e2e-${Date.now()}.sqlite`,
			// Test-only: a `cw_test_now` cookie sets the server's clock for that browser context
			// (tests/e2e/review.spec.ts comes back "three days later"); see src/lib/server/clock.ts.
			CITEWISE_TEST_CLOCK: '1'
		}
	}
});
