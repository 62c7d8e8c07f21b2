import { tokenName, type BootExtension, type ProviderOverride, type ScannedGraph } from '@tenon/core';
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

/** The check of one boot: a boot extension, and a way to run the check again after boot. */
export interface OverrideCheck {
  readonly extension: BootExtension;
  /** Throws when an override matched nothing (with `cause` when the boot itself failed). */
  verify(cause?: unknown): void;
}

/**
 * Checks that every override matched a provided token. As a boot extension placed after every
 * other one it runs when all providers exist (scan and the other extensions are done) and
 * nothing is linked or constructed yet, so an override that matched nothing fails the boot
 * before any original provider runs. With `defer`, the extension only records the graph and
 * `verify()` decides after boot: for callers whose own extensions run after ours.
 */
export function overrideCheck(
  overrides: TrackedOverrides,
  kinds: ReadonlyMap<unknown, OverrideKind>,
  options: { defer?: boolean } = {},
): OverrideCheck {
  let scanned: ScannedGraph | undefined;
  const failure = (cause?: unknown): OverrideNotProvidedError | undefined => {
    const missing = [...overrides.keys()].filter((token) => !overrides.queried.has(token));
    if (missing.length === 0) return undefined;
    const modules = scanned?.modules ?? [];
    const moduleClasses = new Set<unknown>(modules.map((m) => m.metatype));
    const candidates: Array<NamedCandidate & { token: unknown }> = [];
    const listed = new Set<unknown>();
    for (const m of modules) {
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
      const others = candidates.filter((c) => c.token !== token);
      return {
        kind: kinds.get(token) ?? 'provider',
        name,
        sameName: others.filter((c) => c.name === name),
        nearest: nearestNames(name, others),
      };
    });
    return new OverrideNotProvidedError(unmatched, candidates, cause);
  };
  return {
    extension: {
      name: '@tenon/testing overrides',
      afterScan(graph) {
        scanned = graph;
        if (options.defer) return;
        const error = failure();
        if (error) throw error;
      },
    },
    verify(cause) {
      // A boot that failed before scan finished has no graph to judge overrides against.
      if (!scanned) return;
      const error = failure(cause);
      if (error) throw error;
    },
  };
}
