/** Metadata keys of @tenon/messaging's decorators (read through core's DiscoveryService). */
export const MESSAGE_HANDLER = 'tenon:messaging:handler';
export const HANDLER_PARAMS = 'tenon:messaging:params';
export const IDEMPOTENT = 'tenon:messaging:idempotent';
export const ON_EVENT = 'tenon:messaging:on-event';
