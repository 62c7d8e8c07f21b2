import { Inject } from '@tenon/core';
import { getQueueToken } from '../queues/queue-token';

/**
 * Injects the BullMQ `Queue` registered under `name` with `QueueModule.registerQueue({ name })`.
 *
 * @example
 * @Injectable()
 * export class SignUp {
 *   constructor(@InjectQueue('mail') private readonly mail: Queue) {}
 *   welcome(to: string) { return this.mail.add('welcome', { to }, { attempts: 3, backoff: { type: 'exponential', delay: 1000 } }); }
 * }
 */
export function InjectQueue(name: string): ParameterDecorator & PropertyDecorator {
  return Inject(getQueueToken(name));
}
