import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { writeSection } from '../harness/report';
import { median } from '../harness/stats';

/*
 * Issue 14, "Embedded database start": a new app (one entity, its table created at boot, one
 * repository, one controller) from process start to listening and answering, and its RSS, on
 * the embedded default (pglite://memory) and on PostgreSQL. Fresh processes, variants
 * alternating, medians. The first variant is a machine's very first start: an empty temporary
 * folder (TMPDIR, new for each start), so the template @tenon/data ships is what it loads; the
 * run fails if a start wrote a template of its own there instead.
 *   npm run bench:embedded -- [--runs 5] [--node /path/to/node] [--with-initdb] [--no-write]
 * PostgreSQL takes part when TENON_TEST_POSTGRES_URL is set; --with-initdb adds the start without
 * a template (initdb at every start: tens of seconds on a loaded machine).
 */
interface Sample {
  listening: number;
  cpuMs: number;
  rss: number;
  ok: boolean;
}

interface Variant {
  label: string;
  url: string;
  env: Record<string, string | undefined>;
  /** A new, empty temporary folder for each start, which must still be empty after it. */
  firstStart?: boolean;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const node = option('--node') ?? process.execPath;
const runs = Number(option('--runs') ?? 5);
const app = join(__dirname, 'embedded-start-app.js');
const template = join(tmpdir(), `tenon-embedded-start-bench-${process.pid}.tar`);

function once(variant: Variant): Sample {
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'production', ...variant.env };
  const temp = variant.firstStart ? mkdtempSync(join(tmpdir(), 'tenon-embedded-first-start-')) : undefined;
  if (temp !== undefined) env.TMPDIR = temp;
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const out = spawnSync(node, [app, variant.url], { encoding: 'utf8', env, timeout: 120_000 });
  if (temp !== undefined) {
    const written = readdirSync(temp);
    rmSync(temp, { recursive: true, force: true });
    if (written.length > 0)
      throw new Error(
        `${variant.label}: the start wrote ${written.join(', ')} into its temporary folder, so it did not ` +
          'load the template @tenon/data ships (run `npm run build` to make it)',
      );
  }
  const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
  if (out.status !== 0 || line === undefined)
    throw new Error(`${variant.label}: ${out.stderr || out.stdout}`);
  const sample = JSON.parse(line) as Sample;
  if (!sample.ok) throw new Error(`${variant.label}: GET /todos did not answer 200 with a list`);
  return sample;
}

function main(): void {
  const variants: Variant[] = [
    {
      label:
        "pglite://memory, a machine's first start (the template @tenon/data ships, nothing in the temporary folder)",
      url: 'pglite://memory',
      env: { TENON_PGLITE_TEMPLATE: undefined },
      firstStart: true,
    },
    {
      label:
        'pglite://memory, per-user template in the temporary folder (a PGlite other than the one @tenon/data shipped for)',
      url: 'pglite://memory',
      env: { TENON_PGLITE_TEMPLATE: template },
    },
  ];
  if (process.argv.includes('--with-initdb'))
    variants.push({
      label: 'pglite://memory, no template (initdb at every start)',
      url: 'pglite://memory',
      env: { TENON_PGLITE_TEMPLATE: 'off' },
    });
  const postgres = process.env.TENON_TEST_POSTGRES_URL;
  if (postgres) variants.push({ label: 'PostgreSQL (server on this machine)', url: postgres, env: {} });
  const loadStart = loadavg()[0]!;
  const started = new Date();
  rmSync(template, { force: true });
  // The first start with no shipped template makes the per-user one: measured apart, it is what a
  // machine's first app pays when the installed PGlite is not the one @tenon/data was built with.
  const first = once(variants[1]!);
  const samples = new Map<Variant, Sample[]>(variants.map((v) => [v, []]));
  for (let r = 0; r < runs; r++) for (const v of variants) samples.get(v)!.push(once(v));
  rmSync(template, { force: true });
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const rows = variants.map((v) => {
    const list = samples.get(v)!;
    const ms = median(list.map((s) => s.listening));
    const rss = median(list.map((s) => s.rss)) / 2 ** 20;
    const target = v.url === 'pglite://memory' && v.env.TENON_PGLITE_TEMPLATE !== 'off';
    const mark = (ok: boolean) => (target ? ` ${ok ? '✓' : '✗'}` : '');
    return (
      `| ${v.label} | ${ms.toFixed(0)}${mark(ms < 1500)} | ${median(list.map((s) => s.cpuMs)).toFixed(0)} | ` +
      `${rss.toFixed(0)}${mark(rss < 250)} | ${list.map((s) => s.listening.toFixed(0)).join(', ')} |`
    );
  });
  const markdown = [
    '## Embedded database start (`npm run bench:embedded`)',
    '',
    "Issue 14's target: a new app on the embedded default (`pglite://memory`) ready in under 1.5 s and under 250 MB RSS. " +
      'The app: one entity whose table is created at boot (`schema: create`), one repository, one controller, `HttpApplication.create()` then `listen()`; ' +
      'it then answers `GET /todos` once. A fresh process per start, unpinned (PGlite compiles its WebAssembly on every core), ' +
      `variants alternating, ${runs} starts each; medians. "CPU" is the process's user + system time up to listening.`,
    '',
    `Run on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${version}. Load average of the machine (1 min) at start ${loadStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)} ` +
      '(above 2 on this 2-core machine means other work shared the cores, and wall-clock times grow with it; CPU time much less).',
    '',
    '| database | process start → listening (ms) | CPU (ms) | RSS once listening (MiB) | each start (ms) |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    "A machine's first start takes the first row's time. Without a template @tenon/data ships for the installed PGlite " +
      `(another version, a damaged install), the first start runs initdb and writes the per-user template: ${first.listening.toFixed(0)} ms, ` +
      `${first.cpuMs.toFixed(0)} ms CPU, ${(first.rss / 2 ** 20).toFixed(0)} MiB; the later ones take the second row's time.`,
  ].join('\n');
  console.log(markdown);
  if (!process.argv.includes('--no-write')) writeSection('bench:embedded-start', markdown);
}

main();
