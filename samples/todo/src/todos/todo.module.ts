import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { TodoController } from './todo.controller';
import { TodoRepository } from './todo.repository';
import { TodoService } from './todo.service';

/** The todo feature: its repository, service and controller. */
@Module({
  imports: [DataModule.forFeature([TodoRepository])],
  controllers: [TodoController],
  providers: [TodoService],
})
export class TodoModule {}
