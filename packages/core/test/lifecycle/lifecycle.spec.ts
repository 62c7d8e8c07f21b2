import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  ApplicationContext,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@tenon/core';

describe('lifecycle', () => {
  function tracked(name: string, log: string[]) {
    @Injectable()
    class Tracked
      implements
        OnModuleInit,
        OnApplicationBootstrap,
        BeforeApplicationShutdown,
        OnModuleDestroy,
        OnApplicationShutdown
    {
      async onModuleInit() {
        await new Promise((r) => setTimeout(r, 1));
        log.push(`init:${name}`);
      }
      onApplicationBootstrap() {
        log.push(`bootstrap:${name}`);
      }
      beforeApplicationShutdown(signal?: string) {
        log.push(`before:${name}:${signal}`);
      }
      onModuleDestroy() {
        log.push(`destroy:${name}`);
      }
      onApplicationShutdown(signal?: string) {
        log.push(`shutdown:${name}:${signal}`);
      }
    }
    Object.defineProperty(Tracked, 'name', { value: name });
    return Tracked;
  }

  it('runs start hooks in dependency order (imports first) and shutdown hooks in reverse', async () => {
    const log: string[] = [];
    const Db = tracked('Db', log);
    const Users = tracked('Users', log);
    const App = tracked('App', log);
    @Module({ providers: [Db], exports: [Db] })
    class DbModule {}
    @Module({ imports: [DbModule], providers: [Users], exports: [Users] })
    class UsersModule {}
    @Module({ imports: [UsersModule], providers: [App] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(log).toEqual([
      'init:Db',
      'init:Users',
      'init:App',
      'bootstrap:Db',
      'bootstrap:Users',
      'bootstrap:App',
    ]);
    log.length = 0;
    await ctx.close('SIGTERM');
    expect(log).toEqual([
      'before:App:SIGTERM',
      'before:Users:SIGTERM',
      'before:Db:SIGTERM',
      'destroy:App',
      'destroy:Users',
      'destroy:Db',
      'shutdown:App:SIGTERM',
      'shutdown:Users:SIGTERM',
      'shutdown:Db:SIGTERM',
    ]);
    await ctx.close(); // idempotent
    expect(log).toHaveLength(9);
  });

  it('reports a failing shutdown hook and still runs the others', async () => {
    const log: string[] = [];
    @Injectable()
    class Bad implements OnModuleDestroy {
      onModuleDestroy() {
        throw new Error('flush failed');
      }
    }
    const Good = tracked('Good', log);
    @Module({ providers: [Good, Bad] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule, { logger: false });
    await ctx.close();
    expect(log).toContain('destroy:Good');
    expect(log).toContain('shutdown:Good:undefined');
    expect(ctx.shutdownErrors.map((e) => e.code)).toEqual(['TENON_CORE_LIFECYCLE_HOOK_FAILED']);
    expect(ctx.shutdownErrors[0]!.message).toContain(
      'Bad.onModuleDestroy() in AppModule failed: Error: flush failed',
    );
  });

  it('a failed boot runs the shutdown hooks of what it had built, and throws the boot error', async () => {
    const log: string[] = [];
    @Injectable()
    class Pool implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
      onModuleInit() {
        log.push('init:Pool');
      }
      onModuleDestroy() {
        log.push('destroy:Pool');
      }
      onApplicationShutdown() {
        log.push('shutdown:Pool');
      }
    }
    const NEEDS_SECRET = Symbol('NEEDS_SECRET');
    @Module({
      providers: [
        Pool,
        {
          provide: NEEDS_SECRET,
          inject: [Pool],
          useFactory: () => {
            throw new Error('no secret configured');
          },
        },
      ],
    })
    class AppModule {}
    const error = await ApplicationContext.create(AppModule, { logger: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TENON_CORE_FACTORY_FAILED' });
    expect((error as Error).message).toContain('no secret configured');
    // Never initialised, but built: it is released, as a pool opened in a constructor must be.
    expect(log).toEqual(['destroy:Pool', 'shutdown:Pool']);
  });

  it('bounds each shutdown hook with the time limit', async () => {
    const log: string[] = [];
    @Injectable()
    class Hangs implements OnModuleDestroy {
      onModuleDestroy() {
        return new Promise(() => undefined);
      }
    }
    const After = tracked('After', log);
    @Module({ providers: [After, Hangs] })
    class AppModule {}
    // The limit bounds every hook, After's 1 ms onModuleInit too: at 30 ms, a CI machine busy
    // with the other test files once took longer than that to run it and the boot failed.
    const ctx = await ApplicationContext.create(AppModule, { hookTimeout: 500, logger: false });
    await ctx.close();
    expect(ctx.shutdownErrors.map((e) => e.code)).toEqual(['TENON_CORE_LIFECYCLE_HOOK_TIMEOUT']);
    expect(log).toContain('shutdown:After:undefined');
  });

  it('enableShutdownHooks closes on SIGTERM and exits 0 (real process)', async () => {
    const script = join(__dirname, 'fixtures', 'shutdown-app.js');
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      const first = !out.includes('ready');
      out += d.toString();
      // Twice: a second signal during shutdown must not cut the hooks short.
      if (first && out.includes('ready')) {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGTERM'), 5);
      }
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toEqual(['ready', 'before:SIGTERM', 'shutdown:SIGTERM']);
  });
});
