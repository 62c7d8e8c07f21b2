import type { ValidationArguments } from 'class-validator';

// One global pattern per `$constraintN`, built once: class-validator builds a RegExp for every
// constraint of every failed check. `replace` resets a global pattern's lastIndex itself.
const CONSTRAINT_TOKENS: RegExp[] = [];

function constraintToken(index: number): RegExp {
  return (CONSTRAINT_TOKENS[index] ??= new RegExp(`\\$constraint${index + 1}`, 'g'));
}

function constraintToString(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  if (typeof constraint === 'symbol') return `${constraint.description}`;
  return `${constraint as string}`;
}

/**
 * class-validator's `ValidationUtils.replaceMessageSpecialTokens` (0.15), step for step: the
 * same replacements in the same order, with the same truthiness checks between them (a value
 * holding `$property` is itself rewritten, and `$&` in a value is a replacement pattern, as
 * there). Only the patterns are kept between calls. A message without `$` has nothing to replace.
 */
export function replaceMessageTokens(
  message: string | ((args: ValidationArguments) => string) | undefined,
  args: ValidationArguments,
): string | undefined {
  let text: string | undefined;
  if (message instanceof Function) text = message(args);
  else if (typeof message === 'string') text = message;
  if (typeof text === 'string' && !text.includes('$')) return text;
  if (text && Array.isArray(args.constraints)) {
    // forEach, as there: holes of a sparse list are skipped.
    (args.constraints as unknown[]).forEach((constraint, i) => {
      text = text!.replace(constraintToken(i), constraintToString(constraint));
    });
  }
  const value = args.value as unknown;
  if (
    text &&
    value !== undefined &&
    value !== null &&
    (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
  )
    text = text.replace(/\$value/g, value as string);
  if (text) text = text.replace(/\$property/g, args.property);
  if (text) text = text.replace(/\$target/g, args.targetName);
  return text;
}
