import 'reflect-metadata';
import { TenonError } from '@tenon/core';
import { Logger } from '../../src/logger/logger';
import { createRootLogger } from '../../src/logger/root-logger.factory';
import { defaultRootLogger, setDefaultRootLogger } from '../../src/logger/default-root-logger';
import { InvalidLoggerOptionsError } from '../../src/logger/invalid-logger-options.error';
import { resolveLogFormat, resolveLogLevel } from '../../src/logger/logger-options';
import { runInRequestContext } from '../../src/request/request-context';
import { Capture } from './capture';

function setup(level: 'trace' | 'info' | 'warn' | 'silent' = 'trace') {
  const capture = new Capture();
  const root = createRootLogger({ level, format: 'json', destination: capture });
  return { capture, root };
}

describe('Logger (JSON)', () => {
  it('writes one JSON object per line with pino fields, the level, the context and the message', () => {
    const { capture, root } = setup();
    new Logger('UsersService', root).info('user created', { userId: 7 });
    expect(capture.lines).toHaveLength(1);
    expect(capture.lines[0]!.endsWith('\n')).toBe(true);
    const [record] = capture.records;
    expect(record).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      context: 'UsersService',
      userId: 7,
      msg: 'user created',
    });
  });

  it('has one method per level, log being info', () => {
    const { capture, root } = setup();
    const log = new Logger('L', root);
    log.trace('t');
    log.debug('d');
    log.info('i');
    log.log('l');
    log.warn('w');
    log.error('e');
    log.fatal('f');
    expect(capture.records.map((r) => [r['level'], r['msg']])).toEqual([
      [10, 't'],
      [20, 'd'],
      [30, 'i'],
      [30, 'l'],
      [40, 'w'],
      [50, 'e'],
      [60, 'f'],
    ]);
  });

  it('drops lines below the level, and writes nothing when silent', () => {
    const warn = setup('warn');
    const log = new Logger('L', warn.root);
    log.debug('no');
    log.info('no');
    log.warn('yes');
    log.error('yes too');
    expect(warn.capture.records.map((r) => r['msg'])).toEqual(['yes', 'yes too']);
    expect(log.isLevelEnabled('info')).toBe(false);
    expect(log.isLevelEnabled('error')).toBe(true);

    const silent = setup('silent');
    new Logger('L', silent.root).fatal('nothing');
    expect(silent.capture.lines).toEqual([]);
  });

  it('omits context when none is given', () => {
    const { capture, root } = setup();
    new Logger(undefined, root).info('bare');
    expect(capture.records[0]).not.toHaveProperty('context');
  });

  it('serializes errors under err with type, message and stack', () => {
    const { capture, root } = setup();
    const log = new Logger('Jobs', root);
    class DiskFullError extends Error {
      override name = 'DiskFullError';
    }
    const failure = new DiskFullError('disk full');
    log.error(failure);
    log.error(failure, 'import failed');
    log.warn('retrying', failure);
    log.fatal(new Error('boom'), 'giving up');
    log.error('with meta', { err: failure, attempt: 3 });
    const [plain, withMessage, asMeta, fatal, inMeta] = capture.records;
    expect(plain).toMatchObject({
      level: 50,
      msg: 'disk full',
      err: { type: 'DiskFullError', message: 'disk full' },
    });
    expect((plain!['err'] as { stack: string }).stack).toContain('DiskFullError: disk full\n    at ');
    expect(withMessage).toMatchObject({
      msg: 'import failed',
      err: { type: 'DiskFullError', message: 'disk full' },
    });
    expect(asMeta).toMatchObject({ level: 40, msg: 'retrying', err: { message: 'disk full' } });
    expect(fatal).toMatchObject({ level: 60, msg: 'giving up', err: { type: 'Error', message: 'boom' } });
    expect(inMeta).toMatchObject({ msg: 'with meta', attempt: 3, err: { type: 'DiskFullError' } });
  });

  it('serializes an error passed under `error` too, with its cause', () => {
    const { capture, root } = setup();
    new Logger('X', root).warn('upstream', { error: new Error('outer', { cause: new Error('inner') }) });
    const error = capture.records[0]!['error'] as Record<string, unknown>;
    expect(error).toMatchObject({ type: 'Error', message: 'outer: inner' });
    expect(error['stack']).toEqual(expect.stringContaining('caused by: Error: inner'));
  });

  it('binds the request context: reqId and the scope log bindings, only inside the request', async () => {
    const { capture, root } = setup();
    const log = new Logger('Orders', root);
    log.info('before');
    await runInRequestContext(
      async () => {
        log.info('inside');
        await new Promise((resolve) => setTimeout(resolve, 1));
        log.info('after await', { reqId: 'meta wins' });
      },
      { id: 'r1', logBindings: { tenant: 'acme' } },
    );
    runInRequestContext(() => log.info('other'), { id: 'r2' });
    log.info('outside');
    expect(capture.records.map((r) => [r['msg'], r['reqId'], r['tenant']])).toEqual([
      ['before', undefined, undefined],
      ['inside', 'r1', 'acme'],
      ['after await', 'meta wins', 'acme'],
      ['other', 'r2', undefined],
      ['outside', undefined, undefined],
    ]);
  });

  it('does not let a line change the request bindings', () => {
    const { capture, root } = setup();
    const log = new Logger('X', root);
    runInRequestContext(
      () => {
        log.info('one', { extra: 1 });
        log.info('two');
      },
      { id: 'r3' },
    );
    expect(capture.records[1]).not.toHaveProperty('extra');
  });

  it('makes children whose context extends the parent', () => {
    const { capture, root } = setup();
    const log = new Logger('Importer', root);
    log.child('Csv').info('row');
    new Logger(undefined, root).child('Solo').info('x');
    log.child('Csv').child('Row').info('deep');
    expect(capture.records.map((r) => r['context'])).toEqual(['Importer:Csv', 'Solo', 'Importer:Csv:Row']);
  });

  it('exposes the pino child carrying the context', () => {
    const { capture, root } = setup();
    const log = new Logger('Raw', root);
    log.pino.info({ direct: true }, 'through pino');
    expect(log.pino).toBe(log.pino);
    expect(capture.records[0]).toMatchObject({ context: 'Raw', direct: true, msg: 'through pino' });
  });

  it('redacts the configured paths', () => {
    const capture = new Capture();
    const root = createRootLogger({
      format: 'json',
      destination: capture,
      redact: ['headers.authorization'],
    });
    new Logger('Http', root).info('request', { headers: { authorization: 'Bearer abc', accept: '*/*' } });
    expect(capture.records[0]!['headers']).toEqual({ authorization: '[redacted]', accept: '*/*' });
  });
});

describe('the default root logger', () => {
  afterEach(() => setDefaultRootLogger(undefined));

  it('is created lazily, once, and used by loggers built without a root', () => {
    const { capture, root } = setup();
    setDefaultRootLogger(root);
    const log = new Logger('Standalone');
    log.info('hello');
    expect(defaultRootLogger()).toBe(root);
    expect(capture.records[0]).toMatchObject({ context: 'Standalone', msg: 'hello' });
  });

  it('is followed when replaced, even by loggers that already wrote', () => {
    const first = setup();
    const second = setup();
    const log = new Logger('Follows');
    setDefaultRootLogger(first.root);
    log.info('one');
    setDefaultRootLogger(second.root);
    log.info('two');
    expect(first.capture.records.map((r) => r['msg'])).toEqual(['one']);
    expect(second.capture.records.map((r) => r['msg'])).toEqual(['two']);
  });

  it('builds itself from LOG_LEVEL when none was set', () => {
    const saved = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'warn';
    try {
      setDefaultRootLogger(undefined);
      const root = defaultRootLogger();
      expect(root.level).toBe('warn');
      expect(defaultRootLogger()).toBe(root);
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
  });
});

describe('logger options', () => {
  it('takes the level from the option, else LOG_LEVEL in any case, else info', () => {
    expect(resolveLogLevel('debug', { LOG_LEVEL: 'warn' })).toBe('debug');
    expect(resolveLogLevel(undefined, { LOG_LEVEL: ' WARN ' })).toBe('warn');
    expect(resolveLogLevel(undefined, { LOG_LEVEL: '' })).toBe('info');
    expect(resolveLogLevel(undefined, {})).toBe('info');
  });

  it('takes the format from the option, else LOG_FORMAT, else pretty only in development', () => {
    expect(resolveLogFormat('json', { LOG_FORMAT: 'pretty' })).toBe('json');
    expect(resolveLogFormat(undefined, { LOG_FORMAT: 'Pretty', NODE_ENV: 'production' })).toBe('pretty');
    expect(resolveLogFormat(undefined, { NODE_ENV: 'development' })).toBe('pretty');
    expect(resolveLogFormat(undefined, { NODE_ENV: 'production' })).toBe('json');
    expect(resolveLogFormat(undefined, { NODE_ENV: 'test' })).toBe('json');
    expect(resolveLogFormat(undefined, {})).toBe('json');
  });

  it('rejects an unknown level or format with the accepted values', () => {
    const cases: [() => unknown, string][] = [
      [
        () => resolveLogLevel(undefined, { LOG_LEVEL: 'Verbose' }),
        'LOG_LEVEL is "Verbose", which Tenon\'s logger does not know. Fix: use one of fatal, error, warn, info, debug, trace, silent.',
      ],
      [
        () => resolveLogLevel('loud', {}),
        'the logger option `level` is "loud", which Tenon\'s logger does not know. Fix: use one of fatal, error, warn, info, debug, trace, silent.',
      ],
      [
        () => resolveLogFormat(undefined, { LOG_FORMAT: 'xml' }),
        'LOG_FORMAT is "xml", which Tenon\'s logger does not know. Fix: use one of json, pretty.',
      ],
      [
        () => resolveLogFormat('yaml', {}),
        'the logger option `format` is "yaml", which Tenon\'s logger does not know. Fix: use one of json, pretty.',
      ],
    ];
    for (const [run, message] of cases) {
      let error: unknown;
      try {
        run();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidLoggerOptionsError);
      expect(error).toBeInstanceOf(TenonError);
      expect((error as TenonError).code).toBe('TENON_CORE_INVALID_LOGGER_OPTIONS');
      expect((error as TenonError).message).toBe(message);
    }
  });

  it('createRootLogger validates LOG_LEVEL from the environment', () => {
    const saved = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'chatty';
    try {
      expect(() => createRootLogger({ destination: new Capture() })).toThrow(InvalidLoggerOptionsError);
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
  });
});
