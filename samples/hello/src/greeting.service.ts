import { Injectable } from '@tenon/core';
import { ClockService } from './clock.service';

/** Builds a greeting; receives the clock by constructor type. */
@Injectable()
export class GreetingService {
  constructor(private readonly clock: ClockService) {}

  greet(name: string): string {
    const hour = this.clock.now().getHours();
    const part = hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening';
    return `Good ${part}, ${name}!`;
  }
}
