import { InjectionToken } from '../metadata/injection-token';
import type { Type } from '../metadata/type';

/**
 * Injected into a transient provider: the class of the provider it is being built for
 * (`undefined` when it is resolved directly). `Logger` uses it to name its context.
 *
 * @example
 * { provide: Tracer, scope: Scope.TRANSIENT, useFactory: (owner?: Type) => new Tracer(owner?.name), inject: [{ token: INQUIRER, optional: true }] }
 */
export const INQUIRER = new InjectionToken<Type | undefined>('INQUIRER');
