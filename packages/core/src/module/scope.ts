/**
 * How long an instance lives.
 *
 * @example
 * @Injectable({ scope: Scope.REQUEST })
 * export class CurrentTenant {}
 */
export enum Scope {
  /** One instance for the whole application (the default). */
  SINGLETON = 'singleton',
  /** A new instance for every consumer that injects it. */
  TRANSIENT = 'transient',
  /** One instance per request, created on first use inside the request. */
  REQUEST = 'request',
}
