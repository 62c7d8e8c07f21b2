/* eslint-disable @typescript-eslint/no-require-imports -- each test requires the packages anew, after its mocks */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// @fastify/swagger-ui, @fastify/static, @fastify/view and eta are optional peers of @tenon/http.
// Each test hides some of them the way Node reports a package that is not installed.
const OPTIONAL = ['@fastify/swagger-ui', '@fastify/static', '@fastify/view', 'eta'];

function notInstalled(id: string): Error {
  return Object.assign(
    new Error(`Cannot find module '${id}'\nRequire stack:\n- /app/node_modules/@tenon/http`),
    {
      code: 'MODULE_NOT_FOUND',
    },
  );
}

/** Fresh copies of the packages in which the `missing` ones cannot be loaded. */
function withMissing(...missing: string[]): {
  core: typeof import('@tenon/core');
  http: typeof import('@tenon/http');
} {
  jest.resetModules();
  for (const id of missing) {
    jest.doMock(id, () => {
      throw notInstalled(id);
    });
  }
  return { core: require('@tenon/core'), http: require('@tenon/http') };
}

afterEach(() => {
  for (const id of OPTIONAL) jest.dontMock(id);
});

async function bootError(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the boot to fail');
}

describe('optional peers of @tenon/http', () => {
  it('without @fastify/swagger-ui the OpenAPI document is still served and /docs is not', async () => {
    const { core, http } = withMissing('@fastify/swagger-ui', '@fastify/static');
    class AppModule {}
    core.Module({})(AppModule);
    const app = await http.HttpApplication.create(AppModule, { logger: false });
    try {
      expect((await app.inject('/openapi.json')).statusCode).toBe(200);
      expect((await app.inject('/docs/')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('TENON_HTTP_PACKAGE_NOT_INSTALLED when docsPath asks for Swagger UI and it is not installed', async () => {
    const { core, http } = withMissing('@fastify/swagger-ui');
    class AppModule {}
    core.Module({})(AppModule);
    const app = await http.HttpApplication.create(AppModule, {
      logger: false,
      openapi: { docsPath: '/api-docs' },
    });
    const error = await bootError(() => app.init());
    await app.close();
    expect(error.code).toBe('TENON_HTTP_PACKAGE_NOT_INSTALLED');
    expect(error.message).toBe(
      `Swagger UI (openapi.docsPath '/api-docs') needs the package "@fastify/swagger-ui", which is not installed. ` +
        'Install it with: npm install @fastify/swagger-ui',
    );
  });

  it('TENON_HTTP_PACKAGE_NOT_INSTALLED names @fastify/view and eta for the views option', async () => {
    const { core, http } = withMissing('@fastify/view');
    class AppModule {}
    core.Module({})(AppModule);
    const root = mkdtempSync(join(tmpdir(), 'tenon-views-'));
    const app = await http.HttpApplication.create(AppModule, {
      logger: false,
      openapi: false,
      views: { root },
    });
    const error = await bootError(() => app.init());
    await app.close();
    expect(error.code).toBe('TENON_HTTP_PACKAGE_NOT_INSTALLED');
    expect(error.message).toBe(
      'The views option (templates for @Render()) needs the package "@fastify/view", which is not installed. ' +
        'Install it with: npm install @fastify/view eta',
    );
  });

  it('TENON_HTTP_PACKAGE_NOT_INSTALLED for eta alone', async () => {
    const { core, http } = withMissing('eta');
    class AppModule {}
    core.Module({})(AppModule);
    const root = mkdtempSync(join(tmpdir(), 'tenon-views-'));
    const app = await http.HttpApplication.create(AppModule, {
      logger: false,
      openapi: false,
      views: { root },
    });
    const error = await bootError(() => app.init());
    await app.close();
    expect(error.code).toBe('TENON_HTTP_PACKAGE_NOT_INSTALLED');
    expect(error.message).toBe(
      'The views option (templates for @Render()) needs the package "eta", which is not installed. ' +
        'Install it with: npm install @fastify/view eta',
    );
  });

  it('TENON_HTTP_PACKAGE_NOT_INSTALLED for staticFiles without @fastify/static', async () => {
    const { core, http } = withMissing('@fastify/static');
    class AppModule {}
    core.Module({})(AppModule);
    const app = await http.HttpApplication.create(AppModule, {
      logger: false,
      openapi: false,
      staticFiles: { root: tmpdir(), prefix: '/files/' },
    });
    const error = await bootError(() => app.init());
    await app.close();
    expect(error.code).toBe('TENON_HTTP_PACKAGE_NOT_INSTALLED');
    expect(error.message).toBe(
      'The staticFiles option needs the package "@fastify/static", which is not installed. ' +
        'Install it with: npm install @fastify/static',
    );
  });

  it('a dependency missing inside an installed peer is not reported as the peer missing', async () => {
    const { loadOptionalPackage } =
      require('../../src/application/load-optional-package') as typeof import('../../src/application/load-optional-package');
    const inner = notInstalled('send');
    expect(() =>
      loadOptionalPackage('@fastify/static', 'Static files', ['@fastify/static'], () => {
        throw inner;
      }),
    ).toThrow(inner);
  });
});
