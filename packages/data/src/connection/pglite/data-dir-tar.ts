/** One member of a data-directory tarball: its path under the data directory, and its bytes. */
export interface DataDirEntry {
  /** Relative to the data directory, without a leading slash: `base/5/1255`. */
  readonly path: string;
  readonly directory: boolean;
  /** A view into the tarball's own buffer (no copy); empty for a directory. */
  readonly data: Uint8Array;
}

const BLOCK = 512;

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
}

/** Where one member lies in a tarball: its header's offset, and the end of its padded data. */
interface TarMember {
  readonly entry: DataDirEntry;
  readonly start: number;
  readonly end: number;
}

function members(tar: Uint8Array): TarMember[] {
  const found: TarMember[] = [];
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // the two zero blocks that end an archive
    if (text(header, 257, 5) !== 'ustar') throw new Error(`not a ustar header at byte ${offset}`);
    const prefix = text(header, 345, 131);
    const name = `${prefix}${text(header, 0, 100)}`.replace(/^\/+/, '').replace(/\/+$/, '');
    const size = parseInt(text(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + BLOCK;
    if (Number.isNaN(size) || start + size > tar.length)
      throw new Error(`${name}: its size runs past the end of the tarball`);
    const end = start + Math.ceil(size / BLOCK) * BLOCK;
    if (name !== '')
      found.push({
        entry: {
          path: name,
          directory: type === '5',
          data: type === '5' ? tar.subarray(start, start) : tar.subarray(start, start + size),
        },
        start: offset,
        end,
      });
    offset = end;
  }
  return found;
}

/**
 * Reads the ustar tarball PGlite's `dumpDataDir('none')` writes, without copying a byte of the
 * files: each entry's data is a view into `tar`. PGlite's own loader (`loadDataDir`) copies every
 * file twice on the way in (once out of the tarball, once into its in-memory file system), which
 * was most of the start-up time and, until the next collection, three copies of the data
 * directory in memory. The general tar libraries read streams or copy too; this reads only the
 * format PGlite writes (regular files and directories, names under 100 bytes plus a prefix).
 *
 * @example
 * const entries = readDataDirTar(new Uint8Array(readFileSync(templateFile)));
 */
export function readDataDirTar(tar: Uint8Array): DataDirEntry[] {
  return members(tar).map((member) => member.entry);
}

// `base/5/1255` sorts as `base/1255/5`: the same catalog file of each database side by side.
function sortKey(path: string): string {
  const match = /^base\/(\d+)\/(.+)$/.exec(path);
  return match === null ? path : `base/${match[2]}/${match[1]}`;
}

/**
 * The same tarball with the files of each database interleaved: `postgres` and `template1` are
 * near copies of each other (7 MB each), which a compressor then finds within a 1 MB window
 * instead of 7 MB apart. Loading does not depend on the order (each file's folder is made when
 * missing).
 *
 * @example
 * const compressible = interleaveDatabases(tar);
 */
export function interleaveDatabases(tar: Uint8Array): Uint8Array {
  const sorted = members(tar).sort((a, b) => {
    const [x, y] = [sortKey(a.entry.path), sortKey(b.entry.path)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const out = new Uint8Array(sorted.reduce((n, m) => n + m.end - m.start, 0) + 2 * BLOCK);
  let offset = 0;
  for (const member of sorted) {
    out.set(tar.subarray(member.start, member.end), offset);
    offset += member.end - member.start;
  }
  return out;
}
