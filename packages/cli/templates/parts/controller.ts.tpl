import { Controller, Get } from '@tenon/http';

/** `/{{path}}`. */
@Controller('{{path}}')
export class {{Name}}Controller {
  @Get()
  list(): { items: string[] } {
    return { items: [] };
  }
}
