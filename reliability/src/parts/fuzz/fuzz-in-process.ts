import fc from 'fast-check';
import { conduitErrorDefects, preview, problemDefects } from '../../lib/checks';
import { recordServerError, type PartReporter } from '../../lib/report';
import { fuzzCase } from './arbitraries';
import { buildRequest, describeRequest, type BuiltRequest } from './materialize';
import type { FuzzTarget } from './targets';

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Promise.prototype', Promise.prototype],
];

type ProtoSnapshot = Map<string, Map<string | symbol, unknown>>;

/** Every own property of the built-in prototypes, by identity of its value or accessors. */
export function prototypeSnapshot(): ProtoSnapshot {
  const snapshot: ProtoSnapshot = new Map();
  for (const [name, proto] of PROTOTYPES) {
    const props = new Map<string | symbol, unknown>();
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      props.set(key, (d.get ?? d.set) ? [d.get, d.set] : d.value);
    }
    snapshot.set(name, props);
  }
  return snapshot;
}

/** What changed on the built-in prototypes since `baseline` (empty when nothing). */
export function prototypeChanges(baseline: ProtoSnapshot): string[] {
  const changes: string[] = [];
  const now = prototypeSnapshot();
  for (const [name, props] of now) {
    const before = baseline.get(name)!;
    for (const [key, value] of props) {
      const old = before.get(key);
      const same =
        Array.isArray(old) && Array.isArray(value)
          ? old[0] === value[0] && old[1] === value[1]
          : old === value;
      if (!before.has(key) || !same) changes.push(`${name}.${String(key)}`);
    }
  }
  return changes;
}

export interface InProcessStats {
  cases: number;
  byStatus: Map<number, number>;
  unsendable: number;
  mutatingChecked: number;
  accepted: number;
  ms: number;
}

/**
 * Sends `runs` generated requests to `target` through `app.inject()` and checks each answer:
 * no 5xx, errors well formed, built-in prototypes untouched, and the database unchanged by any
 * request that was refused (a digest of every table before and after each non-GET request).
 */
export async function fuzzInProcess(
  target: FuzzTarget,
  reporter: PartReporter,
  options: { runs: number; seed: number; timeLimitMs: number },
): Promise<InProcessStats> {
  const stats: InProcessStats = {
    cases: 0,
    byStatus: new Map(),
    unsendable: 0,
    mutatingChecked: 0,
    accepted: 0,
    ms: 0,
  };
  const started = Date.now();
  const baseline = prototypeSnapshot();
  let current = await target.snapshot();
  const one = async (request: BuiltRequest, routeLabel: string): Promise<true> => {
    if (reporter.closed) return true;
    const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    const logsBefore = target.errorLogs.length;
    let response;
    try {
      response = await target.app.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      });
    } catch {
      // light-my-request refuses some inputs (e.g. invalid header characters); the raw-socket
      // cases send those over a real connection instead.
      stats.unsendable++;
      return true;
    }
    stats.cases++;
    const status = response.statusCode;
    stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
    const where = `${target.name} ${routeLabel}`;
    if (status >= 500) {
      const cause = target.errorLogs.slice(logsBefore).join('\n');
      recordServerError({
        part: 1,
        request: describeRequest(request),
        status,
        contentType: String(response.headers['content-type'] ?? ''),
        body: response.body,
      });
      reporter.violation(
        `${where}: ${status} for ${describeRequest(request)}\n      response: ${preview(response.body, 300)}\n      logged cause: ${causeMessage(cause)}`,
        `5xx ${target.name} ${status} ${causeMessage(cause)}`,
      );
    } else if (status >= 400 && request.method !== 'HEAD') {
      const defects =
        target.errorShape === 'problem'
          ? problemDefects(status, response.headers, response.body)
          : conduitErrorDefects(response.headers, response.body);
      if (defects.length > 0)
        reporter.violation(
          `${where}: ${status} is not a well-formed ${target.errorShape === 'problem' ? 'problem' : 'RealWorld error'} response (${defects.join('; ')}) for ${describeRequest(request)}`,
          `shape ${target.name} ${status} ${String(response.headers['content-type'] ?? '')} ${errorKey(response.body)}`,
        );
    }
    const polluted = prototypeChanges(baseline);
    if (polluted.length > 0)
      reporter.violation(
        `${where}: built-in prototypes changed (${polluted.join(', ')}) after ${describeRequest(request)}`,
        'prototype pollution',
      );
    if (mutating) {
      stats.mutatingChecked++;
      const after = await target.snapshot();
      if (after !== current) {
        if (status >= 400)
          reporter.violation(
            `${where}: the database changed although the request was refused with ${status}: ${describeRequest(request)}`,
            `db-changed ${where} ${status}`,
          );
        else stats.accepted++;
        current = after;
      }
    }
    return true;
  };
  // Requests that failed once (or whose fix must not regress) go first, whatever the seed.
  for (const pinned of target.pinned) await one(pinned.request, `${pinned.route} (pinned)`);
  await fc.assert(
    fc.asyncProperty(fuzzCase(target.routes.length), (c) => {
      const route = target.routes[c.route]!;
      const request = buildRequest(c, route, (n) => target.validParam(n), target.authHeader(c.auth));
      return one(request, `${route.method} ${route.path}`);
    }),
    {
      numRuns: options.runs,
      seed: options.seed,
      interruptAfterTimeLimit: options.timeLimitMs,
      markInterruptAsFailure: false,
    },
  );
  if ((await target.snapshot()) !== current)
    reporter.violation(
      `${target.name}: the database changed during GET/HEAD/OPTIONS requests`,
      `db-changed-safe ${target.name}`,
    );
  stats.ms = Date.now() - started;
  return stats;
}

/** `200×812, 404×1,203, …`, most frequent first. */
export function statusSummary(byStatus: Map<number | string, number>): string {
  return [...byStatus.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s}×${n}`)
    .join(', ');
}

/** The message of the error a 500 logged (pino's `err.message`), to group 500s by cause. */
function causeMessage(logLines: string): string {
  const match = /"message":"((?:[^"\\]|\\.)*)"/.exec(logLines);
  return match ? match[1]!.slice(0, 120) : '(nothing logged)';
}

/** What identifies an error body's cause: its code or detail without the variable parts. */
function errorKey(body: string): string {
  const code = /"code":"([A-Z_]+)"/.exec(body)?.[1];
  if (code) return code;
  return body
    .replace(/'[^']*'/g, "'…'")
    .replace(/\d+/g, 'N')
    .slice(0, 60);
}
