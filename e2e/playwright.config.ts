import { defineConfig, devices, type PlaywrightTestConfig, type Project } from '@playwright/test';

/**
 * One project per database, like vaultwarden's suite: the same specs run against the real API
 * on SQLite and on PostgreSQL, each server with its own fresh database, serving the built SPA
 * (web/dist). `E2E_DATABASES=sqlite` (or `postgres`) limits the run — and the servers started —
 * to one of them.
 */
const DATABASES = {
  sqlite: Number(process.env.E2E_SQLITE_PORT ?? 8181),
  postgres: Number(process.env.E2E_POSTGRES_PORT ?? 8182),
} as const;
type Database = keyof typeof DATABASES;

const wanted = (process.env.E2E_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is Database => name in DATABASES);

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const projects: Project[] = wanted.map((name) => ({
  name,
  use: {
    ...devices['Desktop Chrome'],
    // The OAuth redirect URI is built from NES_PUBLIC_URL (http://localhost:PORT): stay on
    // localhost for the whole flow so that the session cookie is sent back.
    baseURL: `http://localhost:${DATABASES[name]}`,
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
}));

const webServer: PlaywrightTestConfig['webServer'] = wanted.map((name) => ({
  name: `api-${name}`,
  command: `bash support/start-server.sh ${name} ${DATABASES[name]}`,
  url: `http://localhost:${DATABASES[name]}/readyz`,
  // A fresh database per run: consent and applications must not survive from earlier runs.
  reuseExistingServer: false,
  // The first run may have to build the API binary.
  timeout: 15 * 60_000,
  stdout: process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore',
  stderr: 'pipe',
  gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
}));

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results/artifacts',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report', open: 'never' }],
    ['junit', { outputFile: 'test-results/junit.xml' }],
  ],
  use: {
    locale: 'tr-TR',
    timezoneId: 'Europe/Istanbul',
    screenshot: 'on',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects,
  webServer,
});
