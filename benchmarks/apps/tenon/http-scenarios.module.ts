import { Module } from '@tenon/core';
import { Body, Controller, Get, HttpCode, Post } from '@tenon/http';
import { CreateUserDto } from '../shared/create-user.dto';
import { HELLO_BODY } from '../shared/payloads';
import {
  ChainController,
  ChainRequestController,
  RequestServiceA,
  RequestServiceB,
  RequestServiceC,
  ServiceA,
  ServiceB,
  ServiceC,
} from './chain';

@Controller()
export class HelloController {
  @Get('hello')
  hello(): typeof HELLO_BODY {
    return HELLO_BODY;
  }
}

@Controller('users')
export class UsersController {
  @Post()
  @HttpCode(201)
  create(@Body() user: CreateUserDto): CreateUserDto {
    return user;
  }
}

@Module({
  controllers: [HelloController, UsersController, ChainController, ChainRequestController],
  providers: [ServiceA, ServiceB, ServiceC, RequestServiceA, RequestServiceB, RequestServiceC],
})
export class HttpScenariosModule {}
