import { InjectionToken } from '@tenon/core';
import type { Queue } from 'bullmq';

// One token per queue name, so that @InjectQueue('mail') and registerQueue({ name: 'mail' })
// meet. Tokens only identify; nothing is stored in them.
const tokens = new Map<string, InjectionToken<Queue>>();

/**
 * The injection token of a registered queue (what `@InjectQueue(name)` injects).
 *
 * @example
 * Test.createTestingModule({ imports: [AppModule] }).overrideProvider(getQueueToken('mail')).useValue(fakeQueue)
 */
export function getQueueToken(name: string): InjectionToken<Queue> {
  let token = tokens.get(name);
  if (!token) tokens.set(name, (token = new InjectionToken<Queue>(`Queue(${name})`)));
  return token;
}
