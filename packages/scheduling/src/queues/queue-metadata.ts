/** Options of `@Processor`. */
export interface ProcessorOptions {
  /** Jobs processed at once by this instance (default 1). */
  concurrency?: number;
  /** BullMQ's lock on an active job (default 30,000 ms): a job whose worker died is returned after it. */
  lockDuration?: number;
  /** How often stalled jobs are looked for (default 30,000 ms). */
  stalledInterval?: number;
}

export interface ProcessorMetadata {
  readonly queue: string;
  readonly options: ProcessorOptions;
}

/** `@Process(name)`: the job name, or `undefined` for every name without a method of its own. */
export interface ProcessMetadata {
  readonly name: string | undefined;
}
