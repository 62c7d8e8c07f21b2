import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Exclude, Expose } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString } from 'class-validator';
import { ApiResponse, Controller, Get, HttpApplication, SerializeOptions } from '@tenon/http';

class UserView {
  id = 1;
  name = 'ann';
  @Exclude() passwordHash = 'secret-hash';
  @Expose({ groups: ['admin'] }) email = 'ann@example.test';
}

@Controller('users')
class UsersController {
  @Get() list() {
    return [new UserView()];
  }
  @Get('admin') @SerializeOptions({ groups: ['admin'] }) admin() {
    return new UserView();
  }
  @Get('plain') plain() {
    return { passwordHash: 'kept: a plain object is sent as it is' };
  }
}

@Module({ controllers: [UsersController] })
class UsersModule {}

describe('response serialization', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(UsersModule, { logger: false });
  });
  afterAll(() => app.close());

  it('applies @Exclude and @Expose groups to returned instances and arrays of them', async () => {
    expect((await app.inject('/users')).json()).toEqual([{ id: 1, name: 'ann' }]);
    expect((await app.inject('/users/admin')).json()).toEqual({
      id: 1,
      name: 'ann',
      email: 'ann@example.test',
    });
    expect((await app.inject('/users/plain')).json()).toEqual({
      passwordHash: 'kept: a plain object is sent as it is',
    });
  });
});

describe('compiled response serialization', () => {
  class TodoView {
    @IsInt() id!: number;
    @IsString() title!: string;
    @IsOptional() @IsBoolean() done?: boolean;
  }

  @Controller('todos')
  class TodoController {
    @Get() @ApiResponse({ status: 200, type: TodoView, isArray: true }) list() {
      return [{ id: 1, title: 'a', done: false, internalNote: 'not declared' }];
    }
    @Get('one') @ApiResponse({ status: 200, type: TodoView }) one() {
      return { id: 2, title: 'b', done: null, secret: 'x' };
    }
  }

  @Module({ controllers: [TodoController] })
  class TodoModule {}

  it('sends only declared properties when compiledSerialization is on', async () => {
    const app = await HttpApplication.create(TodoModule, { logger: false, compiledSerialization: true });
    expect((await app.inject('/todos')).json()).toEqual([{ id: 1, title: 'a', done: false }]);
    expect((await app.inject('/todos/one')).json()).toEqual({ id: 2, title: 'b', done: null });
    await app.close();
    const plain = await HttpApplication.create(TodoModule, { logger: false });
    expect((await plain.inject('/todos')).json()).toEqual([
      { id: 1, title: 'a', done: false, internalNote: 'not declared' },
    ]);
    await plain.close();
  });
});
