import 'reflect-metadata';
import { scopesEveryRequest } from '../../src/application/request-scope-mode';

describe('scopesEveryRequest', () => {
  const node20 = { version: '20.20.2', execArgv: [] };
  const node24 = { version: '24.22.3', execArgv: [] };

  it("'always' scopes every request and 'route' none, on any runtime", () => {
    expect(scopesEveryRequest('always', node20)).toBe(true);
    expect(scopesEveryRequest('route', node24)).toBe(false);
  });

  it("'auto' and no value scope every request only where AsyncContextFrame is on", () => {
    expect(scopesEveryRequest('auto', node20)).toBe(false);
    expect(scopesEveryRequest(undefined, node24)).toBe(true);
    expect(
      scopesEveryRequest('auto', { version: '22.12.0', execArgv: ['--experimental-async-context-frame'] }),
    ).toBe(true);
  });

  it("'auto' scopes every request only when the application writes logs", () => {
    expect(scopesEveryRequest('auto', node24, false)).toBe(false);
    expect(scopesEveryRequest(undefined, node24, true)).toBe(true);
    expect(scopesEveryRequest('always', node24, false)).toBe(true);
  });
});
