import { compileCacheRatios, type BootResult } from './boot-bench';
import type { Mode } from './settings';
import type { RatioSummary, ScenarioSummary } from './summary';
import { formatRatio } from './stats';

/** One saved run of a mode on one Node major version. */
export interface NodeRun {
  major: string;
  startedAt: string;
  summaries: ScenarioSummary[];
  boot?: BootResult;
}

function cell(ratio: RatioSummary | undefined): string {
  if (!ratio) return '—';
  const verdict = ratio.target === undefined ? '' : ` ${ratio.met ? '✓' : '✗'}`;
  return `${formatRatio(ratio.median)}${verdict} (CPU ${formatRatio(ratio.perCpuMedian)})`;
}

/**
 * The targets of the last run of a mode on each Node version, side by side: every ratio is
 * Tenon's req/s over the peer's within a round (the per-CPU-second ratio beside it).
 */
export function renderNodes(mode: Mode, runs: NodeRun[]): string {
  const title = mode === 'full' ? 'Full run' : 'Quick run';
  const lines = [
    `## ${title}: Node versions side by side`,
    '',
    `The last \`npm run bench${mode === 'full' ? '' : ':quick'}\` on each Node version (\`--node <path>\`; the sections below have every figure). ` +
      'Each cell: median ratio of req/s within a round (✓/✗ against the target), and in brackets the same ratio on requests per CPU-second of the server.',
    '',
  ];
  const head = runs.map((r) => `Node ${r.major} (${r.startedAt.slice(0, 16).replace('T', ' ')} UTC)`);
  lines.push(
    `| scenario | load generator | ratio | ${head.join(' | ')} |`,
    `|---|---|---|${runs.map(() => '---|').join('')}`,
  );
  const keys: { id: string; title: string; generator: string }[] = [];
  for (const run of runs)
    for (const s of run.summaries)
      if (!keys.some((k) => k.id === s.scenario.id && k.generator === s.generator))
        keys.push({ id: s.scenario.id, title: s.scenario.title, generator: s.generator });
  const labels = {
    fastify: 'Tenon / raw Fastify',
    nest: 'Tenon / NestJS (Fastify)',
    defaults: 'Tenon defaults / Fastify + helmet',
  };
  for (const key of keys) {
    for (const against of ['fastify', 'nest', 'defaults'] as const) {
      const cells = runs.map((run) =>
        cell(
          run.summaries
            .find((s) => s.scenario.id === key.id && s.generator === key.generator)
            ?.ratios.find((r) => r.against === against),
        ),
      );
      if (cells.every((c) => c === '—')) continue;
      lines.push(`| ${key.title} | ${key.generator} | ${labels[against]} | ${cells.join(' | ')} |`);
    }
  }
  const bootRuns = runs.filter((r) => r.boot);
  if (bootRuns.length) {
    lines.push('', '| boot, 1,000 providers | ' + bootRuns.map((r) => `Node ${r.major}`).join(' | ') + ' |');
    lines.push(`|---|${bootRuns.map(() => '---|').join('')}`);
    type Row = BootResult['rows'][number];
    const row = (label: string, value: (t: Row, n: Row, f: Row | undefined) => string) => {
      const cells = bootRuns.map((r) => {
        const at = (framework: Row['framework']) =>
          r.boot!.rows.find((x) => x.framework === framework && x.modules === 100);
        const t = at('tenon');
        const n = at('nest');
        return t && n ? value(t, n, at('fastify')) : '—';
      });
      lines.push(`| ${label} | ${cells.join(' | ')} |`);
    };
    row('Tenon process start → listening (ms)', (t) => t.listenAt.toFixed(1));
    row('NestJS process start → listening (ms)', (_t, n) => n.listenAt.toFixed(1));
    row('Tenon / Nest, process start → listening (≤ 0.30)', (t, n) => {
      const r = t.listenAt / n.listenAt;
      return `${formatRatio(r)} ${r <= 0.3 ? '✓' : '✗'}`;
    });
    row('Tenon / Nest, create → listening (≤ 0.30)', (t, n) => {
      const r = t.bootMs / n.bootMs;
      return `${formatRatio(r)} ${r <= 0.3 ? '✓' : '✗'}`;
    });
    row('raw Fastify, same routes, no DI (the floor) / Nest, process start → listening', (_t, n, f) =>
      f ? formatRatio(f.listenAt / n.listenAt) : '—',
    );
    row('Tenon / raw Fastify, process start → listening', (t, _n, f) =>
      f ? formatRatio(t.listenAt / f.listenAt) : '—',
    );
    const cacheRow = (label: string, pick: 'firstStart' | 'bothCached') =>
      lines.push(
        `| ${label} | ${bootRuns
          .map((r) => compileCacheRatios(r.boot!.rows, 100)[pick])
          .map((v) => (v === undefined ? '—' : formatRatio(v)))
          .join(' | ')} |`,
      );
    cacheRow('Tenon with empty caches (a first start) / Nest, process start → listening', 'firstStart');
    cacheRow('Tenon / Nest with NODE_COMPILE_CACHE (both cached), process start → listening', 'bothCached');
  }
  return lines.join('\n');
}
