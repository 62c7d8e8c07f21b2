import fc from 'fast-check';
import { conduitErrorDefects, preview, problemDefects } from '../../lib/checks';
import { sendRaw } from '../../lib/http';
import { recordServerError, type PartReporter } from '../../lib/report';
import type { AppProcess } from '../../lib/server';

/**
 * Requests only a raw socket can send: bytes node:http and light-my-request refuse to build.
 * Each is a complete message, so a server that understands it must answer it.
 */
export type RawCase =
  | { kind: 'path-bytes'; bytes: number[] }
  | { kind: 'header-bytes'; bytes: number[] }
  | { kind: 'long-header'; size: number }
  | { kind: 'many-headers'; count: number }
  | { kind: 'bad-name'; name: string }
  | { kind: 'framing'; variant: number }
  | { kind: 'body-bytes'; bytes: number[] };

const FRAMINGS = [
  // Request smuggling shapes, broken lengths and chunking, odd request lines.
  (p: string) =>
    `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  (p: string) =>
    `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
  (p: string) =>
    `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n`,
  (p: string) =>
    `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n`,
  (p: string) =>
    `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  (p: string) =>
    `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
  (p: string) =>
    `POST ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}`,
  (p: string) => `GET ${p} HTTP/1.0\r\n\r\n`,
  (p: string) => `GET ${p} HTTP/1.1\r\n\r\n`,
  (p: string) => `GET ${p} HTTP/1.1\nHost: x\n\n`,
  (p: string) => `GET ${p} HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n`,
  (p: string) => `GET http://evil.example${p} HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET * HTTP/1.1\r\nHost: x\r\n\r\n`,
  (p: string) => `get ${p} HTTP/1.1\r\nHost: x\r\n\r\n`,
  (p: string) => `GET ${p} HTTP/9.9\r\nHost: x\r\n\r\n`,
  () => `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
  (p: string) => `CONNECT ${p} HTTP/1.1\r\nHost: x\r\n\r\n`,
  (p: string) => `GET ${p} HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n`,
  (p: string) => `GET ${p}#frag HTTP/1.1\r\nHost: x\r\n\r\n`,
  (p: string) => `GET ${p} HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n`,
  (p: string) => `GET ${p}?${'a=1&'.repeat(4000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  (p: string) => `GET /${'a/'.repeat(4000)} HTTP/1.1\r\nHost: x\r\n\r\n${p.slice(0, 0)}`,
  (p: string) =>
    `DELETE ${p} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\nnull`,
  (p: string) => `GET ${p} HTTP/1.1\r\nHost: x\r\nAuthorization: Token \x00\r\n\r\n`,
];

const highBytes = fc.array(
  fc.oneof(
    fc.integer({ min: 0x80, max: 0xff }),
    fc.integer({ min: 0, max: 0x1f }),
    fc.constant(0x7f),
    fc.integer({ min: 0x20, max: 0x7e }),
  ),
  {
    minLength: 1,
    maxLength: 24,
  },
);

export const rawCase: fc.Arbitrary<RawCase> = fc.oneof(
  highBytes.map((bytes) => ({ kind: 'path-bytes' as const, bytes })),
  highBytes.map((bytes) => ({ kind: 'header-bytes' as const, bytes })),
  fc.integer({ min: 8_000, max: 70_000 }).map((size) => ({ kind: 'long-header' as const, size })),
  fc.integer({ min: 100, max: 3_000 }).map((count) => ({ kind: 'many-headers' as const, count })),
  fc
    .constantFrom('X Y', 'X:Y', '(x)', 'x\u00e9', '', '@')
    .map((name) => ({ kind: 'bad-name' as const, name })),
  fc.nat({ max: FRAMINGS.length - 1 }).map((variant) => ({ kind: 'framing' as const, variant })),
  highBytes.map((bytes) => ({ kind: 'body-bytes' as const, bytes })),
);

export function rawBytes(c: RawCase, path: string): Buffer {
  const head = (extra: string): Buffer =>
    Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`, 'latin1');
  switch (c.kind) {
    case 'path-bytes':
      return Buffer.concat([
        Buffer.from(`GET ${path}/`),
        Buffer.from(c.bytes),
        Buffer.from(' HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
      ]);
    case 'header-bytes':
      return Buffer.concat([
        Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fuzz: `),
        Buffer.from(c.bytes),
        Buffer.from('\r\n\r\n'),
      ]);
    case 'long-header':
      return head(`X-Long: ${'v'.repeat(c.size)}\r\n`);
    case 'many-headers':
      return head(Array.from({ length: c.count }, (_, i) => `X-H${i}: ${i}\r\n`).join(''));
    case 'bad-name':
      return head(`${c.name}: 1\r\n`);
    case 'framing':
      return Buffer.from(FRAMINGS[c.variant]!(path), 'latin1');
    case 'body-bytes':
      return Buffer.concat([
        Buffer.from(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${c.bytes.length}\r\n\r\n`,
        ),
        Buffer.from(c.bytes),
      ]);
  }
}

export interface SocketStats {
  cases: number;
  byStatus: Map<number, number>;
  closedWithoutAnswer: number;
  timedOut: number;
  /** Which kinds of raw request got no answer (the server closed, or 3 s passed). */
  unanswered: Map<string, number>;
}

/**
 * Sends `runs` raw requests to a running server, each on its own connection, and checks each
 * answer: no 5xx, errors well formed; afterwards the process is still up and answering.
 */
export async function fuzzSockets(
  server: AppProcess,
  origin: string,
  paths: string[],
  errorShape: 'problem' | 'conduit',
  reporter: PartReporter,
  options: { runs: number; seed: number; timeLimitMs: number },
): Promise<SocketStats> {
  const stats: SocketStats = {
    cases: 0,
    byStatus: new Map(),
    closedWithoutAnswer: 0,
    timedOut: 0,
    unanswered: new Map(),
  };
  const name = server.options.name;
  const one = async (c: RawCase, p: number): Promise<boolean> => {
    const bytes = rawBytes(c, paths[p]!);
    const result = await sendRaw(origin, bytes, { timeoutMs: 3_000, closeAfterFirstResponse: true });
    stats.cases++;
    const label = `${c.kind}${c.kind === 'framing' ? ` #${c.variant}` : ''}`;
    const shown = preview(
      bytes
        .toString('latin1')
        .replace(/[^\x20-\x7e]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`),
      200,
    );
    if (result.status === 0) {
      if (result.error === 'timeout') stats.timedOut++;
      else stats.closedWithoutAnswer++;
      stats.unanswered.set(label, (stats.unanswered.get(label) ?? 0) + 1);
      return true;
    }
    stats.byStatus.set(result.status, (stats.byStatus.get(result.status) ?? 0) + 1);
    if (result.status >= 500) {
      recordServerError({
        part: 1,
        request: shown,
        status: result.status,
        contentType: result.headers['content-type'] ?? '',
        body: result.body,
      });
      reporter.violation(
        `${name} (socket): ${result.status} for raw ${label} request ${shown}: ${preview(result.body)}`,
        `raw 5xx ${name} ${result.status} ${result.body.slice(0, 60)}`,
      );
    } else if (result.status >= 400) {
      const defects =
        errorShape === 'problem'
          ? problemDefects(result.status, result.headers, result.body)
          : conduitErrorDefects(result.headers, result.body);
      if (defects.length > 0)
        reporter.violation(
          `${name} (socket): ${result.status} answer to a raw ${label} request is not a well-formed ${errorShape === 'problem' ? 'problem' : 'RealWorld error'} response (${defects.join('; ')}); request ${shown}; response head ${preview(result.head, 200)}`,
          `raw shape ${name} ${result.status} ${result.headers['content-type'] ?? ''} ${result.body.slice(0, 60)}`,
        );
    }
    return true;
  };
  // Every framing shape once, whatever the generator picks.
  for (let variant = 0; variant < FRAMINGS.length; variant++)
    await one({ kind: 'framing', variant }, variant % paths.length);
  await fc.assert(fc.asyncProperty(rawCase, fc.nat({ max: paths.length - 1 }), one), {
    numRuns: options.runs,
    seed: options.seed,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
  });
  return stats;
}
