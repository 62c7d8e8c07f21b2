import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { APPS, type AppId } from './apps';
import { compileCacheRatios, type BootResult, type BootRow } from './boot-bench';
import { describeMachine } from './machine';
import type { MissProfile } from './profile-run';
import { explainComparison } from './profile-compare';
import type { Settings } from './settings';
import { SCENARIOS } from './scenarios';
import { formatMiB, formatNumber, formatRatio } from './stats';
import type { ScenarioSummary, RatioSummary } from './summary';
import type { GroupResult } from './throughput';

export const RESULTS_FILE = join(__dirname, '..', '..', 'RESULTS.md');

export interface RunReport {
  settings: Settings;
  startedAt: Date;
  seconds: number;
  groups: GroupResult[];
  summaries: ScenarioSummary[];
  boot?: BootResult;
  profiles: MissProfile[];
  /** Why a group did not run (e.g. no PostgreSQL URL). */
  notes: string[];
  /** The machine's 1-minute load average at start and at end. */
  loadAverage: [number, number];
  /** The Node version the servers ran on. */
  node: string;
}

function ratioCell(ratio: RatioSummary | undefined): string {
  if (!ratio) return '—';
  const value = formatRatio(ratio.median);
  if (ratio.target === undefined) return value;
  return `${value} ${ratio.met ? '✓' : '✗'} (≥ ${ratio.target.toFixed(2)})`;
}

function summaryTable(summaries: ScenarioSummary[]): string[] {
  const lines = [
    '| scenario | load generator | Tenon / raw Fastify, req/s | per CPU-second | Tenon / NestJS (Fastify), req/s | per CPU-second | Tenon defaults / Fastify + helmet, req/s | per CPU-second |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const s of summaries) {
    const find = (against: RatioSummary['against']) => s.ratios.find((r) => r.against === against);
    const cpu = (r: RatioSummary | undefined) => (r ? formatRatio(r.perCpuMedian) : '—');
    const cells = (['fastify', 'nest', 'defaults'] as const).map(
      (a) => `${ratioCell(find(a))} | ${cpu(find(a))}`,
    );
    lines.push(`| ${s.scenario.title} | ${s.generator} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function scenarioTable(summary: ScenarioSummary): string[] {
  const lines = [`#### ${summary.scenario.title}, ${summary.generator}`, ''];
  lines.push(
    '| app | req/s | p99 (ms) | requests per CPU-second | server CPU | load generator CPU | rounds counted |',
    '|---|---|---|---|---|---|---|',
  );
  for (const row of summary.rows) {
    lines.push(
      `| ${APPS[row.app].label} | ${formatNumber(row.requestsPerSecond)} | ${formatNumber(row.p99, row.p99 < 10 ? 1 : 0)} | ${formatNumber(row.perCpuSecond)} | ${formatNumber(row.cpuPercent)}% | ${formatNumber(row.clientCpuPercent)}% | ${row.counted} of ${row.rounds} |`,
    );
  }
  lines.push('');
  for (const ratio of summary.ratios) {
    lines.push(
      `${APPS[ratio.subject].label} / ${APPS[ratio.peer].label} per counted round: ${ratio.perRound.map(formatRatio).join(', ')} (median: ${formatRatio(ratio.median)}; per CPU-second ${formatRatio(ratio.perCpuMedian)}).  `,
    );
  }
  lines.push('');
  return lines;
}

function memoryTable(groups: GroupResult[]): string[] {
  const memory = groups.flatMap((g) => g.memory);
  if (memory.length === 0) return [];
  const nest = memory.find((m) => m.app === 'nest');
  const lines = [
    '### Memory (the HTTP scenarios app)',
    '',
    'RSS of the server process once listening, then after it answered 100,000 requests of the request-scoped chain.',
    '',
    '| app | RSS after boot (MiB) | after 100,000 requests (MiB) | after boot vs NestJS |',
    '|---|---|---|---|',
  ];
  for (const m of memory) {
    const ratio = nest ? m.afterBoot / nest.afterBoot : NaN;
    const verdict = m.app === 'tenon' && nest ? ` ${ratio <= 1 ? '✓' : '✗'} (≤ 1.0)` : '';
    lines.push(
      `| ${APPS[m.app as AppId].label} | ${formatMiB(m.afterBoot)} | ${formatMiB(m.afterRequests)} | ${formatRatio(ratio)}${verdict} |`,
    );
  }
  lines.push('');
  return lines;
}

function bootTable(boot: BootResult): string[] {
  const lines = [
    '### Boot (scenario 5)',
    '',
    `Generated app: N modules x 10 providers x 1 controller with one GET route (see boot/graph-plan.ts), ` +
      `identical for Tenon and Nest; raw Fastify registers the same N routes with no DI (a floor). ` +
      `Each cell is the median of ${boot.runs} processes, frameworks and sizes alternating. ` +
      "Tenon is measured as it ships, with its code cache and Node's module compile cache (each counted start is a second start); " +
      '"tenon-cold" starts with empty caches every time, "nest-cache" is NestJS with `NODE_COMPILE_CACHE` set. ' +
      '"create()" is `HttpApplication.create` / `NestFactory.create` alone; "create → listening" adds `listen()` ' +
      '(Nest registers its routes there); "process start → listening" also counts loading the framework.',
    '',
    '| modules | providers | framework | create() (ms) | create → listening (ms) | process start → listening (ms) | RSS (MiB) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of boot.rows) {
    lines.push(
      `| ${row.modules} | ${row.providers} | ${row.framework} | ${formatNumber(row.createMs, 1)} | ${formatNumber(row.bootMs, 1)} | ${formatNumber(row.listenAt, 1)} | ${formatMiB(row.rss)} |`,
    );
  }
  lines.push('');
  const { rows } = boot;
  const sizes = [...new Set(rows.map((r) => r.modules))];
  const find = (f: BootRow['framework'], m: number) => rows.find((r) => r.framework === f && r.modules === m);
  const ratioLines: string[] = [];
  for (const m of sizes) {
    const t = find('tenon', m);
    const n = find('nest', m);
    if (!t || !n) continue;
    const check = (v: number) => (m === 100 ? ` ${v <= 0.3 ? '✓' : '✗'} (≤ 0.30)` : '');
    const start = t.listenAt / n.listenAt;
    const boot = t.bootMs / n.bootMs;
    // Raw Fastify registering the same routes with no DI is the floor of any framework on it: where
    // it alone is near 0.30x Nest, the target asks Tenon to start as fast as Fastify itself.
    const f = find('fastify', m);
    const floor = f
      ? `${formatRatio(f.listenAt / n.listenAt)} | ${formatRatio(t.listenAt / f.listenAt)}`
      : '— | —';
    const { firstStart, bothCached } = compileCacheRatios(rows, m);
    const cache = [firstStart, bothCached].map((r) => (r === undefined ? '—' : formatRatio(r))).join(' | ');
    ratioLines.push(
      `| ${m * 10} | ${formatRatio(t.createMs / n.createMs)} | ${formatRatio(boot)}${check(boot)} | ${formatRatio(start)}${check(start)} | ${floor} | ${cache} |`,
    );
  }
  if (ratioLines.length) {
    lines.push(
      '| providers | Tenon / Nest, create() | Tenon / Nest, create → listening | Tenon / Nest, process start → listening | raw Fastify (the floor) / Nest, process start → listening | Tenon / raw Fastify, process start → listening | Tenon with empty caches / Nest | Tenon / Nest with NODE_COMPILE_CACHE |',
    );
    lines.push('|---|---|---|---|---|---|---|---|', ...ratioLines, '');
  }
  for (const [f, reason] of Object.entries(boot.skipped)) lines.push(`- ${f} left out: ${reason}`);
  return lines;
}

function fixed(value: number): string {
  return value.toFixed(Math.abs(value) >= 10 ? 0 : 1);
}

function profileSection(misses: MissProfile[]): string[] {
  if (misses.length === 0) return [];
  const lines = ['### Where Tenon misses a target: CPU profiles', ''];
  for (const miss of misses) {
    const a = miss.tenon.analysis;
    const c = miss.comparison;
    lines.push(`#### ${miss.title}`, '');
    lines.push(
      (a.wholeProfile
        ? `\`node --cpu-prof\` of one whole Tenon process${c ? ` and one of ${c.peer}` : ''}. `
        : (miss.source === 'pass'
            ? `From a profiled pass after the counted rounds (Tenon${c ? ` and ${c.peer}` : ''} started again under \`node --cpu-prof\`, rounds not counted in any figure above): `
            : `From the counted rounds (\`--profile-counted\`: every server ran under \`node --cpu-prof\`): `) +
          `the samples of Tenon${c ? ` and ${c.peer}` : ''} during this scenario's rounds (${formatNumber(miss.tenon.units)} Tenon requests). `) +
        `Files: \`benchmarks/dist/profiles/${basename(miss.tenon.file)}\` and the peer's beside it (open them in Chrome DevTools).`,
      '',
    );
    if (c) {
      lines.push(explainComparison(c, miss.maxCostRatio, miss.saturation, miss.countedCostRatio), '');
      lines.push(`| owner | Tenon (${c.unit}) | ${c.peer} (${c.unit}) | extra |`, '|---|---|---|---|');
      for (const o of c.owners.filter((o) => Math.abs(o.extra) >= c.tenonCost * 0.01).slice(0, 10)) {
        lines.push(
          `| ${o.owner} | ${fixed(o.tenon)} | ${fixed(o.peer)} | ${o.extra > 0 ? '+' : ''}${fixed(o.extra)} |`,
        );
      }
      lines.push(
        '',
        `| functions Tenon spends more in | where | owner | extra (${c.unit}) |`,
        '|---|---|---|---|',
      );
      for (const f of c.frames.slice(0, 12))
        lines.push(`| \`${f.name}\` | ${f.location} | ${f.owner} | +${fixed(f.extra)} |`);
      lines.push('');
    }
    lines.push('| Tenon: top self-time frames | where | owner | self |', '|---|---|---|---|');
    for (const f of a.frames.slice(0, 15))
      lines.push(`| \`${f.name}\` | ${f.location} | ${f.owner} | ${(f.share * 100).toFixed(1)}% |`);
    const own = a.frames.filter((f) => f.owner.startsWith('@tenon/')).slice(0, 10);
    if (own.length) {
      lines.push('', "| Tenon's own functions | where | self |", '|---|---|---|');
      for (const f of own) lines.push(`| \`${f.name}\` | ${f.location} | ${(f.share * 100).toFixed(1)}% |`);
    }
    lines.push('');
  }
  return lines;
}

/** The markdown of one run. */
export function renderRun(report: RunReport): string {
  const { settings } = report;
  const major = report.node.replace(/^v/, '').split('.')[0];
  const title =
    (settings.mode === 'full'
      ? 'Full run (`npm run bench`)'
      : 'Quick run (`npm run bench:quick`: scenarios 1, 2, 5)') + `, Node ${major}`;
  const lines = [
    `## ${title}`,
    '',
    `Run on ${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.floor(report.seconds / 60)} min ${Math.round(report.seconds % 60)} s. ` +
      `Load average of the machine (1 min) at start ${report.loadAverage[0].toFixed(1)}, at end ${report.loadAverage[1].toFixed(1)}` +
      ` (above ${availableParallelism()} on this ${availableParallelism()}-core machine means other work shared the cores).`,
    '',
    ...describeMachine(),
    `- Method: each server in its own process pinned with \`taskset -c 0\` (on Node ${report.node}); two load generators, ` +
      `each pinned with \`taskset -c 1\`: wrk (\`-t1 -c${settings.connections}\`) and autocannon (programmatic, ` +
      `${settings.connections} connections, no pipelining, in a child process). ` +
      `Per scenario: fresh server processes (the memory scenario has its own too), so that no scenario inherits ` +
      `another's JIT state, heap or, on Node 20, the async_hooks a request scope switches on for the rest of a process; ` +
      `${settings.warmupSeconds} s warm-up per app, then ${settings.rounds} rounds of ${settings.seconds} s${shorterRounds(settings)}; ` +
      `in each round every app runs under wrk, then every app under autocannon, the order turned around every round under each generator (Tenon, Fastify, Nest, ..., then ..., Nest, Fastify, Tenon). ` +
      `A round in which the load generator used more than 85% of its core is shown but not counted (it may have been the limit). ` +
      `Figures are medians over counted rounds; a ratio is taken within each round and generator, then the median of those. ` +
      `"server CPU" is the share of its core the server used; "per CPU-second" divides the requests by the CPU time the ` +
      `server used: its cost per request, which other work on the machine disturbs less than req/s. Targets are judged ` +
      `on req/s under wrk (issue 17). Logging off everywhere; Tenon's security headers, request id header and OpenAPI ` +
      `document off too (\`helmet: false, requestIdHeader: false, openapi: false\`: the peers send none, so every app ` +
      `writes the same answer), except in "Tenon, defaults", which runs as \`HttpApplication.create(AppModule)\` ships ` +
      `(security headers, request ids, OpenAPI) against raw Fastify + @fastify/helmet.`,
    '',
    '### Targets',
    '',
    ...summaryTable(report.summaries),
    '',
    ...report.notes.map((n) => `- ${n}`),
    ...(report.notes.length ? [''] : []),
    '### Throughput',
    '',
    ...report.summaries.flatMap((s) => scenarioTable(s)),
    ...memoryTable(report.groups),
    ...(report.boot ? bootTable(report.boot) : []),
    ...profileSection(report.profiles),
  ];
  const skipped = report.groups.flatMap((g) =>
    g.scenarios.flatMap((s) =>
      Object.entries(s.skipped).map(([app, why]) => `- ${s.scenario.title}: ${app} left out: ${why}`),
    ),
  );
  const warnings = report.groups.flatMap((g) => [
    ...g.warnings.map((w) => `- ${w}`),
    ...g.scenarios.flatMap((s) => s.warnings.map((w) => `- ${s.scenario.title}: ${w}`)),
  ]);
  if (skipped.length || warnings.length)
    lines.push('### Left out and warnings', '', ...skipped, ...warnings, '');
  return lines.join('\n');
}

const HEADER = `# Benchmark results

Tenon side by side with raw Fastify and NestJS (issue 7). The sections below are written by the
harness (\`npm run bench\`, \`npm run bench:quick\`, \`npm run bench:boot\`); each says how it was
measured. Absolute figures depend on the machine and on what else runs on it: compare the ratios,
which are taken within a round, under the same conditions.
`;

/** Replaces (or adds) the section between `<!-- name:start -->` and `<!-- name:end -->` in RESULTS.md. */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : HEADER;
  if (!text.includes('<!-- bench:')) {
    // The first harness run: keep the hand-written boot-phase section, under a marker of its own.
    const phases = text.indexOf('## Boot phases');
    const kept = phases >= 0 ? text.slice(phases).trim() : '';
    text = `${HEADER}\n${kept ? `<!-- bench:boot-phases:start -->\n${kept}\n<!-- bench:boot-phases:end -->\n` : ''}`;
  }
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = text.slice(0, from) + block + text.slice(to + end.length);
  else {
    const order = [
      'bench:full-nodes',
      'bench:quick-nodes',
      'bench:full',
      'bench:full-node24',
      'bench:full-node26',
      'bench:quick',
      'bench:quick-node24',
      'bench:quick-node26',
      'bench:embedded-start',
      'bench:boot-phases',
      'bench:boot-phases-node24',
      'bench:boot-phases-node26',
    ];
    const next = order
      .slice(order.indexOf(name) + 1)
      .map((n) => text.indexOf(`<!-- ${n}:start -->`))
      .find((i) => i >= 0);
    text =
      next !== undefined
        ? `${text.slice(0, next)}${block}\n\n${text.slice(next)}`
        : `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(RESULTS_FILE, text.endsWith('\n') ? text : `${text}\n`);
}

// Names the scenarios measured in shorter rounds, and for how long.
function shorterRounds(settings: Settings): string {
  const shorter = SCENARIOS.filter(
    (s) => settings.scenarios.includes(s.id) && settings.secondsByScenario[s.id] !== undefined,
  );
  if (shorter.length === 0) return '';
  const seconds = [...new Set(shorter.map((s) => settings.secondsByScenario[s.id]))].join('/');
  return ` (${seconds} s for ${shorter.map((s) => s.title).join(', ')}, which fit the run's time budget only so)`;
}
