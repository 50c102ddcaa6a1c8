/**
 * Starts the fake SMS gateway for the whole run (both projects' API servers send to it) and
 * stops it afterwards. (Screenshots under test-results/screens/ are overwritten, not cleared,
 * so that running one spec keeps the others' pictures.)
 */
import type { FullConfig } from '@playwright/test';
import { startSmsGateway } from './sms-gateway';

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const gateway = await startSmsGateway();
  return async () => {
    await gateway.close();
  };
}
