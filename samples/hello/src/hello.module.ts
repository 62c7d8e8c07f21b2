import { Module } from '@tenon/core';
import { ClockService } from './clock.service';
import { GreetingService } from './greeting.service';

@Module({ providers: [ClockService, GreetingService], exports: [GreetingService] })
export class HelloModule {}
