import type { DiscoveredClass, DiscoveryService } from '@tenon/core';
import { InvalidProcessorError } from '../errors/invalid-processor.error';
import { QUEUE_PROCESS, QUEUE_PROCESSOR } from '../metadata/metadata-keys';
import type { ProcessMetadata, ProcessorMetadata } from './queue-metadata';

/** A `@Processor` class with its `@Process` methods, checked. */
export interface ProcessorDefinition {
  readonly owner: DiscoveredClass;
  readonly label: string;
  readonly queue: string;
  readonly concurrency: number;
  readonly lockDuration: number | undefined;
  readonly stalledInterval: number | undefined;
  /** Job name → method name. */
  readonly methods: ReadonlyMap<string, string>;
  /** The `@Process()` method without a name, if any. */
  readonly fallback: string | undefined;
}

/** Every `@Processor` of the application; throws `TENON_SCHEDULING_INVALID_PROCESSOR`. */
export function discoverProcessors(discovery: DiscoveryService): ProcessorDefinition[] {
  const found: ProcessorDefinition[] = [];
  const seen = new Set<unknown>();
  for (const { item, metadata } of discovery.classesWithMetadata<ProcessorMetadata>(QUEUE_PROCESSOR)) {
    const identity = item.instance ?? item.metatype;
    if (seen.has(identity) || !item.metatype) continue;
    seen.add(identity);
    const label = `@Processor('${metadata.queue}') ${item.metatype.name}`;
    if (typeof metadata.queue !== 'string' || metadata.queue.trim() === '')
      throw new InvalidProcessorError(label, 'has no queue name.', "name the queue: @Processor('mail').");
    const concurrency = metadata.options.concurrency ?? 1;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1)
      throw new InvalidProcessorError(
        label,
        `has concurrency ${String(concurrency)}.`,
        'give a whole number of jobs at once, 1 or more (the default is 1).',
      );
    const methods = new Map<string, string>();
    let fallback: string | undefined;
    const prototype = item.metatype.prototype as object;
    for (const methodName of discovery.getMethodNames(item.metatype)) {
      const process = Reflect.getMetadata(QUEUE_PROCESS, prototype, methodName) as
        ProcessMetadata | undefined;
      if (!process) continue;
      const first = process.name === undefined ? fallback : methods.get(process.name);
      if (first !== undefined)
        throw new InvalidProcessorError(
          label,
          `has two methods for ${process.name === undefined ? 'jobs without a method of their own' : `the job '${process.name}'`}: ${first} and ${methodName}.`,
          'keep one @Process of each name in a processor.',
        );
      if (process.name === undefined) fallback = methodName;
      else methods.set(process.name, methodName);
    }
    if (methods.size === 0 && fallback === undefined)
      throw new InvalidProcessorError(
        label,
        'has no @Process method.',
        "mark the method that processes the queue's jobs with @Process() (every name) or @Process('name').",
      );
    found.push({
      owner: item,
      label: item.metatype.name,
      queue: metadata.queue,
      concurrency,
      lockDuration: metadata.options.lockDuration,
      stalledInterval: metadata.options.stalledInterval,
      methods,
      fallback,
    });
  }
  return found;
}
