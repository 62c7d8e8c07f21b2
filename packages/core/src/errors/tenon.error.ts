/**
 * The base of every error Tenon throws. `code` is stable across releases and starts with
 * `TENON_`; `docs/errors.md` lists every code with how to solve it.
 *
 * @example
 * try {
 *   await ApplicationContext.create(AppModule);
 * } catch (error) {
 *   if (error instanceof TenonError && error.code === 'TENON_CORE_UNKNOWN_DEPENDENCY') process.exit(1);
 * }
 */
export class TenonError extends Error {
  /** The stable code, e.g. `TENON_CORE_UNKNOWN_DEPENDENCY`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
