import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { toDot, toHtml, toSvg } from '../graph/graph-render';
import { loadRootModule, scanGraph } from '../graph/module-graph';
import { MIGRATE_BUILD_DIR } from '../migrate/migrate';
import { requireProject } from '../project/project';
import { compileTree } from '../run/compile';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';
import type { TenonCommand } from './tenon-command';

/** `tenon graph [--out graph.svg|graph.html|graph.dot]`. */
export const graphCommand: TenonCommand = {
  register(program, { io, action }) {
    program
      .command('graph')
      .description(
        'draw the module graph (modules, imports, controllers, providers) as SVG, HTML or DOT; nothing is instantiated',
      )
      .option('--out <file>', 'the output: .svg, .html or .dot', 'graph.svg')
      .option('--module <file#Export>', 'the root module', 'src/app.module.ts#AppModule')
      .action(
        action(async (options: { out: string; module: string; dryRun?: boolean }) => {
          const project = requireProject(io.cwd, 'graph');
          const format = path.extname(options.out).slice(1);
          if (!['svg', 'html', 'dot'].includes(format))
            throw new CliError(
              CliErrorCode.INVALID_OPTION,
              `--out ${options.out}: the file must end with .svg, .html or .dot.`,
            );
          const [file, exportName] = options.module.split('#') as [string, string | undefined];
          const out = path.resolve(io.cwd, options.out);
          if (options.dryRun) {
            io.out(
              `would compile src/ with swc, scan ${file}${exportName ? `#${exportName}` : ''} (no instance built) and write ${out}`,
            );
            return 0;
          }
          const t = performance.now();
          const build = path.join(project.root, MIGRATE_BUILD_DIR, `graph-${process.pid}-${Date.now()}`);
          compileTree(path.join(project.root, 'src'), path.join(build, 'src'), {
            esm: false,
            clean: true,
            markType: true,
          });
          const compiled = path
            .join(build, path.relative(project.root, path.resolve(project.root, file)))
            .replace(/\.ts$/, '.js');
          const { core, module } = loadRootModule(project.root, compiled, exportName, file);
          const modules = await scanGraph(core, module);
          const dot = toDot(modules);
          const content =
            format === 'dot'
              ? dot
              : format === 'svg'
                ? await toSvg(dot)
                : toHtml(await toSvg(dot), modules, project.packageJson.name ?? 'app');
          writeFileSync(out, content);
          io.out(
            `wrote ${path.relative(io.cwd, out)}: ${modules.length} modules, ${modules.reduce((n, m) => n + m.controllers.length, 0)} controllers, ${modules.reduce((n, m) => n + m.providers.length, 0)} providers (${Math.round(performance.now() - t)} ms)`,
          );
          return 0;
        }),
      );
  },
};
