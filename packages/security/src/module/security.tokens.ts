import { InjectionToken } from '@tenon/core';
import type { SecurityModuleOptions } from './security-options';

/** The options `SecurityModule.forRoot()`/`forRootAsync()` registered, after their defaults. */
export const SECURITY_OPTIONS = new InjectionToken<SecurityModuleOptions>('SecurityModule options');
