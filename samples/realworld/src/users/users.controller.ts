import { ApiOperation, ApiTags, Body, Controller, Get, HttpCode, Post, Put, UseGuards } from '@tenon/http';
import type { AuthUser } from '../auth/auth-user';
import { AuthGuard } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { LoginUserRequest, NewUserRequest, UpdateUserRequest, type UserResponse } from './user.dto';
import { UsersService } from './users.service';

/** `POST /users` (register) and `POST /users/login`: no token needed. */
@Controller('users')
@ApiTags('User and Authentication')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'CreateUser', summary: 'Register a new user' })
  register(@Body() request: NewUserRequest): Promise<UserResponse> {
    return this.users.register(request.user);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ operationId: 'Login', summary: 'Existing user login' })
  login(@Body() request: LoginUserRequest): Promise<UserResponse> {
    return this.users.login(request.user);
  }
}

/** `GET /user` and `PUT /user`: the caller's own account. */
@Controller('user')
@ApiTags('User and Authentication')
@UseGuards(AuthGuard)
export class CurrentUserController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ operationId: 'GetCurrentUser', summary: 'Get current user' })
  get(@CurrentUser() user: AuthUser): Promise<UserResponse> {
    return this.users.current(user);
  }

  @Put()
  @ApiOperation({ operationId: 'UpdateCurrentUser', summary: 'Update current user' })
  update(@CurrentUser() user: AuthUser, @Body() request: UpdateUserRequest): Promise<UserResponse> {
    return this.users.update(user, request.user);
  }
}
