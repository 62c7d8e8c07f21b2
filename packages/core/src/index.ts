import './reflect-check';
import { installCodeCache } from './loading/code-cache';
import { enableCompileCache } from './loading/compile-cache';

// Before the requires below. The package's entry file has installed the code cache already (it
// is a no-op then); here for a load of dist/index.js itself. Node's compile cache covers what the
// code cache leaves to Node (ES modules, modules that call import()).
installCodeCache();
enableCompileCache();

export { codeCache } from './loading/code-cache';
export type { CodeCacheState, CodeCacheStatus } from './loading/code-cache';

export { TenonError } from './errors/tenon.error';
export { CoreErrorCode } from './errors/errors';
export type { Type, Abstract } from './metadata/type';
export { InjectionToken } from './metadata/injection-token';
export { forwardRef } from './metadata/forward-ref';
export type { ForwardReference } from './metadata/forward-ref';
export { tokenName } from './metadata/token';
export type { Token, TokenValue } from './metadata/token';
export { Module } from './decorators/module.decorator';
export { Global } from './decorators/global.decorator';
export { Injectable } from './decorators/injectable.decorator';
export type { InjectableOptions } from './decorators/injectable.decorator';
export { Inject } from './decorators/inject.decorator';
export { Optional } from './decorators/optional.decorator';
export { Scope } from './module/scope';
export type {
  Provider,
  ClassProvider,
  ValueProvider,
  FactoryProvider,
  ExistingProvider,
  FactoryDependency,
} from './module/provider';
export type { ModuleMetadata, DynamicModule, ModuleImport, ModuleExport } from './module/module-metadata';
export { isModule } from './module/is-module';
export {
  RequestContext,
  currentRequestContext,
  liveRequestContextCount,
  trackRequestContexts,
} from './request/request-context';
export type { RequestScopeOptions } from './request/request-context';
export { asyncContextFrameEnabled } from './request/async-context-frame';
export type { NodeRuntime } from './request/async-context-frame';
export { ApplicationContext } from './application/application-context';
export type { ApplicationContextOptions } from './application/application-context-options';
export type { ModuleContext, GetOptions } from './application/module-context';
export type { BootExtension, ScannedGraph, ScannedModule } from './application/boot-extension';
export {
  APP_GUARD,
  APP_INTERCEPTOR,
  APP_PIPE,
  APP_FILTER,
  APP_ENHANCERS,
} from './enhancers/app-enhancer.tokens';
export type { AppEnhancerEntry, AppEnhancerKind } from './enhancers/app-enhancer.tokens';
export { appEnhancerEntries } from './enhancers/app-enhancers.extension';
export type { ProviderOverride } from './injector/provider-factory';
export type { PhaseTimings } from './injector/container';
export { INQUIRER } from './injector/inquirer';
export { DiscoveryService } from './discovery/discovery.service';
export type { DiscoveredClass, DiscoveredModule, DiscoveredMethod } from './discovery/discovered-class';
export type {
  OnModuleInit,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
  OnModuleDestroy,
  OnApplicationShutdown,
} from './lifecycle/lifecycle-hooks';
export { createConfigurableModule } from './module/configurable-module.builder';
export type {
  AsyncModuleOptions,
  ModuleOptionsFactory,
  ConfigurableModuleDefinition,
  ConfigurableModuleStatics,
  FeatureDefinition,
} from './module/configurable-module.builder';
export { Logger } from './logger/logger';
export type { LogMeta } from './logger/logger';
export { createRootLogger } from './logger/root-logger.factory';
export type { LoggerOptions, LogLevel, LogFormat } from './logger/logger-options';
export { ConfigModule } from './config/config.module';
export type { ConfigModuleOptions } from './config/config-options';
export { ConfigProperties } from './config/config-properties.decorator';
export { Secret, getSecretProperties, isSecretProperty } from './config/secret.decorator';
export { redactConfig } from './config/redact';
export { InvalidConfigError } from './config/invalid-config.error';
export type { ConfigViolation, ConfigValueSource } from './config/invalid-config.error';
export { loadConfig } from './config/config.loader';
export { ConfigFileUnreadableError } from './config/config-file-unreadable.error';
export { ConfigFileMalformedError } from './config/config-file-malformed.error';
export { InvalidConfigSchemaError } from './config/invalid-config-schema.error';
export { InvalidLoggerOptionsError } from './logger/invalid-logger-options.error';
export { codePointLength } from './text/code-point-length';
