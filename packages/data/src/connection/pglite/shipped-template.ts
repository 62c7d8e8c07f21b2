import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, brotliDecompress, constants } from 'node:zlib';

const decompress = promisify(brotliDecompress);
import { interleaveDatabases, readDataDirTar, type DataDirEntry } from './data-dir-tar';

/**
 * The format of a template (template0 and the WAL made ahead dropped, 1 MB WAL segments),
 * recorded with every template, so a file made by an older Tenon is not read. Raise it when
 * `shrink` or the initdb settings change.
 */
export const TEMPLATE_FORMAT = 2;

/**
 * Where the package keeps the template its build made (`packages/data/pglite-template`): three
 * folders up from this file, the same from `src/connection/pglite` (tests) as from
 * `dist/connection/pglite` (the published package).
 */
export const SHIPPED_TEMPLATE_FOLDER = join(__dirname, '..', '..', '..', 'pglite-template');

/** `template.json` beside the compressed tarball: what it was made from, and its size. */
export interface ShippedTemplateRecord {
  /** The PGlite version that ran initdb; another version does not load this template. */
  pglite: string;
  format: number;
  /** The compressed tarball, in the same folder. */
  file: string;
  /** The tarball's size once decompressed. */
  bytes: number;
}

const RECORD = 'template.json';

/**
 * Brotli's window: 1 MB. Its decoder allocates a buffer of that size and frees it, and the C
 * library then keeps freed memory of up to that size for the process: a 16 MB window (0.75 MB
 * instead of 0.83 MB for PGlite 0.5's template) left a start 40 MB larger.
 */
const WINDOW_BITS = 20;

/**
 * Writes a data-directory tarball as the package's template, compressed, with its record. Brotli,
 * the databases' files interleaved (see `interleaveDatabases`): the 17 MB tarball becomes about
 * 0.8 MB (gzip: 2 MB), and decompressing it takes about 20 ms.
 *
 * @example
 * writeShippedTemplate(await makeTemplate(pglite), '0.5.16', SHIPPED_TEMPLATE_FOLDER);
 */
export function writeShippedTemplate(tar: Uint8Array, pglite: string, folder: string): ShippedTemplateRecord {
  const record: ShippedTemplateRecord = {
    pglite,
    format: TEMPLATE_FORMAT,
    file: `pglite-${pglite}-${TEMPLATE_FORMAT}.tar.br`,
    bytes: tar.length,
  };
  const compressed = brotliCompressSync(interleaveDatabases(tar), {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 9,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: tar.length,
    },
  });
  // The tarball first, the record last: a record names a whole file.
  writeFileSync(join(folder, record.file), compressed);
  writeFileSync(join(folder, `${RECORD}.partial`), `${JSON.stringify(record, null, 2)}\n`);
  renameSync(join(folder, `${RECORD}.partial`), join(folder, RECORD));
  return record;
}

/** The record of the package's template, or undefined when the package has none. */
export function readShippedRecord(folder: string): ShippedTemplateRecord | undefined {
  const file = join(folder, RECORD);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ShippedTemplateRecord;
}

/**
 * The data directory of the package's template, or undefined when it has none for this PGlite
 * version and template format. Throws when the record or the file is damaged (a truncated
 * install); the caller then starts as if there were none.
 */
export async function readShippedTemplate(
  pglite: string,
  folder: string = SHIPPED_TEMPLATE_FOLDER,
): Promise<DataDirEntry[] | undefined> {
  const record = readShippedRecord(folder);
  if (record === undefined || record.pglite !== pglite || record.format !== TEMPLATE_FORMAT) return undefined;
  // One output buffer one byte larger than the tarball: it comes out in one piece, which the
  // files then keep as theirs. With Node's default 16 kB pieces copied together at the end, a
  // start kept 20 MB more memory; with a larger buffer, the system's huge pages gave memory to
  // its unwritten part.
  const tar = await decompress(readFileSync(join(folder, record.file)), { chunkSize: record.bytes + 1 });
  if (tar.length !== record.bytes)
    throw new Error(`${record.file}: ${tar.length} bytes once decompressed, not ${record.bytes}`);
  const entries = readDataDirTar(new Uint8Array(tar.buffer, tar.byteOffset, tar.byteLength));
  if (!entries.some((entry) => entry.path === 'PG_VERSION'))
    throw new Error(`${record.file} holds no data directory`);
  return entries;
}
