/**
 * The part of an RxJS `Observable` the pipeline uses. Tenon reads Observables without importing
 * rxjs (an optional peer): anything with `subscribe()` and `lift()` is one, as rxjs's own
 * `isObservable()` decides, so a plain object that merely has a `subscribe` method is not.
 */
export interface ObservableLike<T = unknown> {
  subscribe(observer: { next: (value: T) => void; error: (error: unknown) => void; complete: () => void }): {
    unsubscribe(): void;
  };
}

/** Whether a value is an RxJS Observable (same test as rxjs's `isObservable()`). */
export function isObservable(value: unknown): value is ObservableLike {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { subscribe?: unknown }).subscribe === 'function' &&
    typeof (value as { lift?: unknown }).lift === 'function'
  );
}

/** Marks "the Observable completed without emitting": told apart from an emitted `undefined`. */
export const NO_VALUE: unique symbol = Symbol('tenon.noValue');

/**
 * The last value an Observable emits before it completes (rxjs's `lastValueFrom`, which is what
 * NestJS awaits for handlers, guards and interceptors), or `NO_VALUE` when it completes empty;
 * rejects with the Observable's error.
 */
export function lastValueOf<T>(source: ObservableLike<T>): Promise<T | typeof NO_VALUE> {
  return new Promise((resolve, reject) => {
    let last: T | typeof NO_VALUE = NO_VALUE;
    source.subscribe({
      next: (value) => {
        last = value;
      },
      error: reject,
      complete: () => resolve(last),
    });
  });
}
