import { CrudRepository, Repository } from '@tenon/data';
import { {{Name}} } from './{{file}}.entity{{ext}}';

/** {{Names}} in the database: `findById`, `findPage`, `save`, `deleteById`… plus derived finders. */
@Repository({{Name}})
export class {{Name}}Repository extends CrudRepository<{{Name}}, number> {
  /** A derived finder: its parameters and result are typed from the name, checked at boot. */
  findByNameContainingIgnoreCase = this.derive('findByNameContainingIgnoreCase');
}
