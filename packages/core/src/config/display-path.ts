import { isAbsolute, relative } from 'node:path';

/** Paths under the working directory print relative to it (`.env.production`), the rest absolute. */
export function displayPath(path: string): string {
  const local = relative(process.cwd(), path);
  return local !== '' && !local.startsWith('..') && !isAbsolute(local) ? local : path;
}
