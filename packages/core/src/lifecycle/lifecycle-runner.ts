import { TenonError } from '../errors/tenon.error';
import { LifecycleHookFailedError } from '../errors/lifecycle-hook-failed.error';
import { LifecycleHookTimeoutError } from '../errors/lifecycle-hook-timeout.error';
import type { ModuleRecord } from '../injector/module-record';
import type { ProviderRecord } from '../injector/provider-record';
import type { LifecycleHook } from './lifecycle-hooks';

interface Participant {
  record: ProviderRecord;
  instance: Record<string, unknown>;
}

/**
 * Calls lifecycle hooks on singleton instances, module by module in dependency order (imports
 * first) for start-up and in reverse for shutdown. Each hook is awaited with a time limit.
 */
export class LifecycleRunner {
  private readonly participants: Participant[][];

  constructor(
    moduleOrder: readonly ModuleRecord[],
    instantiationOrder: readonly ProviderRecord[],
    private readonly timeoutMs: number,
  ) {
    // Grouped by module in one pass over the build order. Hooks are looked up when they are
    // called: looking up all five now would cost more than the two that run at boot.
    const byModule = new Map<ModuleRecord, ProviderRecord[]>();
    for (const record of instantiationOrder) {
      const instance = record.instance;
      if (!record.created || !record.isSingleton || typeof instance !== 'object' || instance === null)
        continue;
      const list = byModule.get(record.module);
      if (list) list.push(record);
      else byModule.set(record.module, [record]);
    }
    this.participants = moduleOrder.map((module) => {
      const seen = new Set<unknown>();
      // Providers first in the order they were built, then controllers, then the module class
      // (the sort is stable and the lists are in build order).
      const records = (byModule.get(module) ?? []).sort((a, b) => weight(a) - weight(b));
      const list: Participant[] = [];
      for (const record of records) {
        const instance = record.instance;
        if (seen.has(instance)) continue;
        seen.add(instance);
        list.push({ record, instance: instance as Record<string, unknown> });
      }
      return list;
    });
  }

  /** Start-up: the first failure stops the sequence and is thrown. */
  async start(hook: 'onModuleInit' | 'onApplicationBootstrap'): Promise<void> {
    for (const group of this.participants) {
      // Checked before awaiting: most instances have no hooks, and an await each would cost a
      // promise and a microtask per provider at boot.
      for (const p of group) if (typeof p.instance[hook] === 'function') await this.call(p, hook, undefined);
    }
  }

  /** Shutdown: every hook runs; failures are returned, not thrown. */
  async stop(
    hook: 'beforeApplicationShutdown' | 'onModuleDestroy' | 'onApplicationShutdown',
    signal?: string,
  ): Promise<TenonError[]> {
    const failures: TenonError[] = [];
    for (let i = this.participants.length - 1; i >= 0; i--) {
      const group = this.participants[i]!;
      for (let j = group.length - 1; j >= 0; j--) {
        const p = group[j]!;
        if (typeof p.instance[hook] !== 'function') continue;
        try {
          await this.call(p, hook, signal);
        } catch (error) {
          failures.push(error as TenonError);
        }
      }
    }
    return failures;
  }

  private async call(p: Participant, hook: LifecycleHook, signal: string | undefined): Promise<void> {
    const fn = p.instance[hook];
    if (typeof fn !== 'function') return;
    const { record } = p;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LifecycleHookTimeoutError(hook, record.name, record.module.name, this.timeoutMs)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.resolve().then(() => (fn as Function).call(p.instance, signal)), timeout]);
    } catch (error) {
      if (error instanceof LifecycleHookTimeoutError) throw error;
      throw new LifecycleHookFailedError(hook, record.name, record.module.name, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

function weight(record: ProviderRecord): number {
  return record.isModule ? 2 : record.isController ? 1 : 0;
}
