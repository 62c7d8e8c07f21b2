/** A reference resolved late, to break a cycle between files or modules. */
export interface ForwardReference<T = unknown> {
  readonly forwardRef: () => T;
}

/**
 * Defers reading a class until it is needed: use it when two files import each other, so one
 * of the classes is still `undefined` when the decorators run.
 *
 * @example
 * @Module({ imports: [forwardRef(() => UsersModule)] })
 * export class AuthModule {}
 *
 * constructor(@Inject(forwardRef(() => UsersService)) private readonly users: UsersService) {}
 */
export function forwardRef<T>(fn: () => T): ForwardReference<T> {
  return { forwardRef: fn };
}

export function isForwardReference(value: unknown): value is ForwardReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { forwardRef?: unknown }).forwardRef === 'function'
  );
}
