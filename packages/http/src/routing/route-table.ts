import type { Type } from '@tenon/core';
import { getControllerMetadata } from '../decorators/controller.decorator';
import { getRouteMetadata, getRouteVersion } from '../decorators/route.decorator';
import { InvalidRoutePathError } from '../errors/invalid-route-path.error';
import { RouteConflictError } from '../errors/route-conflict.error';
import type { HttpMethod } from '../metadata/http-method';
import { VERSION_NEUTRAL, type VersionValue } from '../metadata/version';
import { invalidPathReason, joinPath, pathShape } from './route-path';
import type { VersioningOptions } from './versioning';

/** One method + path of one handler, as registered on Fastify. */
export interface RouteDefinition<O = unknown> {
  method: HttpMethod;
  path: string;
  /** The version constraint (header versioning only). */
  version: string | undefined;
  host: string | RegExp | undefined;
  controller: Type;
  handlerName: string;
  handler: Function;
  /** Whatever the caller attached to the controller (its module, for resolution). */
  owner: O;
}

export interface RouteTableOptions {
  globalPrefix?: string;
  versioning?: VersioningOptions;
}

/** Method names with a route decorator, own and inherited, in declaration order. */
export function routeMethodNames(controller: Function): string[] {
  const names: string[] = [];
  const chain: object[] = [];
  for (
    let p = controller.prototype as object | null;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    chain.unshift(p);
  }
  for (const proto of chain) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (controller.prototype as Record<string, unknown>)[name];
      if (
        name !== 'constructor' &&
        typeof value === 'function' &&
        getRouteMetadata(value) &&
        !names.includes(name)
      ) {
        names.push(name);
      }
    }
  }
  return names;
}

function versionsOf(
  value: VersionValue | undefined,
  versioning: VersioningOptions | undefined,
): (string | undefined)[] {
  if (!versioning || value === VERSION_NEUTRAL) return [undefined];
  if (value === undefined) return [versioning.defaultVersion];
  return typeof value === 'string' ? [value] : [...value];
}

/**
 * Builds the route table once at boot from controller metadata: full paths (global prefix,
 * URI version, controller prefix, route path), one entry per method. Invalid paths and two
 * handlers answering the same request are boot errors.
 *
 * @example
 * const routes = buildRouteTable([{ controller: TodoController, owner: undefined }], { globalPrefix: 'api' });
 */
export function buildRouteTable<O>(
  controllers: readonly { controller: Type; owner: O }[],
  options: RouteTableOptions = {},
): RouteDefinition<O>[] {
  const routes: RouteDefinition<O>[] = [];
  const seen = new Map<string, string>();
  for (const { controller, owner } of controllers) {
    const meta = getControllerMetadata(controller) ?? { paths: [''], version: undefined, host: undefined };
    for (const handlerName of routeMethodNames(controller)) {
      const handler = (controller.prototype as Record<string, Function>)[handlerName]!;
      const route = getRouteMetadata(handler)!;
      const label = `${controller.name}.${handlerName}`;
      const versions = versionsOf(getRouteVersion(handler) ?? meta.version, options.versioning);
      for (const prefix of meta.paths) {
        for (const routePath of route.paths) {
          const raw = joinPath(prefix, routePath);
          const reason = invalidPathReason(raw);
          if (reason) throw new InvalidRoutePathError(raw, label, reason);
          for (const version of versions) {
            const v = options.versioning;
            const uriSegment =
              v?.type === 'uri' && version !== undefined ? `${v.prefix ?? 'v'}${version}` : '';
            const path = joinPath(options.globalPrefix ?? '', uriSegment, prefix, routePath);
            const headerVersion = options.versioning?.type === 'header' ? version : undefined;
            for (const method of route.methods) {
              const constraint =
                (headerVersion ? ` (version ${headerVersion})` : '') +
                (meta.host ? ` (host ${String(meta.host)})` : '');
              const key = `${method} ${pathShape(path)}${constraint}`;
              const previous = seen.get(key);
              if (previous) throw new RouteConflictError(method, path, previous, label, constraint);
              seen.set(key, label);
              routes.push({
                method,
                path,
                version: headerVersion,
                host: meta.host,
                controller,
                handlerName,
                handler,
                owner,
              });
            }
          }
        }
      }
    }
  }
  return routes;
}

/** The route table as printed at boot (debug level): one line per route. */
export function formatRouteTable(routes: readonly RouteDefinition<unknown>[]): string {
  return routes
    .map((r) => {
      const extra =
        (r.version ? ` [version ${r.version}]` : '') + (r.host ? ` [host ${String(r.host)}]` : '');
      return `${r.method.padEnd(7)} ${r.path}${extra} → ${r.controller.name}.${r.handlerName}`;
    })
    .join('\n');
}
