import { HttpErrorCode } from './errors';
import { HttpBootError } from './http-boot.error';

/**
 * `app.getHttpServer()` was called before the routes were mounted: a client (supertest) would
 * reach a server that answers nothing yet.
 *
 * @example
 * request(app.getHttpServer()).get('/cats'); // before await app.init()
 */
export class NotInitializedError extends HttpBootError {
  constructor(method: string) {
    super(
      HttpErrorCode.NOT_INITIALIZED,
      `app.${method}() was called before the application was initialized: its routes are mounted by init(), listen() or the first inject(). ` +
        `Fix: await app.init() (or app.listen()) first, e.g. in beforeAll: app = await moduleRef.createHttpApplication(); await app.init();`,
    );
  }
}

/**
 * `app.getUrl()` was called while the server is not listening on a port.
 *
 * @example
 * await app.init(); app.getUrl(); // init() mounts the routes but opens no port
 */
export class NotListeningError extends HttpBootError {
  constructor() {
    super(
      HttpErrorCode.NOT_LISTENING,
      `app.getUrl() was called but the server is not listening on a port (init() and inject() open none). ` +
        `Fix: await app.listen({ port: 0 }) first, or use the URL listen() returns.`,
    );
  }
}
