/**
 * The teardown of the project `cluster`: the specs it ran went through nginx to every API
 * instance, not to one. Each instance's own `/metrics` (read directly, not through nginx)
 * counts the API operations it answered; the health checks that scripts/cluster and Playwright
 * make while starting are left out. nginx's access log says the same from the other side.
 */
import { readFileSync, existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/** Operations that the start-up itself calls, or that are not the API. */
const NOT_FROM_THE_SPECS = new Set(['healthz', 'readyz', 'metrics', 'static', 'unmatched']);

/** `nes_http_requests_total` of the specs' operations, from one instance's exposition. */
function apiRequests(exposition: string): { total: number; byOperation: Map<string, number> } {
  const byOperation = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    const match = /^nes_http_requests_total\{([^}]*)\}\s+(\S+)/.exec(line);
    if (!match) continue;
    const operation = /operation="([^"]*)"/.exec(match[1])?.[1] ?? '';
    if (NOT_FROM_THE_SPECS.has(operation)) continue;
    byOperation.set(operation, (byOperation.get(operation) ?? 0) + Number(match[2]));
  }
  const total = [...byOperation.values()].reduce((sum, n) => sum + n, 0);
  return { total, byOperation };
}

test('every API instance served requests of the specs', async ({ request }, testInfo) => {
  const { instances, accessLog } = testInfo.project.metadata as { instances: string[]; accessLog: string };
  expect(instances.length, 'the cluster has at least two instances').toBeGreaterThanOrEqual(2);

  const served = new Map<string, number>();
  for (const instance of instances) {
    const response = await request.get(`${instance}/metrics`);
    expect(response.status(), `${instance}/metrics`).toBe(200);
    const { total, byOperation } = apiRequests(await response.text());
    served.set(instance, total);
    const top = [...byOperation.entries()].sort((a, b) => b[1] - a[1]);
    await testInfo.attach(`operations of ${instance}`, {
      body: top.map(([operation, n]) => `${n}\t${operation}`).join('\n'),
      contentType: 'text/plain',
    });
  }

  // nginx's view: which upstream answered each request that was not a health check.
  const byUpstream = new Map<string, number>();
  if (existsSync(accessLog)) {
    for (const line of readFileSync(accessLog, 'utf8').split('\n')) {
      if (!line || /"[A-Z]+ \/(readyz|healthz)[ ?]/.test(line)) continue;
      const upstreams = /upstream=(\S+)/.exec(line)?.[1] ?? '-';
      for (const upstream of upstreams.split(/,\s*/)) byUpstream.set(upstream, (byUpstream.get(upstream) ?? 0) + 1);
    }
  }
  const summary = [
    ...[...served].map(([instance, n]) => `${instance}: ${n} API requests (its /metrics)`),
    ...[...byUpstream].map(([upstream, n]) => `nginx → ${upstream}: ${n} requests (access log)`),
  ].join('\n');
  await testInfo.attach('balance', { body: summary, contentType: 'text/plain' });
  console.log(`[cluster-balance]\n${summary}`);

  const total = [...served.values()].reduce((sum, n) => sum + n, 0);
  expect(total, 'the specs made API requests through the cluster').toBeGreaterThan(0);
  for (const [instance, n] of served) {
    // Round robin gives each about 1/N; a quarter of that already rules out one instance
    // taking (nearly) everything.
    expect(n, `${instance} served its share of the specs' API requests\n${summary}`).toBeGreaterThanOrEqual(
      total / (4 * instances.length),
    );
    const port = new URL(instance).port;
    expect(byUpstream.get(`127.0.0.1:${port}`) ?? 0, `nginx passed requests to ${instance}\n${summary}`).toBeGreaterThan(0);
  }
});
