import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { READY_PREFIX, type ReadyMessage } from '../apps/shared/server-args';
import { processCpuTicks } from './proc-cpu';

let serverNode = process.execPath;
let serverNodeVersion = process.version;

/**
 * The Node binary the servers and boot apps run on (the harness's `--node <path>`); the harness
 * and its load generators stay on the Node that runs them.
 */
export function useServerNode(path: string): void {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`--node ${path} does not run: ${out.error?.message ?? out.stderr}`);
  serverNode = path;
  serverNodeVersion = out.stdout.trim();
}

/** The version of the Node the servers run on, e.g. `v24.1.0`. */
export function serverNodeVersionString(): string {
  return serverNodeVersion;
}

/** The Node binary the servers run on. */
export function serverNodePath(): string {
  return serverNode;
}

/** The core every server runs on. */
export const SERVER_CPU = '0';
const ALL_CPUS = `0-${availableParallelism() - 1}`;

export interface StartOptions {
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  env?: NodeJS.ProcessEnv;
  /** Longest wait for the ready line. */
  timeoutMs?: number;
  /**
   * Start unpinned (any core) and let the caller `pin()` once ready: several servers can then
   * boot side by side. Boot itself is measured by the boot scenario, always pinned.
   */
  pinLater?: boolean;
}

/** A benchmark server running in its own process, pinned to one core. */
export class ServerProcess {
  private exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: ReadyMessage,
    exited: Promise<number | null>,
    private readonly stderr: () => string,
  ) {
    this.exited = exited;
  }

  static start(script: string, args: string[], options: StartOptions = {}): Promise<ServerProcess> {
    const cpus = options.pinLater ? ALL_CPUS : SERVER_CPU;
    const child = spawn('taskset', ['-c', cpus, serverNode, ...(options.nodeFlags ?? []), script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(
            `${script} ${args.join(' ')} was not ready after ${options.timeoutMs ?? 90_000} ms: ${stderr}`,
          ),
        );
      }, options.timeoutMs ?? 90_000);
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split('\n').find((l) => l.startsWith(READY_PREFIX));
        if (line === undefined) return;
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve(
          new ServerProcess(
            child,
            JSON.parse(line.slice(READY_PREFIX.length)) as ReadyMessage,
            exited,
            () => stderr,
          ),
        );
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${script} ${args.join(' ')} exited with ${code} before it was ready: ${stderr}`));
      });
    });
  }

  /** Moves every thread of the server to the server core. */
  pin(): void {
    const out = spawnSync('taskset', ['-a', '-p', '-c', SERVER_CPU, String(this.pid)], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`taskset could not pin ${this.pid}: ${out.stderr}`);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get port(): number {
    return this.ready.port;
  }

  /** Resident set size in bytes, read from /proc (taskset execs node, so the pid is node's). */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  }

  /** CPU time used so far (user + system), in clock ticks of 1/100 s. */
  cpuTicks(): number {
    return processCpuTicks(this.pid);
  }

  /** Asks the server to close (it exits 0, writing its CPU profile if it has one). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }

  errors(): string {
    return this.stderr();
  }
}
