// Fails unless generated/openapi.d.ts is exactly what `npm run generate-client` makes from
// ../docs/openapi.json now: the committed client types never drift from the committed spec.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const e2e = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(e2e, 'generated', 'openapi.d.ts');
const scratch = mkdtempSync(join(tmpdir(), 'nes-openapi-ts-'));
try {
  const fresh = join(scratch, 'openapi.d.ts');
  execFileSync(join(e2e, 'node_modules', '.bin', 'openapi-typescript'), ['../docs/openapi.json', '-o', fresh], {
    cwd: e2e,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error('e2e/generated/openapi.d.ts is not what docs/openapi.json generates: run `npm run generate-client` in e2e/ and commit it');
    process.exit(1);
  }
  console.log('e2e/generated/openapi.d.ts matches docs/openapi.json');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
