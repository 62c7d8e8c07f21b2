/**
 * A typed token for values that have no class of their own: options objects, strings,
 * interfaces. The type parameter flows through `@Inject` and `ApplicationContext.get`.
 *
 * @example
 * export const API_URL = new InjectionToken<string>('API_URL');
 * providers: [{ provide: API_URL, useValue: 'https://example.test' }]
 * constructor(@Inject(API_URL) private readonly url: string) {}
 */
export class InjectionToken<T = unknown> {
  /** Never set: carries `T` for type inference only. */
  declare readonly __type?: T;
  /** The key this token has in the underlying tsyringe containers. */
  readonly key: symbol;

  constructor(readonly description: string) {
    this.key = Symbol(description);
  }

  toString(): string {
    return `InjectionToken(${this.description})`;
  }
}
