import 'reflect-metadata';
import { Module } from '@tenon/core';
import type { FastifyReply } from 'fastify';
import { IsString } from 'class-validator';
import {
  Body,
  Controller,
  Get,
  HttpApplication,
  NoStore,
  Post,
  Res,
  UnauthorizedException,
} from '@tenon/http';

class LoginDto {
  @IsString() password!: string;
}

@Controller('auth')
class AuthController {
  @Post('login')
  @NoStore()
  login(@Body() dto: LoginDto) {
    if (dto.password !== 'right') throw new UnauthorizedException('Wrong credentials.');
    return { token: 'secret-token' };
  }

  @Get('raw')
  @NoStore()
  raw(@Res() reply: FastifyReply) {
    void reply.send({ token: 'sent by the handler' });
  }

  @Get('public')
  publicInfo() {
    return { version: 1 };
  }
}

@NoStore()
@Controller('user')
class UserController {
  @Get()
  me() {
    return { email: 'a@example.test', token: 't' };
  }
}

@Module({ controllers: [AuthController, UserController] })
class AppModule {}

describe('@NoStore()', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());

  it('marks a route response with credentials as not to be stored', async () => {
    const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { password: 'right' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
  });

  it('on the route errors too (guards, validation, handler exceptions)', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/auth/login', payload: { password: 'wrong' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['cache-control']).toBe('no-store');
    const invalid = await app.inject({ method: 'POST', url: '/auth/login', payload: { password: 1 } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['cache-control']).toBe('no-store');
  });

  it('on replies the handler sends itself, and on every route of a marked controller', async () => {
    expect((await app.inject('/auth/raw')).headers['cache-control']).toBe('no-store');
    expect((await app.inject('/user')).headers['cache-control']).toBe('no-store');
  });

  it('not on other routes', async () => {
    const res = await app.inject('/auth/public');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.headers.pragma).toBeUndefined();
  });
});
