import { TenonError } from '@tenon/core';
import { formatCandidates, type NamedCandidate } from '../util/nearest-names';
import { TestingErrorCode } from './errors';
import type { OverrideKind } from './override-kind';

/** One override whose token nothing in the tree provides. */
export interface UnmatchedOverride {
  readonly kind: OverrideKind;
  /** The token as `tokenName()` prints it. */
  readonly name: string;
  /** Provided tokens with names near this one, nearest first. */
  readonly nearest: readonly NamedCandidate[];
  /** Provided tokens printed with exactly this name: another class with the same name. */
  readonly sameName: readonly NamedCandidate[];
}

const FIX =
  '  Fix: override a token that a module of the tree provides (check where the class you passed is imported from), or, to supply a dependency that nothing provides, add it to the providers of Test.createTestingModule() instead.';

const LISTED = 6;

function sameNameText(u: UnmatchedOverride): string {
  const where = u.sameName.map((c) => c.where ?? 'the tree').join(', ');
  return `${where} provide${u.sameName.length === 1 ? 's' : ''} another token also named ${u.name}: the one you passed is a different class (imported from another file, or from a second copy of the package)`;
}

function describe(u: UnmatchedOverride): string {
  if (u.sameName.length) return sameNameText(u);
  return u.nearest.length
    ? `nearest provided names: ${formatCandidates(u.nearest)}`
    : 'no provided name is near it';
}

function treeText(provided: readonly NamedCandidate[]): string {
  const shown = formatCandidates(provided.slice(0, LISTED));
  const more = provided.length > LISTED ? ` and ${provided.length - LISTED} more` : '';
  return `  The tree provides ${shown}${more}.`;
}

/**
 * An override names a token that no module of the testing module's tree provides, so it
 * would silently change nothing.
 */
export class OverrideNotProvidedError extends TenonError {
  /**
   * @param unmatched the overrides that matched nothing
   * @param provided every token the tree provides, listed when no provided name is near
   * @param cause the boot failure this override probably explains, when the boot failed too
   */
  constructor(
    readonly unmatched: readonly UnmatchedOverride[],
    provided: readonly NamedCandidate[],
    cause?: unknown,
  ) {
    super(
      TestingErrorCode.OVERRIDE_NOT_PROVIDED,
      OverrideNotProvidedError.message(unmatched, provided),
      cause === undefined ? undefined : { cause },
    );
  }

  private static message(
    unmatched: readonly UnmatchedOverride[],
    provided: readonly NamedCandidate[],
  ): string {
    const lost = unmatched.some((u) => !u.sameName.length && !u.nearest.length);
    const tree = lost ? `${treeText(provided)}\n` : '';
    if (unmatched.length === 1) {
      const u = unmatched[0]!;
      const text = describe(u);
      return `Cannot override ${u.kind} ${u.name}: nothing in the testing module provides it.\n  ${text[0]!.toUpperCase()}${text.slice(1)}.\n${tree}${FIX}`;
    }
    const lines = unmatched.map((u) => `  - ${u.kind} ${u.name}: ${describe(u)}.`);
    return `Cannot apply ${unmatched.length} overrides: nothing in the testing module provides their tokens.\n${lines.join('\n')}\n${tree}${FIX}`;
  }
}
