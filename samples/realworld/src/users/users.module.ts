import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { CurrentUserController, UsersController } from './users.controller';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

/** Registration, login and the current user. Exports the users for profiles and articles. */
@Module({
  imports: [DataModule.forFeature([UserRepository])],
  controllers: [UsersController, CurrentUserController],
  providers: [UsersService],
  exports: [UserRepository],
})
export class UsersModule {}
