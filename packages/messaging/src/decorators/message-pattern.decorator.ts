import { MESSAGE_HANDLER } from '../metadata/metadata-keys';
import type { EventPatternOptions, HandlerMetadata } from '../metadata/handler-metadata';
import { assertSubject } from '../metadata/subject';

/**
 * Marks a method as the request-reply handler of `subject`: what it returns (or resolves to)
 * is the reply of `client.send(subject, data)`; what it throws is the caller's `RemoteError`.
 * Found at boot on providers and controllers of any module.
 *
 * @example
 * @Injectable()
 * export class PricingHandlers {
 *   @MessagePattern('prices.quote')
 *   quote(@Payload() q: QuoteDto): Quote { return this.pricing.quote(q.sku); }
 * }
 */
export function MessagePattern(
  subject: string,
  options: Pick<EventPatternOptions, 'concurrency' | 'group'> = {},
): MethodDecorator {
  assertSubject(subject, '@MessagePattern()');
  return (target, key) => {
    const metadata: HandlerMetadata = { kind: 'request', subject, options };
    Reflect.defineMetadata(MESSAGE_HANDLER, metadata, target, key);
  };
}
