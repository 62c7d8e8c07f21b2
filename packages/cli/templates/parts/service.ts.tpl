import { Injectable } from '@tenon/core';

/** {{Name}}Service: put the {{name}} use cases here; inject repositories and other services by type. */
@Injectable()
export class {{Name}}Service {
  hello(): string {
    return 'hello from {{Name}}Service';
  }
}
