/*
 * Micro-benchmark of what @tenon/core does per request, A/B alternating between builds:
 *   node packages/core/scripts/request-scope-bench.js [coreDirA] [coreDirB] [--rounds 7] [--ops 200000]
 * Each dir is a copy of packages/core holding dist/ (default: this package for both). Cases, each
 * opened as the HTTP layer opens a request (an id and the request seeded as a value):
 *   empty    - a scope where nothing request-scoped is resolved (a singleton chain)
 *   request  - a singleton calls a request-scoped service through its proxy (3 calls per request)
 * Prints ns per request for each build, median of the rounds, and B/A.
 */
require('reflect-metadata');
const path = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const dirs = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const here = path.join(__dirname, '..');
const builds = [dirs[0] ?? here, dirs[1] ?? dirs[0] ?? here].map((d) => path.resolve(d));
const rounds = option('--rounds', 7);
const ops = option('--ops', 200000);

async function setup(dir) {
  const core = require(path.join(dir, 'dist', 'index.js'));
  const { Injectable, Module, Scope, ApplicationContext, InjectionToken } = core;
  const REQ = new InjectionToken('REQ');
  class C {
    find(id) {
      return { id, c: 'c' };
    }
  }
  Injectable({ scope: Scope.REQUEST })(C);
  class B {
    constructor(c) {
      this.c = c;
    }
    enrich(id) {
      return { ...this.c.find(id), b: 'b' };
    }
    twice(id) {
      this.c.find(id);
      this.c.find(id);
      return this.c.find(id);
    }
  }
  Reflect.defineMetadata('design:paramtypes', [C], B);
  Injectable()(B);
  class S {
    find(id) {
      return { id };
    }
  }
  Injectable()(S);
  class M {}
  Module({ providers: [C, B, S] })(M);
  const ctx = await ApplicationContext.create(M, { logger: false });
  const b = ctx.get(B);
  const s = ctx.get(S);
  const request = { id: 'r' };
  let n = 0;
  return {
    empty: () => ctx.runInRequestScope(() => s.find('1'), { id: `r${++n}`, values: [[REQ, request]] }),
    request: () => ctx.runInRequestScope(() => b.twice('1'), { id: `r${++n}`, values: [[REQ, request]] }),
  };
}

function time(fn) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) fn();
  return Number(process.hrtime.bigint() - t) / ops;
}

const median = (values) => {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

(async () => {
  const cases = await Promise.all(builds.map(setup));
  const names = Object.keys(cases[0]);
  const results = names.map(() => [[], []]);
  for (let r = 0; r <= rounds; r++) {
    names.forEach((name, c) => {
      for (let b = 0; b < 2; b++) {
        const ns = time(cases[b][name]);
        if (r > 0) results[c][b].push(ns); // round 0 warms up
      }
    });
  }
  console.log(
    `A=${builds[0]}\nB=${builds[1]}\nload ${require('node:os')
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  names.forEach((name, c) => {
    const [a, b] = results[c].map(median);
    console.log(
      `${name.padEnd(8)} A ${a.toFixed(0).padStart(5)} ns  B ${b.toFixed(0).padStart(5)} ns  B/A ${(b / a).toFixed(2)}`,
    );
  });
})();
