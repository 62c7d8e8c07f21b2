import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { HELLO_BODY, USER_RULES, chainLink, type ChainResult } from '../shared/payloads';
import { announceReady, parseServerArgs } from '../shared/server-args';
import { findRandomWorld, findRandomWorlds, openSqlClient, updateRandomWorlds } from '../shared/sql-client';

/*
 * Raw Fastify, written as its documentation shows (routes with JSON schemas, async handlers that
 * return the payload), logging off. No DI: the chain's services are plain classes built once, and
 * the request-scoped one is built per request, which is what Tenon and Nest do for you.
 */
class ServiceC {
  find(id: string): { id: string; c: 'c' } {
    return chainLink(id);
  }
}
class ServiceB {
  constructor(private readonly c: ServiceC) {}
  enrich(id: string): Omit<ChainResult, 'a'> {
    return { ...this.c.find(id), b: 'b' };
  }
}
class ServiceA {
  constructor(private readonly b: ServiceB) {}
  get(id: string): ChainResult {
    return { ...this.b.enrich(id), a: 'a' };
  }
}

/** The request-scoped chain: C is new for every request and handed down the chain. */
class RequestServiceC {
  readonly createdAt = Date.now();
  find(id: string): { id: string; c: 'c' } {
    return chainLink(id);
  }
}
class RequestServiceB {
  enrich(c: RequestServiceC, id: string): Omit<ChainResult, 'a'> {
    return { ...c.find(id), b: 'b' };
  }
}
class RequestServiceA {
  constructor(private readonly b: RequestServiceB) {}
  get(c: RequestServiceC, id: string): ChainResult {
    return { ...this.b.enrich(c, id), a: 'a' };
  }
}

const userSchema = {
  body: {
    type: 'object',
    required: ['name', 'email', 'age'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: USER_RULES.nameMaxLength },
      email: { type: 'string', format: 'email' },
      age: { type: 'integer', minimum: USER_RULES.ageMin, maximum: USER_RULES.ageMax },
    },
  },
} as const;

async function main(): Promise<void> {
  const args = parseServerArgs();
  const start = performance.now();
  const app = Fastify({ logger: false });
  // The peer of Tenon's defaults: helmet's default security headers on every answer.
  if (args.helmet) await app.register(helmet);
  if (args.http) {
    const chain = new ServiceA(new ServiceB(new ServiceC()));
    const requestChain = new RequestServiceA(new RequestServiceB());
    app.get('/hello', async () => HELLO_BODY);
    app.post('/users', { schema: userSchema }, async (request, reply) => {
      reply.code(201);
      return request.body;
    });
    app.get<{ Params: { id: string } }>('/chain/:id', async (request) => chain.get(request.params.id));
    app.get<{ Params: { id: string } }>('/chain-request/:id', async (request) =>
      requestChain.get(new RequestServiceC(), request.params.id),
    );
  }
  let closeDb = async (): Promise<void> => {};
  if (args.db) {
    const { client, close } = await openSqlClient(args.db);
    closeDb = close;
    app.get('/db', async () => findRandomWorld(client));
    app.get<{ Querystring: { q?: string } }>('/queries', async (request) =>
      findRandomWorlds(client, request.query.q),
    );
    app.get<{ Querystring: { q?: string } }>('/updates', async (request) =>
      updateRandomWorlds(client, request.query.q),
    );
  }
  await app.ready();
  const createdAt = performance.now();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const listenAt = performance.now();
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  announceReady({ port, createdAt, createMs: createdAt - start, listenAt }, async () => {
    await app.close();
    await closeDb();
  });
}

void main();
