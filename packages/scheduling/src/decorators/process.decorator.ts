import { QUEUE_PROCESS } from '../metadata/metadata-keys';
import type { ProcessMetadata } from '../queues/queue-metadata';

/**
 * Marks the method of a `@Processor` class that processes jobs named `name`; without a name,
 * every job whose name has no method of its own. Its return value becomes the job's result.
 *
 * @example
 * @Process('resize')
 * async resize(job: Job<{ path: string }>) { return { done: job.data.path }; }
 */
export function Process(name?: string): MethodDecorator {
  return (target, key) => {
    const metadata: ProcessMetadata = { name };
    Reflect.defineMetadata(QUEUE_PROCESS, metadata, target, key);
  };
}
