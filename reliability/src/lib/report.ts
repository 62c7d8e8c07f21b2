/**
 * What every part reports: figures (printed as they are measured, kept for the summary and the
 * JSON results) and violations (each one fails the run). A part never throws to report a
 * violation: it records it and goes on, so one run shows every problem at once.
 */
export interface PartResult {
  id: number;
  name: string;
  figures: [string, string][];
  violations: string[];
  skipped?: string;
  durationMs: number;
  budgetMs: number;
}

/** A 5xx response seen by any part, kept so the security part can check its body. */
export interface ServerErrorSample {
  part: number;
  request: string;
  status: number;
  contentType: string;
  body: string;
}

const serverErrors: ServerErrorSample[] = [];

/** Records a 5xx response (parts 1–3 produce them on purpose or by accident). */
export function recordServerError(sample: ServerErrorSample): void {
  // The bodies are only needed for the leak check; a few hundred are plenty.
  if (serverErrors.length < 2_000) serverErrors.push(sample);
}

export function collectedServerErrors(): readonly ServerErrorSample[] {
  return serverErrors;
}

export class PartReporter {
  readonly figures: [string, string][] = [];
  skipped?: string;
  /** Set when the part ran out of time: whatever it still does is neither printed nor counted. */
  closed = false;
  /** One entry per kind of violation: the shortest example seen, and how often it happened. */
  private readonly kinds = new Map<string, { message: string; count: number }>();

  constructor(
    readonly id: number,
    readonly name: string,
    readonly budgetMs: number,
    readonly deadline: number,
  ) {}

  /** Prints and keeps one measured figure. */
  figure(label: string, value: string | number): void {
    if (this.closed) return;
    const text = typeof value === 'number' ? formatNumber(value) : value;
    this.figures.push([label, text]);
    console.log(`  [${this.id}] ${label}: ${text}`);
  }

  /** Prints a progress line that is not a figure. */
  log(line: string): void {
    if (this.closed) return;
    console.log(`  [${this.id}] ${line}`);
  }

  /**
   * Records a violation. Violations of the same `kind` are counted, and the shortest example is
   * kept (generated inputs shrink this way without fast-check stopping at the first failure).
   */
  violation(message: string, kind = message): void {
    if (this.closed) return;
    const entry = this.kinds.get(kind);
    if (entry === undefined) {
      this.kinds.set(kind, { message, count: 1 });
      console.log(`  [${this.id}] VIOLATION: ${message.split('\n')[0]!.slice(0, 300)}`);
    } else {
      entry.count++;
      if (message.length < entry.message.length) entry.message = message;
    }
  }

  /** Every kind of violation: its shortest example, with the count when it happened more than once. */
  get violations(): string[] {
    return [...this.kinds.values()].map((v) =>
      v.count > 1 ? `${v.message}\n      (${v.count} times)` : v.message,
    );
  }

  /** How many violations were recorded in all. */
  get violationCount(): number {
    return [...this.kinds.values()].reduce((sum, v) => sum + v.count, 0);
  }

  /** Marks the part as skipped, with the reason printed. */
  skip(reason: string): void {
    this.skipped = reason;
    console.log(`  [${this.id}] SKIPPED: ${reason}`);
  }

  /** Milliseconds left before this part's limit. */
  remainingMs(): number {
    return this.deadline - Date.now();
  }

  check(condition: boolean, message: string, kind?: string): boolean {
    if (!condition) this.violation(message, kind);
    return condition;
  }
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
