import 'reflect-metadata';
import { Logger } from '../../src/logger/logger';
import { createRootLogger } from '../../src/logger/root-logger.factory';
import { runInRequestContext } from '../../src/request/request-context';
import { Capture } from './capture';

describe('Logger (pretty)', () => {
  const setup = () => {
    const capture = new Capture();
    const root = createRootLogger({ level: 'debug', format: 'pretty', destination: capture });
    return { capture, log: new Logger('UsersService', root) };
  };

  it('writes a readable line with time, level, context and message, synchronously and without colour', () => {
    const { capture, log } = setup();
    log.info('user created');
    expect(capture.lines).toHaveLength(1);
    expect(capture.lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: \[UsersService\] user created\n$/);
    expect(capture.lines[0]).not.toContain('\u001b[');
  });

  it('prints metadata and the request id as indented fields, and hides pid and hostname', () => {
    const { capture, log } = setup();
    runInRequestContext(() => log.debug('loaded', { count: 3 }), { id: 'r1' });
    expect(capture.lines[0]).toMatch(
      /^\[[\d:.]+\] DEBUG: \[UsersService\] loaded\n {4}reqId: "r1"\n {4}count: 3\n$/,
    );
    expect(capture.lines[0]).not.toContain('pid');
    expect(capture.lines[0]).not.toContain('hostname');
  });

  it('prints errors with their stack', () => {
    const { capture, log } = setup();
    log.error(new Error('disk full'), 'import failed');
    expect(capture.lines[0]).toMatch(/^\[[\d:.]+\] ERROR: \[UsersService\] import failed\n {4}err: \{\n/);
    expect(capture.lines[0]).toContain('"message": "disk full"');
    expect(capture.lines[0]).toContain('Error: disk full\n');
  });

  it('filters by level like JSON', () => {
    const { capture, log } = setup();
    log.trace('hidden');
    expect(capture.lines).toEqual([]);
  });
});
