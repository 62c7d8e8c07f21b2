import type { BootExtension, ScannedGraph } from '@tenon/core';
import type * as Http from '@tenon/http';
import { loadPeer } from '../util/load-peer';

export type HttpModule = typeof Http;

/** `@tenon/http`, loaded on first use: `feature` names the call in the error when it is missing. */
export function loadHttp(feature: string): HttpModule {
  return loadPeer<HttpModule>('@tenon/http', feature);
}

/**
 * `@tenon/http`'s boot extension for `compile()`, taken only when the tree has controllers (and
 * then `@tenon/http` is installed: controllers are declared with its decorators), so unit tests
 * of services never load Fastify. With it, the guard, interceptor, pipe and filter classes named
 * in decorators are providers of their modules, as in the application: `overrideGuard()` and the
 * others find them, and `TestingModule.createHttpApplication()` serves them with injection.
 */
export function httpWhenControllers(): BootExtension {
  let http: BootExtension | undefined;
  return {
    name: '@tenon/testing http',
    afterScan(graph: ScannedGraph) {
      if (!graph.modules.some((m) => m.controllers.length > 0)) return;
      http = loadHttp('a testing module with controllers').HttpApplication.bootExtension();
      http.afterScan?.(graph);
    },
    beforeLink(graph: ScannedGraph) {
      http?.beforeLink?.(graph);
    },
  };
}
