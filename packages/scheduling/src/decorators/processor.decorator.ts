import { Injectable } from '@tenon/core';
import { QUEUE_PROCESSOR } from '../metadata/metadata-keys';
import type { ProcessorMetadata, ProcessorOptions } from '../queues/queue-metadata';

/**
 * Makes a provider the processor of a BullMQ queue: a worker starts after boot and calls the
 * `@Process` method of each job's name. A method that throws fails the attempt; BullMQ retries
 * it as the job's `attempts` and `backoff` say.
 *
 * @example
 * @Processor('mail', { concurrency: 5 })
 * export class MailProcessor {
 *   @Process('welcome')
 *   async welcome(job: Job<{ to: string }>) { await this.mailer.send(job.data.to); }
 * }
 */
export function Processor(queue: string, options: ProcessorOptions = {}): ClassDecorator {
  return (target) => {
    const metadata: ProcessorMetadata = { queue, options };
    Reflect.defineMetadata(QUEUE_PROCESSOR, metadata, target);
    Injectable()(target);
  };
}
