/**
 * What an argument resolver gives instead of throwing when the request is refused (a body the
 * compiled check and the validation replica reject): the composed route hands `error` to the
 * filters and the problem response exactly as if it had been thrown. A throw costs more than
 * building the answer: V8 records the location and a stack of every exception a handler of
 * Node's own catches, and the deeper the throw, the more (a microsecond and a half at a
 * route's depth). Routes with interceptors still see a throw (`next.handle()` must fail).
 *
 * @example
 * const value = resolve(request, reply, context);
 * if (value instanceof ArgumentRefusal) return onError(value.error, request, reply, context);
 */
export class ArgumentRefusal {
  constructor(readonly error: unknown) {}
}
