import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigFileMalformedError } from './config-file-malformed.error';
import { ConfigFileUnreadableError } from './config-file-unreadable.error';

const ASSIGNMENT = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=(.*)$/;
const QUOTES = new Set(['"', "'", '`']);

/**
 * Reads one env file with Node's own dotenv parser (`util.parseEnv`). Returns `undefined` when
 * the file does not exist: every env file is optional.
 *
 * @throws ConfigFileUnreadableError when the path exists but cannot be read.
 * @throws ConfigFileMalformedError when a line is not `NAME=value`, a comment or blank.
 */
export function readEnvFile(path: string): Record<string, string> | undefined {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigFileUnreadableError(path, error);
  }
  // Editors on Windows may save a byte-order mark, which parseEnv would glue onto the first name.
  if (content.startsWith('\uFEFF')) content = content.slice(1);
  const malformed = findMalformedLines(content);
  if (malformed.length > 0) throw new ConfigFileMalformedError(path, malformed);
  const parsed = parseEnv(content);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) if (value !== undefined) values[name] = value;
  return values;
}

/**
 * The 1-based numbers of lines that `parseEnv` would misread. It silently glues a line without
 * `=` onto the next assignment's name, which loses that variable, so such lines are rejected
 * before parsing. Lines inside a quoted multi-line value are skipped the way `parseEnv` reads
 * them: a value opening with a quote runs to the next same quote, if there is one.
 */
export function findMalformedLines(content: string): number[] {
  const lines = content.split(/\r?\n/);
  const malformed: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = ASSIGNMENT.exec(line);
    if (match === null) {
      malformed.push(index + 1);
      continue;
    }
    const value = match[1]!.trimStart();
    const quote = value[0];
    if (quote === undefined || !QUOTES.has(quote) || value.indexOf(quote, 1) !== -1) continue;
    const closing = lines.findIndex((later, at) => at > index && later.includes(quote));
    if (closing !== -1) index = closing;
  }
  return malformed;
}
