import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
} from '@tenon/http';
import type { Page } from '@tenon/data';
import { CreateTodoDto, CreateTodosDto, ListTodosQuery, SearchTodosQuery, UpdateTodoDto } from './todo.dto';
import type { Todo } from './todo.entity';
import { TodoService } from './todo.service';

/** `/todos`: CRUD with paging, search, a batch insert and optimistic locking. */
@Controller('todos')
export class TodoController {
  constructor(private readonly service: TodoService) {}

  @Get()
  list(@Query() query: ListTodosQuery): Promise<Page<Todo>> {
    return this.service.list(query);
  }

  @Get('search')
  search(@Query() query: SearchTodosQuery): Promise<Todo[]> {
    return this.service.search(query.q);
  }

  @Get('stats')
  stats(): Promise<{ open: number; done: number }> {
    return this.service.stats();
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number): Promise<Todo> {
    return this.service.get(id);
  }

  @Post()
  @HttpCode(201)
  create(@Body() dto: CreateTodoDto): Promise<Todo> {
    return this.service.create(dto);
  }

  @Post('batch')
  @HttpCode(201)
  createMany(@Body() dto: CreateTodosDto): Promise<Todo[]> {
    return this.service.createMany(dto.todos);
  }

  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: UpdateTodoDto): Promise<Todo> {
    return this.service.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.service.remove(id);
  }
}
