import { tokenName, type BootExtension, type ProviderOverride } from '@tenon/core';
import { OverrideNotProvidedError, type UnmatchedOverride } from '../errors/override-not-provided.error';
import type { OverrideKind } from '../errors/override-kind';
import { nearestNames, type NamedCandidate } from '../util/nearest-names';

/**
 * The override table handed to core. Core looks up every provider it registers — module
 * providers, controllers, dynamic-module providers, providers added by boot extensions and its
 * own built-ins — in this table, so the keys it asked about are exactly the tokens the tree
 * provides, and an override whose key was never asked about changed nothing.
 */
export class TrackedOverrides extends Map<unknown, ProviderOverride> {
  readonly queried = new Set<unknown>();

  override get(key: unknown): ProviderOverride | undefined {
    this.queried.add(key);
    return super.get(key);
  }

  override has(key: unknown): boolean {
    this.queried.add(key);
    return super.has(key);
  }
}

/**
 * A boot extension placed after every other one: when it runs, all providers exist (scan and
 * the other extensions are done) and nothing has been linked or constructed yet, so an
 * override that matched nothing fails the boot before any original provider runs.
 */
export function overrideCheck(
  overrides: TrackedOverrides,
  kinds: ReadonlyMap<unknown, OverrideKind>,
): BootExtension {
  return {
    name: '@tenon/testing overrides',
    afterScan(graph) {
      const missing = [...overrides.keys()].filter((token) => !overrides.queried.has(token));
      if (missing.length === 0) return;
      const moduleClasses = new Set<unknown>(graph.modules.map((m) => m.metatype));
      const candidates: Array<NamedCandidate & { token: unknown }> = [];
      const listed = new Set<unknown>();
      for (const m of graph.modules) {
        for (const token of m.providerTokens) {
          if (moduleClasses.has(token)) continue; // a module is a provider of itself, never overridable
          listed.add(token);
          candidates.push({ token, name: tokenName(token), where: m.name });
        }
      }
      for (const token of overrides.queried) {
        // Asked about but in no scanned module: core's built-ins and extensions' global providers.
        if (!listed.has(token) && !moduleClasses.has(token))
          candidates.push({ token, name: tokenName(token), global: true });
      }
      const unmatched: UnmatchedOverride[] = missing.map((token) => {
        const name = tokenName(token);
        return {
          kind: kinds.get(token) ?? 'provider',
          name,
          sameName: candidates.filter((c) => c.name === name && c.token !== token),
          nearest: nearestNames(
            name,
            candidates.filter((c) => c.token !== token),
          ),
        };
      });
      throw new OverrideNotProvidedError(unmatched, candidates);
    },
  };
}
