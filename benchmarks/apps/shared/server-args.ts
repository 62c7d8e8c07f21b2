/** Which routes a benchmark server registers: the HTTP scenarios, the database ones, or both. */
export interface ServerArgs {
  http: boolean;
  db: 'pglite' | 'postgres' | undefined;
  /** For the Nest app: the platform adapter. */
  adapter: 'fastify' | 'express';
  /** Tenon with its shipped defaults (security headers, OpenAPI); logging stays off. */
  defaults: boolean;
  /** Raw Fastify with @fastify/helmet's default headers. */
  helmet: boolean;
}

export function parseServerArgs(argv: readonly string[] = process.argv.slice(2)): ServerArgs {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const db = value('--db');
  if (db !== undefined && db !== 'pglite' && db !== 'postgres')
    throw new Error(`--db must be pglite or postgres, not ${db}`);
  const adapter = value('--adapter') ?? 'fastify';
  if (adapter !== 'fastify' && adapter !== 'express')
    throw new Error(`--adapter must be fastify or express, not ${adapter}`);
  return {
    http: argv.includes('--http'),
    db,
    adapter,
    defaults: argv.includes('--defaults'),
    helmet: argv.includes('--helmet'),
  };
}

/** The line the harness waits for: the port, and the boot times measured inside the process. */
export interface ReadyMessage {
  port: number;
  /** ms from process start to the end of the framework's create(). */
  createdAt: number;
  /** ms spent in create() alone. */
  createMs: number;
  /** ms from process start to listening. */
  listenAt: number;
  /**
   * CPU time (user + system) the process used from its start to the ready line, ms: on a busy
   * machine it moves less than the wall times above. announceReady fills it in.
   */
  cpuMs?: number;
  /** What the app wants said next to its figures (e.g. which routes skip a fast path, and why). */
  notes?: string[];
}

export const READY_PREFIX = 'BENCH_READY ';

/** Prints the ready line, and makes SIGTERM close the app and exit 0 so `--cpu-prof` is written. */
export function announceReady(message: ReadyMessage, close: () => Promise<unknown>): void {
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  // Handlers first: the harness may send SIGTERM as soon as it reads the line, and the default
  // action would end the process without writing its CPU profile.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const cpu = process.cpuUsage();
  const line = { ...message, cpuMs: (cpu.user + cpu.system) / 1000 };
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(line)}\n`);
}
