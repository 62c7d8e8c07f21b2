/** A candidate for "did you mean": a printable name and where it comes from. */
export interface NamedCandidate {
  readonly name: string;
  /** Where the candidate lives, e.g. the module that provides it. */
  readonly where?: string;
  /** Visible everywhere (core's built-ins, global providers of boot extensions). */
  readonly global?: boolean;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so that the common
 * typos — a dropped, doubled or swapped letter — each cost one.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The part of a printed token a user types: `InjectionToken(X)`, `Symbol(X)` and `'X'` give `X`. */
export function bareName(printed: string): string {
  const match = /^(?:InjectionToken\((.*)\)|Symbol\((.*)\)|'(.*)')$/s.exec(printed);
  return (match ? (match[1] ?? match[2] ?? match[3] ?? '') : printed).toLowerCase();
}

/** 0 for the same name, 1 for nothing in common; a name containing the other counts as close. */
export function nameDistance(a: string, b: string): number {
  const x = bareName(a);
  const y = bareName(b);
  const longest = Math.max(x.length, y.length, 1);
  const score = editDistance(x, y) / longest;
  const contains = Math.min(x.length, y.length) >= 3 && (x.includes(y) || y.includes(x));
  return contains ? Math.min(score, 0.25) : score;
}

/** Above this a candidate is not "near": unrelated names would only be noise in a message. */
const NEAR = 0.5;

/**
 * Up to `limit` candidates whose names are near `name` (case-insensitive edit distance relative
 * to length; ties by name), so an error can say what the user probably meant.
 */
export function nearestNames(
  name: string,
  candidates: Iterable<NamedCandidate>,
  limit = 3,
): NamedCandidate[] {
  const seen = new Set<string>();
  const scored: Array<{ candidate: NamedCandidate; distance: number }> = [];
  for (const candidate of candidates) {
    const key = `${candidate.name}\u0000${candidate.where ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const distance = nameDistance(name, candidate.name);
    if (distance <= NEAR) scored.push({ candidate, distance });
  }
  scored.sort(
    (x, y) =>
      x.distance - y.distance ||
      (x.candidate.name < y.candidate.name ? -1 : x.candidate.name > y.candidate.name ? 1 : 0),
  );
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** `A (in M), B (in N)`, or `none` when there is no candidate. */
export function formatCandidates(candidates: readonly NamedCandidate[]): string {
  if (candidates.length === 0) return 'none';
  return candidates
    .map((c) => (c.where ? `${c.name} (in ${c.where})` : c.global ? `${c.name} (global)` : c.name))
    .join(', ');
}
