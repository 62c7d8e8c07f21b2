import { InjectionToken, type Type } from '@tenon/core';
import type { AuditorProvider, QueryLogEvent } from '../connection/database';
import type { ConnectionOptions } from '../connection/connection-options';
import type { SchemaMode } from '../schema/schema-mode';

/**
 * Options of `DataModule.forRoot` (or what `forRootAsync`'s factory returns).
 *
 * @example
 * DataModule.forRoot({ url: 'postgres://app@db/shop', schema: 'migrate', migrationsFolder: join(__dirname, 'migrations') })
 */
export interface DataModuleOptions extends ConnectionOptions {
  /** Default: `'migrate'` when `migrationsFolder` is set, otherwise `'none'`. */
  schema?: SchemaMode;
  migrationsFolder?: string;
  /** Entities for `create`/`validate` besides those of the repositories in the app. */
  entities?: Type[];
  /** Called after every statement. */
  log?: (event: QueryLogEvent) => void;
}

/** The options object, injectable. */
export const DATA_MODULE_OPTIONS = new InjectionToken<DataModuleOptions>('DataModuleOptions');

/**
 * Who is acting, for `@CreatedBy`/`@LastModifiedBy`: provide a class under this token (in a
 * global module, or with `DataModule.forRoot({ ... }, { auditor: MyAuditor })`).
 *
 * @example
 * providers: [{ provide: AUDITOR_PROVIDER, useClass: CurrentUserAuditor }]
 */
export const AUDITOR_PROVIDER = new InjectionToken<AuditorProvider>('AuditorProvider');
