import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as core from '@tenon/core';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';
import { requireFromApp } from '../run/app-require';

/** One module of the drawn graph. */
export interface GraphModule {
  readonly id: string;
  readonly name: string;
  readonly global: boolean;
  /** Built by `forRoot()`/`forFeature()` and the like, not a plain class. */
  readonly dynamic: boolean;
  readonly controllers: readonly string[];
  readonly providers: readonly string[];
  /** Ids of the imported modules. */
  readonly imports: readonly string[];
}

type CoreApi = Pick<typeof core, 'ApplicationContext' | 'isModule' | 'tokenName'>;

/** Thrown by the capturing extension to stop boot once the graph is known (before link). */
class GraphCaptured extends Error {}

/**
 * The module graph of `root` as boot's scan phase sees it: modules, their imports, controllers
 * and provider tokens. Boot is stopped right after scan (an extension's `beforeLink` throws), so
 * no dependency is linked and no constructor or factory runs: no database is opened.
 */
export async function scanGraph(core: CoreApi, root: unknown): Promise<GraphModule[]> {
  let captured: GraphModule[] | undefined;
  const extension: core.BootExtension = {
    name: '@tenon/cli graph',
    beforeLink(graph) {
      const ids = new Map<object, string>(graph.modules.map((m, i) => [m, `m${i}`]));
      captured = graph.modules.map((m) => ({
        id: ids.get(m)!,
        name: m.name,
        global: m.global,
        dynamic: m.ref !== m.metatype,
        controllers: m.controllers.map((c) => c.name),
        // The module class is a provider of itself (for its hooks); the box already names it.
        providers: m.providerTokens
          .filter((t) => t !== m.metatype && !m.controllers.includes(t as never))
          .map((t) => core.tokenName(t)),
        imports: m.imports.map((i) => ids.get(i)).filter((id): id is string => id !== undefined),
      }));
      throw new GraphCaptured();
    },
  };
  try {
    await core.ApplicationContext.create(root as core.Type, { logger: false, extensions: [extension] });
  } catch (error) {
    if (!(error instanceof GraphCaptured)) throw error;
  }
  if (!captured) throw new Error('the module graph was not scanned');
  return captured;
}

/** The root module class exported from the compiled module file (by name, else the only module). */
export function loadRootModule(
  root: string,
  compiledFile: string,
  exportName: string | undefined,
  display: string,
): { core: CoreApi; module: unknown } {
  const core = requireFromApp<CoreApi>(root, '@tenon/core', 'tenon graph boots the module graph with it');
  const exports = createRequire(path.join(root, 'package.json'))(compiledFile) as Record<string, unknown>;
  const modules = Object.entries(exports).filter(([, value]) => core.isModule(value));
  const chosen =
    exportName !== undefined
      ? modules.find(([name]) => name === exportName)
      : (modules.find(([name]) => name === 'AppModule') ?? (modules.length === 1 ? modules[0] : undefined));
  if (!chosen)
    throw new CliError(
      CliErrorCode.INVALID_OPTION,
      `${display} exports ${modules.length === 0 ? 'no @Module() class' : `the modules ${modules.map(([n]) => n).join(', ')}`}${exportName ? `, not ${exportName}` : ''}. Pass --module <file>#<ExportName>.`,
    );
  return { core, module: chosen[1] };
}
