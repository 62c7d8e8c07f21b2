// A first side-by-side measurement: raw Fastify against Tenon on the same two routes, one
// server process each, loopback only, a fixed number of requests. Besides requests/s it
// reports the server's own CPU time per request, which stays meaningful on a busy machine
// where requests/s does not. Run after `npx tsc -b packages/core packages/http`:
//   node packages/http/bench/side-by-side.js [requests]
// The benchmark harness (benchmarks/) is the reference; this script is a quick check.
'use strict';
require('reflect-metadata');
const { fork } = require('node:child_process');
const autocannon = require('autocannon');

const AMOUNT = Number(process.argv[2] || 20000);
const payload = JSON.stringify({ title: 'write the benchmark', priority: 3 });

async function serve(kind) {
  const Fastify = require('fastify');
  if (kind === 'fastify') {
    const app = Fastify({ logger: false });
    app.get('/hello', () => ({ hello: 'world' }));
    app.post(
      '/todos',
      {
        schema: {
          body: {
            type: 'object',
            properties: {
              title: { type: 'string', minLength: 1, maxLength: 200 },
              priority: { type: 'integer', minimum: 1 },
            },
            required: ['title', 'priority'],
            additionalProperties: false,
          },
        },
      },
      (req) => req.body,
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  }
  const { Module } = require('@tenon/core');
  const { Body, Controller, Get, HttpApplication, Post } = require('@tenon/http');
  const { IsInt, IsString, Length, Min } = require('class-validator');
  class CreateTodoDto {}
  IsString()(CreateTodoDto.prototype, 'title');
  Length(1, 200)(CreateTodoDto.prototype, 'title');
  IsInt()(CreateTodoDto.prototype, 'priority');
  Min(1)(CreateTodoDto.prototype, 'priority');
  class C {
    hello() {
      return { hello: 'world' };
    }
    create(dto) {
      return dto;
    }
  }
  Reflect.defineMetadata('design:paramtypes', [CreateTodoDto], C.prototype, 'create');
  Body()(C.prototype, 'create', 0);
  Get('hello')(C.prototype, 'hello', Object.getOwnPropertyDescriptor(C.prototype, 'hello'));
  Post('todos')(C.prototype, 'create', Object.getOwnPropertyDescriptor(C.prototype, 'create'));
  Controller()(C);
  class M {}
  Module({ controllers: [C] })(M);
  const app = await HttpApplication.create(M, {
    logger: false,
    openapi: false,
    requestScope: process.env.BENCH_SCOPE || 'always',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.fastify.server.address().port;
}

if (process.env.BENCH_SERVER) {
  let since;
  process.on('message', (m) => {
    if (m === 'start') since = process.cpuUsage();
    if (m === 'exit') process.exit(0);
    if (m === 'stop') {
      const d = process.cpuUsage(since);
      process.send({ cpu: d.user + d.system });
    }
  });
  serve(process.env.BENCH_SERVER).then((port) => process.send({ port }));
} else {
  (async () => {
    const results = {};
    for (const kind of ['fastify', 'tenon', 'fastify', 'tenon']) {
      const child = fork(__filename, [], { env: { ...process.env, BENCH_SERVER: kind } });
      const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
      for (const [name, opts] of [
        ['hello', { url: `http://127.0.0.1:${port}/hello` }],
        [
          'validated POST',
          {
            url: `http://127.0.0.1:${port}/todos`,
            method: 'POST',
            body: payload,
            headers: { 'content-type': 'application/json' },
          },
        ],
      ]) {
        await autocannon({ ...opts, connections: 20, amount: 2000 }); // warm-up: JIT and caches
        child.send('start');
        const r = await autocannon({ ...opts, connections: 50, amount: AMOUNT });
        child.send('stop');
        const { cpu } = await new Promise((resolve) => child.once('message', resolve));
        const key = `${kind} ${name}`;
        const perRequest = cpu / AMOUNT;
        const prev = results[key];
        results[key] = {
          rps: Math.max(prev ? prev.rps : 0, r.requests.average),
          cpu: Math.min(prev ? prev.cpu : Infinity, perRequest),
        };
      }
      child.kill();
    }
    for (const name of ['hello', 'validated POST']) {
      const f = results[`fastify ${name}`];
      const t = results[`tenon ${name}`];
      console.log(
        `${name.padEnd(15)} fastify ${f.rps.toFixed(0).padStart(6)} req/s ${f.cpu.toFixed(1).padStart(5)} µs CPU/req | ` +
          `tenon ${t.rps.toFixed(0).padStart(6)} req/s ${t.cpu.toFixed(1).padStart(5)} µs CPU/req | ` +
          `throughput ratio ${(t.rps / f.rps).toFixed(3)}, CPU ratio ${(f.cpu / t.cpu).toFixed(3)}`,
      );
    }
  })();
}
