import type { DiscoveryService } from '@tenon/core';
import { DuplicateResponderError } from '../errors/boot.errors';
import type { HandlerMetadata, HandlerParam } from '../metadata/handler-metadata';
import { HANDLER_PARAMS, IDEMPOTENT, MESSAGE_HANDLER } from '../metadata/metadata-keys';
import type { MessagingModuleOptions } from '../module/messaging-options';
import { DEFAULT_RETRY } from '../transport/retry-policy';
import type { HandlerDefinition } from './handler-definition';

/** Every `@MessagePattern` / `@EventPattern` method of the application, resolved for dispatch. */
export function discoverHandlers(
  discovery: DiscoveryService,
  options: MessagingModuleOptions,
): HandlerDefinition[] {
  const handlers: HandlerDefinition[] = [];
  const seen = new Map<unknown, Set<string>>();
  const responders = new Map<string, string>();
  for (const found of discovery.methodsWithMetadata<HandlerMetadata>(MESSAGE_HANDLER)) {
    const { owner, methodName, metadata } = found;
    // A class provided in two modules (or under two tokens) is one handler, not two.
    const identity = owner.instance ?? owner.token;
    const methods = seen.get(identity) ?? new Set<string>();
    if (methods.has(methodName)) continue;
    seen.set(identity, methods.add(methodName));
    const prototype = owner.metatype!.prototype as object;
    const label = `${owner.name}.${methodName}`;
    if (metadata.kind === 'request') {
      const first = responders.get(metadata.subject);
      if (first && first !== label) throw new DuplicateResponderError(metadata.subject, first, label);
      responders.set(metadata.subject, label);
    }
    const defaultGroup = options.group ? `${options.group}.${label}` : label;
    handlers.push({
      owner,
      methodName,
      label,
      metadata,
      group: metadata.options.group ?? (metadata.kind === 'request' ? metadata.subject : defaultGroup),
      concurrency: metadata.options.concurrency ?? options.concurrency ?? 16,
      retry: { ...DEFAULT_RETRY, ...options.retry, ...metadata.options.retry },
      idempotent: Reflect.getMetadata(IDEMPOTENT, prototype, methodName) === true,
      params: [
        ...((Reflect.getMetadata(HANDLER_PARAMS, prototype, methodName) as HandlerParam[] | undefined) ?? []),
      ].sort((a, b) => a.index - b.index),
      paramTypes:
        (Reflect.getMetadata('design:paramtypes', prototype, methodName) as unknown[] | undefined) ?? [],
    });
  }
  return handlers;
}
