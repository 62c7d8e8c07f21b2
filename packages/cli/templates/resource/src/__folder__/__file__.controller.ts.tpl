import type { Page } from '@tenon/data';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@tenon/http';
import { Create{{Name}}Dto, List{{Names}}Query, Update{{Name}}Dto } from './{{file}}.dto{{ext}}';
import type { {{Name}} } from './{{file}}.entity{{ext}}';
import { {{Name}}Service } from './{{file}}.service{{ext}}';

/** `/{{path}}`: list (paged), read, create, update (optimistic locking) and delete. */
@Controller('{{path}}')
export class {{Name}}Controller {
  constructor(private readonly service: {{Name}}Service) {}

  @Get()
  list(@Query() query: List{{Names}}Query): Promise<Page<{{Name}}>> {
    return this.service.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number): Promise<{{Name}}> {
    return this.service.get(id);
  }

  @Post()
  @HttpCode(201)
  create(@Body() dto: Create{{Name}}Dto): Promise<{{Name}}> {
    return this.service.create(dto);
  }

  @Patch(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() dto: Update{{Name}}Dto): Promise<{{Name}}> {
    return this.service.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.service.remove(id);
  }
}
