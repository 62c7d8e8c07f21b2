import 'reflect-metadata';
import { ApplicationContext } from '@tenon/core';
import { ClockService } from '../src/clock.service';
import { GreetingService } from '../src/greeting.service';
import { HelloModule } from '../src/hello.module';

describe('GreetingService', () => {
  it('greets by the time of day from the injected clock', async () => {
    const morning = { now: () => new Date(2026, 0, 1, 9) };
    const context = await ApplicationContext.create(HelloModule, {
      overrides: new Map([[ClockService, { useValue: morning }]]),
    });
    expect(context.get(GreetingService).greet('Ada')).toBe('Good morning, Ada!');
    await context.close();
  });

  it('is built with the real clock when nothing is replaced', async () => {
    const context = await ApplicationContext.create(HelloModule);
    expect(context.get(GreetingService).greet('Ada')).toMatch(/^Good (morning|afternoon|evening), Ada!$/);
    await context.close();
  });
});
