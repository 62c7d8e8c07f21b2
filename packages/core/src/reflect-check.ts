// Types only: the runtime check below must see whether the user loaded the polyfill.
import type {} from 'reflect-metadata';
import { TenonError } from './errors/tenon.error';
import { CoreErrorCode } from './errors/errors';

// Decorators store everything through the Reflect metadata API; without the polyfill every
// class would silently lose its dependencies, so fail at import with the fix instead.
if (typeof (Reflect as { getMetadata?: unknown }).getMetadata !== 'function') {
  throw new TenonError(
    CoreErrorCode.REFLECT_METADATA_MISSING,
    "The Reflect metadata API is missing, so decorators cannot record dependencies. Fix: add `import 'reflect-metadata';` as the first line of your entry file (main.ts, and a jest setup file for tests), before anything imports @tenon/core.",
  );
}
