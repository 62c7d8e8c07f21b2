import type { BootExtension, Provider, Type } from '@tenon/core';
import { Reflector } from '../metadata/reflector';
import { enhancerClassesOf } from './enhancer-classes';
import { REQUEST, REQUEST_PROVIDER } from './request-token';
import { HTTP_STATE, type HttpState } from './http-state';
import { registerModuleMiddleware } from '../middleware/module-middleware';

/**
 * Takes part in core's boot: registers every guard, interceptor, pipe and filter class named in
 * a controller's decorators as a provider of the controller's module (so it gets injection and
 * its missing dependencies are boot errors), the global ones and `Reflector` globally, and the
 * request-scoped `REQUEST` token. Global enhancer classes are added to the root module
 * (`APP_GUARD` & co. are collected by core, in every application). Running
 * it twice (a caller that passes it and `create()`) registers nothing twice.
 */
export function httpBootExtension(globalClasses: readonly Type[], state: HttpState): BootExtension {
  return {
    name: '@tenon/http',
    afterScan(graph) {
      const providedSomewhere = (token: unknown): boolean =>
        graph.modules.some((m) => m.providerTokens.includes(token as never));
      // APP_GUARD & co. left their modules before: core collects them in every application.
      const globals: Provider[] = [];
      if (!providedSomewhere(Reflector)) globals.push(Reflector);
      if (!providedSomewhere(REQUEST)) globals.push(REQUEST_PROVIDER);
      if (!providedSomewhere(HTTP_STATE)) globals.push({ provide: HTTP_STATE, useValue: state });
      for (const provider of globals) graph.addGlobalProvider(provider);
      // Global enhancers live in the root module: they see what the application's root sees.
      const root = graph.modules[0];
      if (root)
        for (const cls of new Set(globalClasses))
          if (!graph.isVisible(root, cls)) graph.addProvider(root, cls);
      // Middleware classes applied in modules' configure() get their module's injection.
      registerModuleMiddleware(graph);
      for (const module of graph.modules) {
        for (const controller of module.controllers) {
          for (const cls of enhancerClassesOf(controller)) {
            if (!graph.isVisible(module, cls)) graph.addProvider(module, cls);
          }
        }
      }
    },
  };
}
