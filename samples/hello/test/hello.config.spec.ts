import 'reflect-metadata';
import { InvalidConfigError, loadConfig } from '@tenon/core';
import { HelloConfig } from '../src/hello.config';

describe('HelloConfig', () => {
  it('has defaults that run with no environment', () => {
    const config = loadConfig({ schema: HelloConfig, env: {}, ignoreEnvFile: true });
    expect({ ...config }).toEqual({ port: 3000, host: '127.0.0.1', greetingName: 'world' });
  });

  it('reads PORT, HOST and GREETING_NAME, converted to their types', () => {
    const config = loadConfig({
      schema: HelloConfig,
      env: { PORT: '8080', HOST: '0.0.0.0', GREETING_NAME: 'Ada' },
      ignoreEnvFile: true,
    });
    expect({ ...config }).toEqual({ port: 8080, host: '0.0.0.0', greetingName: 'Ada' });
  });

  it('refuses a port that is not a port', () => {
    expect(() => loadConfig({ schema: HelloConfig, env: { PORT: '70000' }, ignoreEnvFile: true })).toThrow(
      InvalidConfigError,
    );
  });
});
