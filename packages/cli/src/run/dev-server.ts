import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from '../cli-io';
import type { Project } from '../project/project';
import { compileFile, compileTree, outputOf } from './compile';
import { exited, startNode, stop } from './node-process';

/** Options of `tenon dev`. */
export interface DevOptions {
  readonly src: string;
  readonly out: string;
  readonly entry: string;
  /** Wait this long after a change for more changes (editors save in bursts). */
  readonly debounceMs?: number;
}

/**
 * `tenon dev`: compiles `src` with swc (no type check: that is `tsc --noEmit` or the editor's
 * job), runs the entry with node, and on every change recompiles the changed files and restarts
 * the process. Prints how long each restart took, and when the app printed "listening" after it.
 * Resolves when the process is asked to stop (SIGINT/SIGTERM) or `signal` aborts.
 */
export async function runDevServer(
  project: Project,
  options: DevOptions,
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const src = path.resolve(project.root, options.src);
  const out = path.resolve(project.root, options.out);
  const esm = project.esm;
  const ms = compileTree(src, out, { esm, clean: true });
  io.out(
    `[tenon dev] compiled ${path.relative(project.root, src)} in ${Math.round(ms)} ms (swc); watching for changes`,
  );

  let child: ChildProcess | undefined;
  let changedAt: number | undefined;
  // True while a restart stops the old process: its exit is expected, not worth a line.
  let replacing = false;
  const launch = (): void => {
    const current = startNode(path.join(out, options.entry), project.root, io.env, true);
    child = current;
    let reported = false;
    current.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      // The app's own line first, then ours.
      if (!reported && changedAt !== undefined && /listening/i.test(chunk.toString())) {
        reported = true;
        io.out(`[tenon dev] ready ${Math.round(performance.now() - changedAt)} ms after the change`);
      }
    });
    void exited(current).then((code) => {
      if (child === current && !stopping && !replacing)
        io.out(`[tenon dev] the app exited with code ${code}; waiting for a change`);
    });
  };

  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const pending = new Set<string>();
  let restarting = Promise.resolve();
  const restart = async (): Promise<void> => {
    const files = [...pending];
    pending.clear();
    const t = performance.now();
    changedAt = t;
    try {
      for (const file of files) {
        const target = outputOf(src, out, file);
        if (existsSync(file)) compileFile(file, target, { esm });
        else rmSync(target, { force: true });
      }
    } catch (error) {
      io.err(`[tenon dev] ${(error as Error).message}`);
      return;
    }
    const compiled = performance.now() - t;
    replacing = true;
    if (child) await stop(child);
    replacing = false;
    const stopped = performance.now() - t - compiled;
    launch();
    io.out(
      `[tenon dev] ${files.map((f) => path.relative(project.root, f)).join(', ')} changed: restarted in ${Math.round(performance.now() - t)} ms (compile ${Math.round(compiled)} ms, old process stopped in ${Math.round(stopped)} ms)`,
    );
  };

  const watcher: FSWatcher = watch(src, { recursive: true }, (_event, name) => {
    if (!name || !name.toString().endsWith('.ts') || name.toString().endsWith('.d.ts')) return;
    pending.add(path.join(src, name.toString()));
    clearTimeout(timer);
    timer = setTimeout(() => {
      restarting = restarting.then(restart);
    }, options.debounceMs ?? 30);
  });

  launch();
  await new Promise<void>((resolve) => {
    const finish = (): void => resolve();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    signal?.addEventListener('abort', finish);
  });
  stopping = true;
  watcher.close();
  clearTimeout(timer);
  await restarting;
  if (child) await stop(child);
  return 0;
}
