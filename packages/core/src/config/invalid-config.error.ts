import { TenonError } from '../errors/tenon.error';
import { CoreErrorCode } from '../errors/errors';
import { displayPath } from './display-path';

/** Where the value of a violated property came from. */
export type ConfigValueSource = 'environment' | 'env-file' | 'default' | 'unset';

/** One property that failed validation. Secret values are already `'[redacted]'`. */
export interface ConfigViolation {
  /** Dotted property path from the schema root, e.g. `db.password`. */
  property: string;
  /** The variable the value was read from, or the one to set when it is missing, e.g. `DB_PASSWORD`. */
  variable: string;
  /** class-validator constraint name → message, e.g. `{ isInt: 'must be an integer number' }`. */
  constraints: Record<string, string>;
  /** The text of the variable, the default value, or `undefined` when not set. */
  value: unknown;
  source: ConfigValueSource;
  /** The absolute path of the env file the value was read from, when `source` is `'env-file'`. */
  file?: string;
}

/**
 * The configuration does not satisfy its schema. Thrown at boot with every violation at once,
 * so one run shows everything to fix.
 *
 * @example
 * try {
 *   await ApplicationContext.create(AppModule);
 * } catch (error) {
 *   if (error instanceof InvalidConfigError) for (const v of error.violations) console.error(v.variable);
 * }
 */
export class InvalidConfigError extends TenonError {
  constructor(
    readonly schemaName: string,
    readonly violations: readonly ConfigViolation[],
    fix: string,
  ) {
    const count = violations.length === 1 ? '1 problem' : `${violations.length} problems`;
    super(
      CoreErrorCode.INVALID_CONFIG,
      [
        `Configuration is invalid (${count} in ${schemaName}):`,
        ...violations.map(describeViolation),
        `Fix: ${fix}`,
      ].join('\n'),
    );
  }
}

function describeViolation(violation: ConfigViolation): string {
  const constraints = Object.values(violation.constraints).join(', ');
  return `  - ${violation.variable} (${violation.property}): ${constraints}; ${describeValue(violation)}`;
}

function describeValue({ value, source, file }: ConfigViolation): string {
  switch (source) {
    case 'unset':
      return 'not set';
    case 'default':
      return `got ${printable(value)} (the default)`;
    case 'environment':
      return `got ${printable(value)} from the environment`;
    case 'env-file':
      return `got ${printable(value)} from ${file === undefined ? 'an env file' : displayPath(file)}`;
  }
}

function printable(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  return JSON.stringify(value) ?? String(value);
}
