import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8 lets a running process turn gc() on; a fresh context then sees it as a global.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The heap in use after full collections: what a loop retained, not what it has yet to free. */
export function retainedHeap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}
