export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatNumber(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatMiB(bytes: number): string {
  return formatNumber(bytes / 1024 / 1024, 1);
}

/**
 * A ratio judged against a target, always with three decimals: with two, 0.945 would print as
 * 0.95 next to a ✗ against 0.95 (or a ✓ would look earned by rounding).
 */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '—';
}
