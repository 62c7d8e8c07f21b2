import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One module's entry in the code cache file. The source is identified by its length and CRC-32:
 * V8 checks only the length of the source a code cache was made for, and a file edited to the
 * same length (a version string bumped by `npm update`) would otherwise run its old bytecode.
 */
export interface CodeCacheEntry {
  sourceLength: number;
  sourceCrc: number;
  /** V8's code cache for the module's wrapper; absent when the module is left to Node (`skip`). */
  data?: Buffer;
  /** CRC-32 of `data`: V8 does not check its payload, and a damaged one must not reach it. */
  dataCrc?: number;
  /** The module is compiled by Node itself (it calls `import()`): known, so not scanned again. */
  skip?: boolean;
}

/** The first line of the file: a format change makes old files unreadable, not misread. */
const MAGIC = 'tenon-code-cache 1\n';
const MAGIC_BYTES = Buffer.byteLength(MAGIC);

/** `[file, sourceLength, sourceCrc, offset, length, dataCrc]`; offset -1 for a skipped module. */
type HeaderRow = [string, number, number, number, number, number];

/**
 * Reads the entries of a code cache file; an empty map when there is none, or when it is not
 * this format, damaged, or writable by someone else than this process's user (its bytecode would
 * run in this process). Never throws: a cache is an optimisation.
 */
export function readCodeCacheFile(path: string): Map<string, CodeCacheEntry> {
  const entries = new Map<string, CodeCacheEntry>();
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (!ownedAndPrivate(fstatSync(fd))) return entries;
    return parse(readFileSync(fd));
  } catch {
    return entries;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function ownedAndPrivate(stat: { uid: number; mode: number }): boolean {
  if (typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

function parse(buffer: Buffer): Map<string, CodeCacheEntry> {
  const entries = new Map<string, CodeCacheEntry>();
  if (buffer.length < MAGIC_BYTES + 4 || buffer.toString('latin1', 0, MAGIC_BYTES) !== MAGIC) return entries;
  const headerLength = buffer.readUInt32LE(MAGIC_BYTES);
  const dataStart = MAGIC_BYTES + 4 + headerLength;
  if (dataStart > buffer.length) return entries;
  const rows = JSON.parse(buffer.toString('utf8', MAGIC_BYTES + 4, dataStart)) as unknown;
  if (!Array.isArray(rows)) return entries;
  for (const row of rows as unknown[]) {
    if (!isHeaderRow(row)) return new Map();
    const [file, sourceLength, sourceCrc, offset, length, dataCrc] = row;
    if (offset < 0) {
      entries.set(file, { sourceLength, sourceCrc, skip: true });
      continue;
    }
    if (dataStart + offset + length > buffer.length) return new Map();
    const data = buffer.subarray(dataStart + offset, dataStart + offset + length);
    entries.set(file, { sourceLength, sourceCrc, data, dataCrc });
  }
  return entries;
}

function isHeaderRow(row: unknown): row is HeaderRow {
  return (
    Array.isArray(row) &&
    row.length === 6 &&
    typeof row[0] === 'string' &&
    row.slice(1).every((n) => Number.isInteger(n))
  );
}

/**
 * Writes the entries to `path` through a temporary file and a rename, so that a process starting
 * meanwhile reads the old file or the new one, never half of one. The folder is created private
 * to this user. Throws on a file system error; the caller decides what that means.
 */
export function writeCodeCacheFile(path: string, entries: ReadonlyMap<string, CodeCacheEntry>): number {
  const rows: HeaderRow[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [file, entry] of entries) {
    if (entry.skip || !entry.data) {
      rows.push([file, entry.sourceLength, entry.sourceCrc, -1, 0, 0]);
      continue;
    }
    rows.push([file, entry.sourceLength, entry.sourceCrc, offset, entry.data.length, entry.dataCrc ?? 0]);
    chunks.push(entry.data);
    offset += entry.data.length;
  }
  const header = Buffer.from(JSON.stringify(rows));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const content = Buffer.concat([Buffer.from(MAGIC), length, header, ...chunks]);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, path);
  return content.length;
}
