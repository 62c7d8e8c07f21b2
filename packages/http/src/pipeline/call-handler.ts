import type { CallHandler } from '../metadata/enhancer-types';
import { isObservable, lastValueOf, NO_VALUE } from './observable';
import { loadRxjs } from './rxjs-peer';
import { isThenable } from './thenable';

/**
 * What a stage of the pipeline may give: a value, a promise, an RxJS Observable, or a promise
 * of an Observable (an `async intercept()` returning `next.handle().pipe(...)`).
 */
export type StageResult = unknown;

/**
 * Settles a stage's result into a promise of the value to send: an Observable gives its last
 * value (as NestJS reads handlers and interceptors) and `undefined` when it completes empty;
 * its error rejects.
 */
export function settle(result: StageResult): Promise<unknown> {
  if (isObservable(result)) return lastValueOf(result).then((v) => (v === NO_VALUE ? undefined : v));
  if (isThenable(result)) return Promise.resolve(result).then((v) => (isObservable(v) ? settle(v) : v));
  return Promise.resolve(result);
}

// The NestJS form of the rest of the pipeline: an Observable that runs it on subscription
// (rxjs's defer), emitting the handler's value once, or the handler's own Observable as it is.
function observe(raw: () => StageResult): unknown {
  const rx = loadRxjs();
  return rx.defer(() => {
    const result = raw();
    if (isObservable(result)) return result;
    if (isThenable(result)) return rx.from(result).pipe(rx.mergeMap((v) => (isObservable(v) ? v : rx.of(v))));
    return rx.of(result);
  });
}

/**
 * The `next` an interceptor receives, made per request: callable for Tenon's promise form
 * (`await next()`, Observables settled to their last value) and with `handle()` for NestJS's
 * Observable form (`next.handle().pipe(map(...))`, rxjs loaded on first use). `raw` runs the
 * rest of the pipeline and gives its result as it is.
 */
export function callHandler(raw: () => StageResult): CallHandler {
  const next = (() => {
    try {
      return settle(raw());
    } catch (error) {
      return Promise.reject(error);
    }
  }) as CallHandler;
  next.handle = () => observe(raw) as ReturnType<CallHandler['handle']>;
  return next;
}
