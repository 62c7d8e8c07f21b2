import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { AuthModule } from '../auth/auth.module';
import { CurrentUserController, UsersController } from './users.controller';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** Registration, login and the current user. Exports the users for profiles and articles. */
@Module({
  imports: [DataModule.forFeature([UserRepository]), AuthModule],
  controllers: [UsersController, CurrentUserController],
  providers: [UsersService],
  exports: [UserRepository],
})
export class UsersModule {}
