import { Injectable } from '@tenon/core';
import { Pageable, Transactional, type Page } from '@tenon/data';
import { NotFoundException } from '@tenon/http';
import type { Create{{Name}}Dto, List{{Names}}Query, Update{{Name}}Dto } from './{{file}}.dto{{ext}}';
import type { {{Name}} } from './{{file}}.entity{{ext}}';
import { {{Name}}Repository } from './{{file}}.repository{{ext}}';

/** The {{name}} use cases; the controller stays thin. */
@Injectable()
export class {{Name}}Service {
  constructor(private readonly {{names}}: {{Name}}Repository) {}

  list(query: List{{Names}}Query): Promise<Page<{{Name}}>> {
    return this.{{names}}.findPage({ ...Pageable.of(query.page ?? 0, query.size ?? 20), orderBy: { id: 'asc' } });
  }

  async get(id: number): Promise<{{Name}}> {
    const {{name}} = await this.{{names}}.findById(id);
    if (!{{name}}) throw new NotFoundException(`{{Name}} ${id} does not exist.`);
    return {{name}};
  }

  @Transactional()
  create(dto: Create{{Name}}Dto): Promise<{{Name}}> {
    return this.{{names}}.save({ name: dto.name });
  }

  /** A stale `version` throws OptimisticLockError, which the HTTP layer answers with 409. */
  @Transactional()
  async update(id: number, dto: Update{{Name}}Dto): Promise<{{Name}}> {
    const current = await this.get(id);
    return this.{{names}}.save({ ...current, ...(dto.name !== undefined ? { name: dto.name } : {}), version: dto.version });
  }

  async remove(id: number): Promise<void> {
    if (!(await this.{{names}}.deleteById(id))) throw new NotFoundException(`{{Name}} ${id} does not exist.`);
  }
}
