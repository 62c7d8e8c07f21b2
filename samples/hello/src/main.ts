import 'reflect-metadata';
import { ApplicationContext } from '@tenon/core';
import { GreetingService } from './greeting.service';
import { HelloModule } from './hello.module';

async function main(): Promise<void> {
  const context = await ApplicationContext.create(HelloModule);
  const t = context.timings;
  console.log(`Booted HelloModule in ${(t.scan + t.link + t.instantiate + t.init).toFixed(1)} ms`);
  console.log('GreetingService received ClockService through its constructor.');
  console.log(context.get(GreetingService).greet(process.env.NAME ?? 'world'));
  await context.close();
}

void main();
