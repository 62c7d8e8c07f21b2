import { HttpApplication, type HttpApplicationOptions } from '@tenon/http';
import { AppModule } from './app.module';
import { ConduitExceptionFilter } from './common/conduit-exception.filter';
import { NullCharacterPipe } from './common/null-character.pipe';

/**
 * How the Conduit API is served: under `/api`, errors in the spec's shape, unknown fields and
 * NUL characters refused (422), login and registration rate-limited, CORS open to any front end, the OpenAPI document at
 * `/openapi.json` and Swagger UI at `/docs`. `main.ts` and the e2e tests both use it, so tests
 * run the real setup.
 *
 * @example
 * const app = configureConduitApp(await HttpApplication.create(AppModule, conduitHttpOptions()));
 */
export function conduitHttpOptions(overrides: HttpApplicationOptions = {}): HttpApplicationOptions {
  return {
    globalPrefix: 'api',
    globalFilters: [ConduitExceptionFilter],
    globalPipes: [new NullCharacterPipe()],
    validation: { forbidNonWhitelisted: true },
    // Only the routes marked @RateLimit() (registration and login), 10 attempts a minute per
    // client and route: enough for people, too few to guess passwords.
    rateLimit: { global: false, max: 10, timeWindow: '1 minute' },
    // Any front end may call the API. Non-strict preflight: an OPTIONS request that lacks the
    // preflight headers is answered like a preflight rather than with a plain-text 400.
    cors: { strictPreflight: false },
    openapi: {
      title: 'Conduit API',
      version: '1.1.0',
      description: 'The RealWorld API on Tenon',
      docsPath: '/docs',
    },
    ...overrides,
  };
}

/**
 * What the app needs beyond options, applied before the first request.
 *
 * Clients of this API (the official Postman collection, axios in browsers) send
 * `Content-Type: application/json` with no body on bodiless requests such as
 * `POST /articles/:slug/favorite` and `DELETE /articles/:slug`. The JSON parser refuses an empty
 * JSON body, so such requests lose the header here and reach their route with no body; routes
 * that need one still answer 422.
 */
export function configureConduitApp(app: HttpApplication): HttpApplication {
  app.fastify.addHook('onRequest', (request, _reply, done) => {
    const { headers } = request;
    const bodiless =
      headers['content-length'] === '0' ||
      (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined);
    if (bodiless) delete headers['content-type'];
    done();
  });
  return app;
}

/** Boots the application (not listening yet). */
export async function createConduitApp(overrides: HttpApplicationOptions = {}): Promise<HttpApplication> {
  return configureConduitApp(await HttpApplication.create(AppModule, conduitHttpOptions(overrides)));
}
