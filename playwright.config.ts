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
	timeout: 30_000,
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: chromiumPath,
			args: chromiumArgs
		},
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node scripts/start.ts',
		port,
		reuseExistingServer: false,
		env: {
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			DATABASE_PATH: `test-results/e2e-${Date.now()}.sqlite`
		}
	}
});
