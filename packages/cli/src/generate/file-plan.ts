import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';

/** A file a command means to write, relative to `root`. */
export interface PlannedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Writes every planned file or none: existing files are found before anything is written, so a
 * refused generator leaves the project as it was.
 */
export function writePlan(root: string, files: readonly PlannedFile[], force: boolean): void {
  if (!force) {
    const existing = files.filter((f) => existsSync(path.join(root, f.path))).map((f) => f.path);
    if (existing.length > 0)
      throw new CliError(
        CliErrorCode.FILE_EXISTS,
        `${existing.join(', ')} ${existing.length === 1 ? 'exists' : 'exist'} already; nothing was written. ` +
          `Choose another name, delete ${existing.length === 1 ? 'it' : 'them'}, or pass --force to overwrite.`,
      );
  }
  for (const file of files) {
    const target = path.join(root, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}
