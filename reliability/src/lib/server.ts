import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ROOT } from './paths';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when the process exited. */
  at: number;
}

export interface ProbeExit {
  code: number;
  /** pg pools that opened connections, and those never closed. */
  pools: number;
  poolsLeftOpen: number;
  databaseSockets: number;
  liveContexts: number;
}

export interface SpawnOptions {
  /** The compiled entry point (samples/x/dist/main.js). */
  entry: string;
  env: Record<string, string>;
  nodeArgs?: string[];
  /** Opens an IPC channel (the probe preload answers on it). */
  ipc?: boolean;
  /** A short name for messages. */
  name: string;
}

const running = new Set<AppProcess>();

/**
 * A real server process of an application under test: `node <entry>` with its own environment,
 * every output line kept (pino writes JSON lines), the URL read from the line the app prints
 * when it listens.
 */
export class AppProcess {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly exited: Promise<ExitInfo>;
  private readonly listeners = new Set<(line: string) => void>();
  private exitInfo?: ExitInfo;

  constructor(readonly options: SpawnOptions) {
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    running.add(this);
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        // Load tests log every request; the last 200,000 lines are enough for any check.
        if (this.lines.length < 200_000) this.lines.push(line);
        for (const listener of this.listeners) listener(line);
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        running.delete(this);
        this.exitInfo = { code, signal, at: Date.now() };
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for a line matching `pattern`, or fails when the process exits or time runs out. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const existing = this.lines.map((l) => l.match(pattern)).find((m) => m !== null);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(
            `${this.options.name}: no line matching ${pattern} within ${timeoutMs} ms\n${this.tail()}`,
          ),
        );
      }, timeoutMs);
      const off = this.onLine((line) => {
        const match = line.match(pattern);
        if (match) {
          clearTimeout(timer);
          off();
          resolve(match);
        }
      });
      void this.exited.then((exit) => {
        clearTimeout(timer);
        off();
        reject(
          new Error(
            `${this.options.name} exited (code ${exit.code}, signal ${exit.signal}) before printing ${pattern}\n${this.tail()}`,
          ),
        );
      });
    });
  }

  /** Waits until the app prints the URL it listens on, and returns the origin (http://127.0.0.1:port). */
  async listening(timeoutMs = 60_000): Promise<string> {
    const match = await this.waitForLine(/listening on (http:\/\/[^/\s]+)/, timeoutMs);
    return match[1]!.replace('://localhost', '://127.0.0.1');
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.hasExited) this.child.kill(signal);
  }

  /** Waits for the exit; kills the process if it has not exited within `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<ExitInfo & { timedOut: boolean }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      return { ...(await this.exited), timedOut: true };
    }
    return { ...outcome, timedOut: false };
  }

  /** Stops the process with SIGTERM (then SIGKILL after `graceMs`). */
  async stop(graceMs = 15_000): Promise<ExitInfo & { timedOut: boolean }> {
    if (this.exitInfo) return { ...this.exitInfo, timedOut: false };
    this.signal('SIGTERM');
    return this.waitForExit(graceMs);
  }

  /** Asks the probe preload (see fixtures/probe.ts) for memory and live request contexts. */
  probeStats(timeoutMs = 10_000): Promise<Record<string, number>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', onMessage);
        reject(new Error(`${this.options.name}: the probe did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: unknown): void => {
        if ((message as { type?: string } | null)?.type !== 'stats') return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message as Record<string, number>);
      };
      this.child.on('message', onMessage);
      this.child.send('stats');
    });
  }

  /** What the probe preload printed at exit (database sockets still open, live contexts). */
  probeExit(): ProbeExit | undefined {
    const line = this.lines.find((l) => l.startsWith('RELIABILITY_PROBE_EXIT '));
    return line ? (JSON.parse(line.slice('RELIABILITY_PROBE_EXIT '.length)) as ProbeExit) : undefined;
  }

  /** The last output lines, for error messages. */
  tail(count = 15): string {
    return this.lines
      .slice(-count)
      .map((l) => `    | ${l.slice(0, 400)}`)
      .join('\n');
  }

  /** Output lines that are pino JSON records. */
  logRecords(): Record<string, unknown>[] {
    const records: Record<string, unknown>[] = [];
    for (const line of this.lines) {
      if (!line.startsWith('{')) continue;
      try {
        records.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not JSON after all
      }
    }
    return records;
  }
}

/** Kills every process this suite started and has not stopped (after a part, or on exit). */
export async function killAll(): Promise<void> {
  const all = [...running];
  for (const app of all) app.signal('SIGKILL');
  await Promise.all(all.map((app) => app.exited));
}
