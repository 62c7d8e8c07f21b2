import { InjectionToken, type ModuleImport, type Type } from '@tenon/core';
import type { HealthIndicator } from './health-indicator';

/** Options of `HealthModule.forRoot()`. */
export interface HealthModuleOptions {
  /** Provider classes (built with injection) or objects with `check()`. */
  indicators?: (Type<HealthIndicator> | HealthIndicator)[];
  /** Modules the indicator classes need (e.g. the module exporting a client they use). */
  imports?: ModuleImport[];
  /** Longest wait for one indicator, in ms (default 3000). */
  timeout?: number;
}

export const HEALTH_OPTIONS = new InjectionToken<HealthModuleOptions>('HEALTH_OPTIONS');
export const HEALTH_INDICATORS = new InjectionToken<HealthIndicator[]>('HEALTH_INDICATORS');
