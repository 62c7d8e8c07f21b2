import { ConfigModule, Module } from '@tenon/core';
import { ClockService } from './clock.service';
import { GreetingController } from './greeting.controller';
import { GreetingService } from './greeting.service';
import { HelloConfig } from './hello.config';

@Module({
  imports: [ConfigModule.forRoot({ schema: HelloConfig })],
  controllers: [GreetingController],
  providers: [ClockService, GreetingService],
  exports: [GreetingService],
})
export class HelloModule {}
