import autocannon from 'autocannon';
import { startBank } from '../lib/apps';
import { send } from '../lib/http';
import { sleep } from '../lib/load';
import type { Part } from '../lib/part';
import { APPS } from '../lib/paths';
import { PostgresAdmin } from '../lib/postgres';
import { formatBytes } from '../lib/report';

const CONNECTIONS = 50;
const ACCOUNTS = 20;
/** Growth allowed between the sample after warm-up and the sample after the load (both after GC). */
const GROWTH_LIMIT = 0.1;

/**
 * Part 4: three minutes of load on a request-scoped route (the fixture's `GET /accounts/:id`,
 * whose controller depends on a `Scope.REQUEST` provider holding the request). The process runs
 * with `--expose-gc` and the probe preload: after warm-up and after the load, it collects garbage
 * and reports RSS, heap and core's count of live request contexts.
 */
export const soakPart: Part = {
  id: 4,
  name: 'Soak',
  budgetMs: 210_000,
  async run(r, settings) {
    const warmupS = settings.quick ? 5 : 20;
    const measuredS = settings.quick ? 20 : 160;
    let databaseUrl = 'pglite://memory';
    if (settings.postgresUrl) {
      const admin = new PostgresAdmin(settings.postgresUrl);
      await admin.recreate('reliability_soak');
      databaseUrl = admin.urlFor('reliability_soak');
    }
    r.figure('database', settings.postgresUrl ? 'PostgreSQL (reliability_soak)' : 'embedded PGlite');
    const server = startBank({
      databaseUrl,
      env: { ACCOUNTS: String(ACCOUNTS), TENON_TRACK_REQUEST_CONTEXTS: '1' },
      nodeArgs: ['--expose-gc', '-r', APPS.probe],
      ipc: true,
      name: 'bank',
    });
    const origin = await server.listening();
    const check = await send(origin, { method: 'GET', path: '/accounts/1' });
    r.check(
      check.status === 200 && /"requestId"/.test(check.body),
      `the request-scoped route does not answer: ${check.status} ${check.body}`,
    );
    let n = 0;
    const requests = [
      {
        method: 'GET',
        setupRequest: (req: { path?: string }) => ({ ...req, path: `/accounts/${(n++ % ACCOUNTS) + 1}` }),
      },
    ];

    const warmup = await autocannon({ url: origin, connections: CONNECTIONS, duration: warmupS, requests });
    const before = await server.probeStats();
    r.figure(
      'after warm-up',
      `${warmup.requests.total} requests; RSS ${formatBytes(before.rss!)}, heap ${formatBytes(before.heapUsed!)}, live request contexts ${before.liveContexts}`,
    );
    r.check(
      before.gcAvailable === 1,
      'the server process has no gc() (--expose-gc missing): the figures are not comparable',
    );
    r.check(
      before.liveContexts! >= 0,
      'the live request context counter is off (TENON_TRACK_REQUEST_CONTEXTS not honoured)',
    );

    const samples: Record<string, number>[] = [];
    let loading = true;
    const sampler = (async () => {
      while (loading) {
        await sleep(20_000);
        if (loading) samples.push(await server.probeStats());
      }
    })();
    const load = await autocannon({ url: origin, connections: CONNECTIONS, duration: measuredS, requests });
    loading = false;
    await sampler;
    await sleep(500);
    const after = await server.probeStats();

    const total = load.requests.total;
    r.figure(
      'measured load',
      `${total.toLocaleString('en-US')} requests in ${measuredS} s (${Math.round(load.requests.average)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms), ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts`,
    );
    r.figure(
      'during the load (every 20 s)',
      samples.map((s) => `${formatBytes(s.rss!)}/${formatBytes(s.heapUsed!)}/${s.liveContexts}`).join(', ') +
        ' (RSS/heap/live contexts)',
    );
    const rssGrowth = (after.rss! - before.rss!) / before.rss!;
    const heapGrowth = (after.heapUsed! - before.heapUsed!) / before.heapUsed!;
    r.figure(
      'after the load',
      `RSS ${formatBytes(after.rss!)} (${pct(rssGrowth)}), heap ${formatBytes(after.heapUsed!)} (${pct(heapGrowth)}), live request contexts ${after.liveContexts}`,
    );
    r.check(
      load.non2xx === 0 && load.errors === 0,
      `${load.non2xx} non-2xx answers and ${load.errors} errors during the soak`,
    );
    r.check(
      rssGrowth < GROWTH_LIMIT,
      `RSS grew ${pct(rssGrowth)} after warm-up (limit ${pct(GROWTH_LIMIT)})`,
    );
    r.check(
      heapGrowth < GROWTH_LIMIT,
      `the heap grew ${pct(heapGrowth)} after warm-up (limit ${pct(GROWTH_LIMIT)})`,
    );
    // With no request in flight, every context must be collectable; a few may wait for the next
    // finalization pass, none may be kept by the requests that ended.
    r.check(
      after.liveContexts! <= CONNECTIONS,
      `${after.liveContexts} request contexts are still alive after ${total} requests ended: contexts are retained`,
    );
    const exit = await server.stop();
    r.check(
      exit.code === 0,
      `the soaked process did not exit 0 on SIGTERM (code ${exit.code}, signal ${exit.signal})`,
    );
  },
};

function pct(ratio: number): string {
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;
}
