/**
 * Runs the real e-İmza signing application (target/debug/eimza-uygulamasi) the way a person
 * would after copying the code from the page — with every prompt answered by a flag — against
 * the project's server, its SoftHSM2 tokens standing for smart cards, or its .p12 files.
 * start-server.sh made that PKI with `dev-pki` under the project's data directory.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { TestInfo } from '@playwright/test';
import type { Citizen } from './citizens';

const repo = resolve(__dirname, '..', '..');
export const TOKEN_PIN = '123456';
export const P12_PASSWORD = '123456';

/** The data directory start-server.sh uses for this project. */
function dataDir(testInfo: TestInfo): string {
  const baseURL = testInfo.project.use.baseURL ?? '';
  const port = new URL(baseURL).port;
  return join(process.env.TMPDIR ?? tmpdir(), `nes-e2e-${testInfo.project.name}-${port}`);
}

export interface SigningAppRun {
  exitCode: number;
  output: string;
}

export type Credential = { kind: 'token'; pin: string } | { kind: 'p12'; password: string };

export function runSigningApp(testInfo: TestInfo, citizen: Citizen, code: string, credential: Credential): Promise<SigningAppRun> {
  const bin = join(repo, 'target', 'debug', 'eimza-uygulamasi');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build -p signer`);
  const pki = join(dataDir(testInfo), 'pki');
  const args = ['--server', testInfo.project.use.baseURL ?? '', '--code', code, '--yes'];
  if (credential.kind === 'token') {
    args.push('--pkcs11-module', '/usr/lib/softhsm/libsofthsm2.so', '--token-label', `NES ${citizen.tckn}`, '--pin', credential.pin);
  } else {
    args.push('--p12', join(pki, 'p12', `${citizen.tckn}.p12`), '--p12-password', credential.password);
  }
  return new Promise((done) => {
    execFile(
      bin,
      args,
      { env: { ...process.env, SOFTHSM2_CONF: join(pki, 'softhsm2.conf') }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ exitCode, output: `${stdout}\n${stderr}` });
      },
    );
  });
}
