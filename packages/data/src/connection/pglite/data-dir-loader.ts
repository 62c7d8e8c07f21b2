import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { DataDirEntry } from './data-dir-tar';

/** The part of Emscripten's file system the loader uses. */
interface EmscriptenFs {
  mkdirTree(path: string): void;
  analyzePath(path: string): { exists: boolean };
  writeFile(path: string, data: Uint8Array, options: { canOwn: boolean }): void;
}

/** PGlite's in-memory file system (`MemoryFS`, exported by `@electric-sql/pglite`). */
export type MemoryFsClass = new (dataDir?: string) => {
  initialSyncFs(): Promise<void>;
};

/** Where PGlite's server finds its data directory inside its file system (`/pglite/data`). */
function pgdata(pg: PGlite): string {
  return (pg as unknown as { ENV?: Record<string, string> }).ENV?.PGDATA ?? '/pglite/data';
}

/**
 * An in-memory file system that starts with the data directory of a template: each file is the
 * tarball's own bytes (Emscripten's `canOwn`), so loading copies nothing and the template's
 * buffer becomes the files themselves; a file the server later grows moves to a buffer of its
 * own. PGlite then finds a database there and starts it as it is (no `loadDataDir`).
 *
 * @example
 * new PGlite({ fs: templateMemoryFs(MemoryFS, readDataDirTar(bytes)) });
 */
export function templateMemoryFs<T extends MemoryFsClass>(
  MemoryFS: T,
  entries: DataDirEntry[],
): InstanceType<T> {
  class TemplateMemoryFs extends (MemoryFS as MemoryFsClass) {
    private pending: DataDirEntry[] | undefined = entries;

    override async initialSyncFs(): Promise<void> {
      await super.initialSyncFs();
      const pg = (this as unknown as { pg: PGlite }).pg;
      const fs = pg.Module.FS as unknown as EmscriptenFs;
      const root = pgdata(pg);
      const made = new Set<string>();
      const mkdir = (path: string): void => {
        if (made.has(path)) return;
        if (!fs.analyzePath(path).exists) fs.mkdirTree(path);
        made.add(path);
      };
      mkdir(root);
      for (const entry of this.pending ?? []) {
        const path = `${root}/${entry.path}`;
        if (entry.directory) mkdir(path);
        else {
          mkdir(path.slice(0, path.lastIndexOf('/')));
          fs.writeFile(path, entry.data, { canOwn: true });
        }
      }
      // The entries (views) are the files' contents now; nothing else keeps the list.
      this.pending = undefined;
    }
  }
  return new TemplateMemoryFs() as InstanceType<T>;
}

/**
 * Writes a template's data directory into an empty folder, for an embedded database kept on
 * disk (`pglite://./.tenon/data`): PGlite then opens it as an existing database.
 */
export function writeDataDir(folder: string, entries: DataDirEntry[]): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (const entry of entries) {
    const path = join(folder, entry.path);
    if (entry.directory) mkdirSync(path, { recursive: true, mode: 0o700 });
    else {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, entry.data, { mode: 0o600 });
    }
  }
}
