import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { TenonError } from '@tenon/core';
import { findMalformedLines, readEnvFile } from '../../src/config/env-file.loader';
import { ConfigFileMalformedError } from '../../src/config/config-file-malformed.error';
import { ConfigFileUnreadableError } from '../../src/config/config-file-unreadable.error';
import { TempDir } from './temp-dir';

describe('readEnvFile', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  it('reads assignments, quotes, export, comments and multi-line values', () => {
    const file = dir.write(
      '.env',
      [
        '# a comment',
        '',
        'PLAIN=value',
        'SPACED = around ',
        'export EXPORTED=yes',
        'DOUBLE="two words"',
        "SINGLE='it is'",
        'INLINE=kept # dropped comment',
        'EQUALS=a=b=c',
        'EMPTY=',
        'MULTI="first',
        'second"',
        'AFTER=1',
        'CRLF=windows\r',
      ].join('\n'),
    );
    expect(readEnvFile(file)).toEqual({
      PLAIN: 'value',
      SPACED: 'around',
      EXPORTED: 'yes',
      DOUBLE: 'two words',
      SINGLE: 'it is',
      INLINE: 'kept',
      EQUALS: 'a=b=c',
      EMPTY: '',
      MULTI: 'first\nsecond',
      AFTER: '1',
      CRLF: 'windows',
    });
  });

  it('ignores a byte-order mark', () => {
    expect(readEnvFile(dir.write('.env', '\uFEFFFIRST=1\nSECOND=2\n'))).toEqual({ FIRST: '1', SECOND: '2' });
  });

  it('returns undefined for a missing file: env files are optional', () => {
    expect(readEnvFile(dir.file('.env.nope'))).toBeUndefined();
  });

  it('rejects an unreadable path with the path and the fix', () => {
    const path = dir.file('.env');
    mkdirSync(path);
    let error: unknown;
    try {
      readEnvFile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigFileUnreadableError);
    expect(error).toBeInstanceOf(TenonError);
    const unreadable = error as ConfigFileUnreadableError;
    expect(unreadable.code).toBe('TENON_CORE_CONFIG_FILE_UNREADABLE');
    expect(unreadable.path).toBe(path);
    expect((unreadable.cause as NodeJS.ErrnoException).code).toBe('EISDIR');
    expect(unreadable.message).toBe(
      `The env file ${path} exists but cannot be read: EISDIR: illegal operation on a directory, read. ` +
        'Fix: make it a readable file, remove it, or point ConfigModule.forRoot({ envFilePath }) elsewhere (or set ignoreEnvFile: true).',
    );
  });

  it('reports every malformed line by number, never by content (it may hold a secret)', () => {
    const path = dir.write('.env', 'GOOD=1\nDB_PASSWORD hunter22\nNEXT=2\n  also bad  \nA B=3\n');
    let error: unknown;
    try {
      readEnvFile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigFileMalformedError);
    const malformed = error as ConfigFileMalformedError;
    expect(malformed.code).toBe('TENON_CORE_CONFIG_FILE_MALFORMED');
    expect(malformed.lines).toEqual([2, 4, 5]);
    expect(malformed.message).toBe(
      `The env file ${path} is malformed at lines 2, 4, 5: each line must be NAME=value (optionally prefixed by \`export \`), ` +
        'a comment starting with #, or blank. Fix: add the missing `=` or comment the line out.',
    );
    expect(malformed.message).not.toContain('hunter22');
  });

  it('names a single malformed line in the singular', () => {
    const path = dir.write('.env', 'oops\n');
    expect(() => readEnvFile(path)).toThrow(`The env file ${path} is malformed at line 1: each line`);
  });
});

describe('findMalformedLines', () => {
  it('skips the inside of a quoted multi-line value', () => {
    expect(
      findMalformedLines('KEY="-----BEGIN KEY-----\nnot an assignment\n-----END KEY-----"\nNEXT=1'),
    ).toEqual([]);
    expect(findMalformedLines("KEY='a\nb c\nd'\nbad line")).toEqual([4]);
    expect(findMalformedLines('KEY=`x\ny`')).toEqual([]);
  });

  it('reads an unclosed quote as a one-line value, as parseEnv does', () => {
    expect(findMalformedLines('KEY="unclosed\nbad line')).toEqual([2]);
  });

  it('accepts names with dots and dashes but not spaces or leading digits', () => {
    expect(findMalformedLines('app.name=x\nmy-var=y\n_x=1')).toEqual([]);
    expect(findMalformedLines('1ABC=x\nA B=y\n=z')).toEqual([1, 2, 3]);
  });
});
