import type { ArgumentMetadata, PipeTransform } from '../metadata/enhancer-types';
import { isThenable } from './thenable';

/** Runs pipes in order; synchronous until a pipe returns a promise. */
export function runPipes(
  value: unknown,
  pipes: readonly PipeTransform[],
  metadata: ArgumentMetadata,
  from = 0,
): unknown {
  let current = value;
  for (let i = from; i < pipes.length; i++) {
    current = pipes[i]!.transform(current, metadata);
    if (isThenable(current)) {
      const next = i + 1;
      return Promise.resolve(current).then((resolved) => runPipes(resolved, pipes, metadata, next));
    }
  }
  return current;
}
