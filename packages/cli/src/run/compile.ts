import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as swc from '@swc/core';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';

/** How `compileFile` writes JavaScript. */
export interface CompileOptions {
  /** ES modules (`import`/`export` kept) or CommonJS. */
  readonly esm: boolean;
}

// Loaded on first use: commands that compile nothing (new, generate, info) do not pay for it.
let swcCore: typeof swc | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadSwc = (): typeof swc => (swcCore ??= require('@swc/core') as typeof swc);

/**
 * Compiles one TypeScript file with swc: legacy decorators with decorator metadata (dependency
 * injection by type works as under tsc), no type check. A syntax error names the file and line.
 */
export function compileFile(file: string, outFile: string, options: CompileOptions): void {
  let output: swc.Output;
  try {
    output = loadSwc().transformFileSync(file, {
      swcrc: false,
      configFile: false,
      sourceMaps: true,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: options.esm ? 'es6' : 'commonjs' },
    });
  } catch (error) {
    throw new CliError(
      CliErrorCode.COMPILE_FAILED,
      // swc's message is a code frame, then its own backtrace: keep the frame.
      `${file} does not compile:\n${String((error as Error).message ?? error)
        .split(/\n\s*\nCaused by:/)[0]!
        .trimEnd()}`,
      { cause: error },
    );
  }
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${output.code}\n//# sourceMappingURL=${path.basename(outFile)}.map\n`);
  if (output.map) writeFileSync(`${outFile}.map`, output.map);
}

/** The `.ts` sources under `dir` (declarations and specs left out). */
export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts') && !/\.(spec|test)\.ts$/.test(entry))
      files.push(full);
  }
  return files;
}

/** `src/a/b.ts` → `out/a/b.js`. */
export const outputOf = (srcDir: string, outDir: string, file: string): string =>
  path.join(outDir, path.relative(srcDir, file)).replace(/\.ts$/, '.js');

/** Compiles every source under `srcDir` into `outDir` (emptied first); returns the time in ms. */
export function compileTree(
  srcDir: string,
  outDir: string,
  options: CompileOptions & { clean?: boolean; markType?: boolean },
): number {
  const t = performance.now();
  if (options.clean) rmSync(outDir, { recursive: true, force: true });
  for (const file of sourceFiles(srcDir)) compileFile(file, outputOf(srcDir, outDir, file), options);
  // The output's module kind, whatever the app's package.json says (CommonJS for the CLI's own loading).
  mkdirSync(outDir, { recursive: true });
  if (options.markType)
    writeFileSync(
      path.join(outDir, 'package.json'),
      JSON.stringify({ type: options.esm ? 'module' : 'commonjs' }),
    );
  return performance.now() - t;
}
