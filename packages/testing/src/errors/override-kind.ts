/** What an override was declared as: it only changes how errors name the token. */
export type OverrideKind = 'provider' | 'guard' | 'interceptor' | 'pipe' | 'filter';

/** The builder method that declares an override of this kind, for messages. */
export function overrideMethod(kind: OverrideKind): string {
  return `override${kind[0]!.toUpperCase()}${kind.slice(1)}`;
}
