import { HANDLER_PARAMS } from '../metadata/metadata-keys';
import type { HandlerParam, PayloadPipe } from '../metadata/handler-metadata';

function addParam(target: object, key: string | symbol | undefined, param: HandlerParam): void {
  if (key === undefined) return;
  const params = (Reflect.getOwnMetadata(HANDLER_PARAMS, target, key) as HandlerParam[] | undefined) ?? [];
  Reflect.defineMetadata(HANDLER_PARAMS, [...params, param], target, key);
}

/**
 * The decoded message payload, or one property of it. A parameter typed with a DTO class is
 * validated with class-validator and turned into an instance with class-transformer (unknown
 * properties stripped); an invalid payload is dead-lettered without a retry. Pipes with
 * `transform(value, metadata)` (those of `@tenon/http` too) run after validation.
 *
 * @example
 * @EventPattern('orders.created') onCreated(@Payload() event: OrderCreatedDto) {}
 * @EventPattern('orders.deleted') onDeleted(@Payload('id', ParseIntPipe) id: number) {}
 */
export function Payload(keyOrPipe?: string | PayloadPipe, ...pipes: PayloadPipe[]): ParameterDecorator {
  const key = typeof keyOrPipe === 'string' ? keyOrPipe : undefined;
  const all = typeof keyOrPipe === 'object' ? [keyOrPipe, ...pipes] : pipes;
  return (target, method, index) =>
    addParam(target, method, { index, kind: 'payload', ...(key !== undefined ? { key } : {}), pipes: all });
}

/**
 * The `MessageContext` of the message being handled: subject, headers, message id, delivery
 * count, and `ack()` / `nack()` for handlers that settle the message themselves.
 *
 * @example
 * @EventPattern('mail.send') send(@Payload() mail: MailDto, @Ctx() ctx: MessageContext) {
 *   if (ctx.deliveryCount > 3) this.log.warn('slow mail server');
 * }
 */
export function Ctx(): ParameterDecorator {
  return (target, method, index) => addParam(target, method, { index, kind: 'ctx', pipes: [] });
}
