/**
 * A controller or route version that matches every request, whatever version it asks for.
 *
 * @example
 * @Controller({ path: 'health', version: VERSION_NEUTRAL })
 */
export const VERSION_NEUTRAL: unique symbol = Symbol('VERSION_NEUTRAL');

/** One version, several, or neutral. */
export type VersionValue = string | readonly string[] | typeof VERSION_NEUTRAL;
