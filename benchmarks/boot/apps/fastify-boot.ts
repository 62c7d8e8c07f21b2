import Fastify from 'fastify';
import { announceReady } from '../../apps/shared/server-args';
import { bootModules } from './boot-args';

/* The floor: raw Fastify registering the same number of routes, with no DI at all. */
async function main(): Promise<void> {
  const modules = bootModules();
  const start = performance.now();
  const app = Fastify({ logger: false });
  for (let m = 0; m < modules; m++) app.get(`/m${m}`, async () => ({ module: m }));
  await app.ready();
  const createdAt = performance.now();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const listenAt = performance.now();
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  announceReady({ port, createdAt, createMs: createdAt - start, listenAt }, () => app.close());
}

void main();
