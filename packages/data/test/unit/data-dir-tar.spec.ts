import { interleaveDatabases, readDataDirTar } from '../../src/connection/pglite/data-dir-tar';

/** A ustar member as PGlite's dumpDataDir writes it: name, octal size, type, magic, data padded. */
function member(name: string, type: '0' | '5', data = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\u000000', 257);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data);
  return Buffer.concat([header, body]);
}

const tarOf = (...members: Buffer[]): Uint8Array =>
  new Uint8Array(Buffer.concat([...members, Buffer.alloc(1024)]));

describe('readDataDirTar', () => {
  it('lists directories and files, each file a view into the tarball (no copy)', () => {
    const tar = tarOf(
      member('/base', '5'),
      member('/base/5/1255', '0', 'x'.repeat(700)),
      member('/PG_VERSION', '0', '17\n'),
    );
    const entries = readDataDirTar(tar);
    expect(entries.map((e) => [e.path, e.directory, e.data.length])).toEqual([
      ['base', true, 0],
      ['base/5/1255', false, 700],
      ['PG_VERSION', false, 3],
    ]);
    expect(Buffer.from(entries[2]!.data).toString()).toBe('17\n');
    expect(entries[1]!.data.buffer).toBe(tar.buffer);
  });

  it('refuses what is not a tarball, and a member that runs past the end', () => {
    expect(() => readDataDirTar(new Uint8Array(Buffer.alloc(512, 'a')))).toThrow(
      'not a ustar header at byte 0',
    );
    const cut = tarOf(member('/PG_VERSION', '0', 'x'.repeat(2000))).subarray(0, 1024);
    expect(() => readDataDirTar(cut)).toThrow('PG_VERSION: its size runs past the end of the tarball');
  });

  it('reads an empty archive as no entries', () => {
    expect(readDataDirTar(tarOf())).toEqual([]);
  });

  it('interleaves the files of the databases, keeping every member whole', () => {
    const tar = tarOf(
      member('/base', '5'),
      member('/base/1', '5'),
      member('/base/1/1255', '0', 'a'.repeat(700)),
      member('/base/1/1259', '0', 'b'),
      member('/base/5', '5'),
      member('/base/5/1255', '0', 'c'.repeat(700)),
      member('/PG_VERSION', '0', '17\n'),
    );
    const sorted = interleaveDatabases(tar);
    expect(sorted.length).toBe(tar.length);
    const entries = readDataDirTar(sorted);
    expect(entries.map((e) => e.path)).toEqual(
      ['PG_VERSION', 'base', 'base/1', 'base/1255/1', 'base/1255/5', 'base/1259/1', 'base/5'].map((p) =>
        p.replace(/^base\/(\d+)\/(\d+)$/, 'base/$2/$1'),
      ),
    );
    expect(Buffer.from(entries.find((e) => e.path === 'base/5/1255')!.data).toString()).toBe('c'.repeat(700));
  });
});
