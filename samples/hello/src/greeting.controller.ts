import { IsOptional, IsString, Length } from 'class-validator';
import { Controller, Get, Query } from '@tenon/http';
import { GreetingService } from './greeting.service';
import { HelloConfig } from './hello.config';

/** `?name=Ada`: optional, 1 to 50 characters. */
export class GreetingQuery {
  @IsOptional() @IsString() @Length(1, 50) name?: string;
}

/** `GET /hello?name=Ada` → `{ "message": "Good morning, Ada!" }`. */
@Controller('hello')
export class GreetingController {
  constructor(
    private readonly greetings: GreetingService,
    private readonly config: HelloConfig,
  ) {}

  @Get()
  greet(@Query() query: GreetingQuery): { message: string } {
    return { message: this.greetings.greet(query.name ?? this.config.greetingName) };
  }
}
