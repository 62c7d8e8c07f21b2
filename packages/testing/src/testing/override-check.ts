import { tokenName, type BootExtension, type ScannedGraph } from '@tenon/core';
import { ModuleNotImportedError } from '../errors/module-not-imported.error';
import { OverrideNotProvidedError, type UnmatchedOverride } from '../errors/override-not-provided.error';
import type { OverrideKind } from '../errors/override-kind';
import { nearestNames, type NamedCandidate } from '../util/nearest-names';
import { moduleClassOf } from './module-class';

/**
 * Every provided token with where it is provided: module providers with their module, the rest
 * (core's built-ins, extensions' global providers) as global. Modules are providers of
 * themselves but cannot be overridden, so they are left out.
 */
function providedCandidates(graph: ScannedGraph): Array<NamedCandidate & { token: unknown }> {
  const moduleClasses = new Set<unknown>(graph.modules.map((m) => m.metatype));
  const candidates: Array<NamedCandidate & { token: unknown }> = [];
  const listed = new Set<unknown>();
  for (const m of graph.modules) {
    for (const token of m.providerTokens) {
      if (moduleClasses.has(token)) continue;
      listed.add(token);
      candidates.push({ token, name: tokenName(token), where: m.name });
    }
  }
  for (const token of graph.providedTokens) {
    if (!listed.has(token) && !moduleClasses.has(token))
      candidates.push({ token, name: tokenName(token), global: true });
  }
  return candidates;
}

/**
 * A boot extension that fails the boot when an override matches nothing: a provider override
 * whose token no module provides, or a module override whose module nothing imports. It runs in
 * `beforeLink`, when every provider exists (scan and every extension's `afterScan` are done, so
 * guard classes registered by @tenon/http are there) and nothing has been constructed yet: the
 * originals an override was meant to replace never run.
 */
export function overrideCheck(
  overrides: ReadonlyMap<unknown, unknown>,
  kinds: ReadonlyMap<unknown, OverrideKind>,
  moduleOverrides: ReadonlyMap<object, object>,
): BootExtension {
  return {
    name: '@tenon/testing overrides',
    beforeLink(graph) {
      const unusedModule = [...moduleOverrides.keys()].find((key) => !graph.appliedModuleOverrides.has(key));
      if (unusedModule !== undefined) {
        const imported = graph.modules
          .filter((m) => m.ref !== graph.modules[0]?.ref)
          .map((m) => ({ name: m.name }));
        const name = moduleClassOf(unusedModule)?.name ?? tokenName(unusedModule);
        throw new ModuleNotImportedError(tokenName(unusedModule), nearestNames(name, imported), imported);
      }
      const provided = graph.providedTokens;
      const missing = [...overrides.keys()].filter((token) => !provided.has(token as never));
      if (missing.length === 0) return;
      const candidates = providedCandidates(graph);
      const unmatched: UnmatchedOverride[] = missing.map((token) => {
        const name = tokenName(token);
        const others = candidates.filter((c) => c.token !== token);
        return {
          kind: kinds.get(token) ?? 'provider',
          name,
          sameName: others.filter((c) => c.name === name),
          nearest: nearestNames(name, others),
        };
      });
      throw new OverrideNotProvidedError(unmatched, candidates);
    },
  };
}
