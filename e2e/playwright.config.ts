import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices, type PlaywrightTestConfig, type Project } from '@playwright/test';

/**
 * One project per database, like vaultwarden's suite: the same specs run against the real API
 * on SQLite and on PostgreSQL, each server with its own fresh database, serving the built SPA
 * (web/dist). `E2E_DATABASES=sqlite` (or `postgres`) limits the run — and the servers started —
 * to one of them.
 *
 * `E2E_DATABASES=cluster` (not in the default list) runs the project `cluster` instead: a few
 * specs through nginx in front of several API instances on one PostgreSQL database
 * (scripts/cluster), round robin without sticky sessions, then the project `cluster-balance`
 * (its teardown), which fails unless every instance served requests of those specs.
 */
const DATABASES = {
  sqlite: Number(process.env.E2E_SQLITE_PORT ?? 8181),
  postgres: Number(process.env.E2E_POSTGRES_PORT ?? 8182),
  cluster: Number(process.env.E2E_CLUSTER_PORT ?? 8183),
} as const;
type Database = keyof typeof DATABASES;

const wanted = (process.env.E2E_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is Database => name in DATABASES);

/** The cluster's API instances, each on its own port after nginx's (scripts/cluster). */
const clusterApiPorts: number[] = process.env.E2E_CLUSTER_API_PORTS
  ? process.env.E2E_CLUSTER_API_PORTS.split(/[ ,]+/).filter(Boolean).map(Number)
  : Array.from({ length: Number(process.env.E2E_CLUSTER_INSTANCES ?? 2) }, (_, i) => DATABASES.cluster + 1 + i);

/** The specs that go through the cluster: logins of every kind and both approvals, whose
 * ceremonies and redirects span several requests — so several instances. */
const CLUSTER_SPECS = ['e-onay.spec.ts', 'staff-login.spec.ts', 'passkeys.spec.ts', 'e-imza.spec.ts'];

/** A cluster-only run (scripts/test runs it after the main one) keeps its report, JUnit file
 * and artifacts apart, so that it does not replace the main run's. */
const runSuffix = wanted.length === 1 && wanted[0] === 'cluster' ? '-cluster' : '';

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

function browserUse(name: Database): Project['use'] {
  return {
    ...devices['Desktop Chrome'],
    // The OAuth redirect URI is built from NES_PUBLIC_URL (http://localhost:PORT): stay on
    // localhost for the whole flow so that the session cookie is sent back.
    baseURL: `http://localhost:${DATABASES[name]}`,
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  };
}

const projects: Project[] = wanted.flatMap((name): Project[] =>
  name === 'cluster'
    ? [
        {
          name,
          testMatch: CLUSTER_SPECS,
          teardown: 'cluster-balance',
          use: browserUse(name),
        },
        {
          name: 'cluster-balance',
          testDir: './cluster',
          metadata: {
            instances: clusterApiPorts.map((port) => `http://127.0.0.1:${port}`),
            // start-server.sh runs scripts/cluster with this run directory.
            accessLog: join(process.env.TMPDIR ?? tmpdir(), `nes-e2e-cluster-${DATABASES.cluster}`, 'cluster', 'nginx', 'access.log'),
          },
        },
      ]
    : [{ name, use: browserUse(name) }],
);

const webServer: PlaywrightTestConfig['webServer'] = wanted.map((name) => ({
  name: `api-${name}`,
  command: `bash support/start-server.sh ${name} ${DATABASES[name]}`,
  url: `http://localhost:${DATABASES[name]}/readyz`,
  env: (name === 'cluster' ? { E2E_CLUSTER_API_PORTS: clusterApiPorts.join(',') } : {}) as Record<string, string>,
  // A fresh database per run: consent and applications must not survive from earlier runs.
  reuseExistingServer: false,
  // The first run may have to build the API binary.
  timeout: 15 * 60_000,
  stdout: process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore',
  stderr: 'pipe',
  // The cluster stops nginx, then every instance (each finishes its requests in flight).
  gracefulShutdown: { signal: 'SIGTERM', timeout: name === 'cluster' ? 30_000 : 10_000 },
}));

export default defineConfig({
  testDir: './tests',
  outputDir: `./test-results/artifacts${runSuffix}`,
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: `playwright-report${runSuffix}`, open: 'never' }],
    ['junit', { outputFile: `test-results/junit${runSuffix}.xml` }],
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
