// A side-by-side check of raw Fastify against Tenon on the same routes: one server process per
// run, loopback only, a fixed number of requests. It reports the server's own CPU time per
// request, which stays meaningful on a busy machine where requests/s does not, as the median (and
// minimum) over rounds in which the configurations take turns. Run after
// `npx tsc -b packages/core packages/http && node scripts/bundle-packages.js`:
//   node packages/http/bench/side-by-side.js [rounds] [requests]
// The benchmark harness (benchmarks/) is the reference; this script is a quick check.
'use strict';
require('reflect-metadata');
const { fork } = require('node:child_process');
const autocannon = require('autocannon');

const ROUNDS = Number(process.argv[2] || 5);
const AMOUNT = Number(process.argv[3] || 20000);
const todo = JSON.stringify({ title: 'write the benchmark', priority: 3 });
const user = JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com', age: 36 });

const todoSchema = {
  type: 'object',
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    priority: { type: 'integer', minimum: 1 },
  },
  required: ['title', 'priority'],
  additionalProperties: false,
};
const userSchema = {
  type: 'object',
  required: ['name', 'email', 'age'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer', minimum: 0, maximum: 150 },
  },
};

async function serve(kind) {
  if (kind === 'fastify') {
    const app = require('fastify')({ logger: false });
    app.get('/hello', () => ({ hello: 'world' }));
    app.post('/todos', { schema: { body: todoSchema } }, (req) => req.body);
    app.post('/users', { schema: { body: userSchema } }, (req, reply) => reply.code(201).send(req.body));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  }
  const { Module } = require('@tenon/core');
  const { Body, Controller, Get, HttpApplication, HttpCode, Post } = require('@tenon/http');
  const cv = require('class-validator');
  const decorate = (cls, property, ...decorators) => decorators.forEach((d) => d(cls.prototype, property));
  class CreateTodoDto {}
  decorate(CreateTodoDto, 'title', cv.IsString(), cv.Length(1, 200));
  decorate(CreateTodoDto, 'priority', cv.IsInt(), cv.Min(1));
  class CreateUserDto {}
  decorate(CreateUserDto, 'name', cv.IsString(), cv.IsNotEmpty(), cv.MaxLength(100));
  decorate(CreateUserDto, 'email', cv.IsEmail());
  decorate(CreateUserDto, 'age', cv.IsInt(), cv.Min(0), cv.Max(150));
  class C {
    hello() {
      return { hello: 'world' };
    }
    create(dto) {
      return dto;
    }
    signup(dto) {
      return dto;
    }
  }
  const method = (name, ...decorators) =>
    decorators.forEach((d) => d(C.prototype, name, Object.getOwnPropertyDescriptor(C.prototype, name)));
  Reflect.defineMetadata('design:paramtypes', [CreateTodoDto], C.prototype, 'create');
  Reflect.defineMetadata('design:paramtypes', [CreateUserDto], C.prototype, 'signup');
  Body()(C.prototype, 'create', 0);
  Body()(C.prototype, 'signup', 0);
  method('hello', Get('hello'));
  method('create', Post('todos'));
  method('signup', Post('users'), HttpCode(201));
  Controller()(C);
  class M {}
  Module({ controllers: [C] })(M);
  const app = await HttpApplication.create(M, {
    logger: false,
    openapi: false,
    requestScope: kind === 'tenon-auto' ? 'auto' : 'always',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.fastify.server.address().port;
}

const SCENARIOS = [
  ['GET /hello', (port) => ({ url: `http://127.0.0.1:${port}/hello` })],
  ['POST /todos (compiled schema)', (port) => post(port, '/todos', todo)],
  ['POST /users (@IsEmail)', (port) => post(port, '/users', user)],
];
function post(port, path, body) {
  const headers = { 'content-type': 'application/json' };
  return { url: `http://127.0.0.1:${port}${path}`, method: 'POST', body, headers };
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
    const kinds = ['fastify', 'tenon-always', 'tenon-auto'];
    const cpu = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of kinds) {
        const child = fork(__filename, [], { env: { ...process.env, BENCH_SERVER: kind } });
        const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
        for (const [name, options] of SCENARIOS) {
          const opts = options(port);
          await autocannon({ ...opts, connections: 20, amount: 2000 }); // warm-up: JIT and caches
          child.send('start');
          const r = await autocannon({ ...opts, connections: 50, amount: AMOUNT });
          child.send('stop');
          const { cpu: used } = await new Promise((resolve) => child.once('message', resolve));
          if (r.non2xx + r.errors > 0)
            throw new Error(`${kind} ${name}: ${r.non2xx + r.errors} failed requests`);
          const key = `${name}|${kind}`;
          cpu.set(key, [...(cpu.get(key) ?? []), used / AMOUNT]);
        }
        child.send('exit');
      }
    }
    const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    for (const [name] of SCENARIOS) {
      const raw = median(cpu.get(`${name}|fastify`));
      const cells = kinds.map((kind) => {
        const v = cpu.get(`${name}|${kind}`);
        const m = median(v);
        const ratio = kind === 'fastify' ? '' : ` (${(raw / m).toFixed(2)}x)`;
        return `${kind} ${m.toFixed(1)} µs, min ${Math.min(...v).toFixed(1)}${ratio}`;
      });
      console.log(`${name.padEnd(30)} ${cells.join(' | ')}`);
    }
    console.log(
      `CPU µs per request, median of ${ROUNDS} alternating rounds of ${AMOUNT} requests; (x) = raw Fastify / Tenon.`,
    );
  })();
}
