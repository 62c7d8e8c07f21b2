import 'reflect-metadata';
import { asyncContextFrameEnabled } from '@tenon/core';

describe('asyncContextFrameEnabled', () => {
  const on = (version: string, execArgv: string[] = [], nodeOptions?: string) =>
    asyncContextFrameEnabled({ version, execArgv, nodeOptions });

  it('is off on Node 20, whatever the flags', () => {
    expect(on('20.20.2')).toBe(false);
    expect(on('20.20.2', ['--async-context-frame'])).toBe(false);
  });

  it('is opt-in on Node 22 and 23, on the command line or in NODE_OPTIONS', () => {
    expect(on('22.12.0')).toBe(false);
    expect(on('22.12.0', ['--experimental-async-context-frame'])).toBe(true);
    expect(on('23.1.0', [], '--max-old-space-size=512 --experimental-async-context-frame')).toBe(true);
  });

  it('is the default from Node 24 on, unless --no-async-context-frame', () => {
    expect(on('24.0.0')).toBe(true);
    expect(on('v26.12.1')).toBe(true);
    expect(on('24.22.3', ['--no-async-context-frame'])).toBe(false);
    expect(on('24.22.3', [], '--no-async-context-frame')).toBe(false);
  });

  it('lets the command line override NODE_OPTIONS, the last flag winning', () => {
    expect(on('24.22.3', ['--async-context-frame'], '--no-async-context-frame')).toBe(true);
    expect(on('24.22.3', ['--async-context-frame', '--no-async-context-frame'])).toBe(false);
  });

  it('reads the running process by default', () => {
    const major = Number(process.versions.node.split('.')[0]);
    const disabled = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some(
      (f) => f === '--no-async-context-frame',
    );
    if (major >= 24 && !disabled) expect(asyncContextFrameEnabled()).toBe(true);
    if (major < 22) expect(asyncContextFrameEnabled()).toBe(false);
  });
});
